package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The password rules, end to end: what an account may be given, and how it is stored. */
class PasswordTests extends DeskTest {

    private Api.Response create(String email, String password) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "name", "P", "role", "agent"));
        if (password != null) body.put("password", password);
        return admin.post("/api/v1/users", body);
    }

    private static String email() {
        return unique("pw") + "@example.com";
    }

    /** Signs in from an address of its own, so these failures slow no other test's sign-ins. */
    private Api.Response signIn(String email, String password) {
        return Api.from("127.0.0.37", port).post("/api/v1/auth/token", Map.of("email", email, "password", password));
    }

    private String hash(String email) {
        return db.sql("select password_hash from users where email = ?")
                .param(email)
                .query(String.class)
                .single();
    }

    private static void refused(Api.Response r, String says) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(fields(r, "errors", "field")).containsExactly("password");
        assertThat(fields(r, "errors", "message").get(0)).contains(says);
    }

    @Test
    void aPasswordLongerThanBcryptsSeventyTwoBytesWorksEndToEndAndEveryCharacterCounts() {
        // 40 characters of three bytes each and 40 ASCII: 160 bytes of UTF-8
        String password = "密碼".repeat(20) + "-and-some-ascii-to-make-it-longer-still!";
        assertThat(password.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(72);
        String email = email();
        assertThat(create(email, password).status()).isEqualTo(201);
        assertThat(signIn(email, password).status()).isEqualTo(200);
        assertThat(signIn(email, password.substring(0, password.length() - 1) + "?")
                        .status())
                .as("a difference after the 72nd byte still matters")
                .isEqualTo(401);
        assertThat(hash(email)).startsWith("{sha256-bcrypt}$2");
    }

    @Test
    void twelveTo1024CharactersOfAnyKind() {
        refused(create(email(), "eleven-char"), "at least 12 characters");
        assertThat(create(email(), "twelve-chars").status()).isEqualTo(201);
        String longest = "x".repeat(1_000) + "0123456789abcdefghijklmn";
        assertThat(longest).hasSize(1_024);
        String email = email();
        assertThat(create(email, longest).status()).isEqualTo(201);
        assertThat(signIn(email, longest).status()).isEqualTo(200);
        refused(create(email(), longest + "!"), "1024");
        // characters, not bytes or UTF-16 units: twelve emoji are twelve characters
        assertThat(create(email(), "🔑".repeat(11) + "🚪").status()).isEqualTo(201);
        refused(create(email(), "🔑".repeat(5) + "🚪"), "at least 12 characters");
    }

    @Test
    void commonPasswordsAndOneRepeatedCharacterAreRefused() {
        refused(create(email(), "password1234"), "most common");
        refused(create(email(), "PassWord1234"), "most common");
        refused(create(email(), "qwertyuiopasdf"), "most common");
        refused(create(email(), "aaaaaaaaaaaa"), "one character repeated");
        refused(create(email(), "            "), "one character repeated");
        assertThat(create(email(), "password1234 but longer").status()).isEqualTo(201);
    }

    @Test
    void signingInWithMoreThan1024CharactersIsBadInputNotAGuess() {
        Api.Response r = signIn(email(), "y".repeat(1_025));
        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r, "errors", "field")).containsExactly("password");
    }

    @Test
    void anExistingBcryptHashStillSignsInAndIsUpgradedThen() {
        String email = email();
        assertThat(create(email, null).status()).isEqualTo(201);
        // a hash as the previous version stored it (its rules allowed 8 characters)
        String legacy = "{bcrypt}" + new BCryptPasswordEncoder().encode("old-pass");
        db.sql("update users set password_hash = ? where email = ?")
                .params(legacy, email)
                .update();

        assertThat(signIn(email, "wrong-pass").status()).isEqualTo(401);
        assertThat(hash(email)).as("a failed sign-in changes nothing").isEqualTo(legacy);

        assertThat(signIn(email, "old-pass").status()).isEqualTo(200);
        String upgraded = hash(email);
        assertThat(upgraded).startsWith("{sha256-bcrypt}$2").isNotEqualTo(legacy);
        assertThat(signIn(email, "old-pass").status()).isEqualTo(200);
        assertThat(hash(email)).as("upgraded once").isEqualTo(upgraded);
    }

    @Test
    void anOldBcryptHashIsNotMatchedByALongerPasswordThatBeginsTheSame() {
        String stored = "s".repeat(36) + "t".repeat(36); // 72 bytes, the most bcrypt reads
        String email = email();
        assertThat(create(email, null).status()).isEqualTo(201);
        db.sql("update users set password_hash = ? where email = ?")
                .params("{bcrypt}" + new BCryptPasswordEncoder().encode(stored), email)
                .update();
        assertThat(signIn(email, stored + "-anything").status()).isEqualTo(401);
        assertThat(signIn(email, stored).status()).isEqualTo(200);
    }
}
