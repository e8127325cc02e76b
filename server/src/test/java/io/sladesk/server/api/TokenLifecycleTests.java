package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.identity.Tokens;
import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenLifecycleTests extends DeskTest {

    private String newAgentEmail() {
        String email = unique("agent") + "@example.com";
        admin.post("/api/v1/users", Map.of("email", email, "name", "A", "role", "agent", "password", "password-1"));
        return email;
    }

    @Test
    void aTokenIsStoredOnlyAsItsSha256Digest() {
        Api agent = anonymous.signIn(newAgentEmail(), "password-1");
        String hex = HexFormat.of().formatHex(Tokens.digest(agent.token()));
        assertThat(db.sql("select count(*) from api_tokens where encode(digest, 'hex') = ?")
                        .param(hex)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(db.sql("select count(*) from api_tokens where encode(digest, 'escape') like ?")
                        .param("%" + agent.token() + "%")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(agent.token()).hasSizeGreaterThanOrEqualTo(4 + 43); // prefix + 256 bits in base64url
    }

    @Test
    void passwordsAreStoredAsModernHashes() {
        String email = newAgentEmail();
        String hash = db.sql("select password_hash from users where email = ?")
                .param(email)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("password-1");
    }

    @Test
    void aRevokedTokenNoLongerWorks() {
        Api agent = anonymous.signIn(newAgentEmail(), "password-1");
        assertThat(agent.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(agent.delete("/api/v1/auth/token").status()).isEqualTo(204);
        assertThat(agent.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void signingOutEverywhereRevokesEveryTokenOfTheUser() {
        String email = newAgentEmail();
        Api first = anonymous.signIn(email, "password-1");
        Api second = anonymous.signIn(email, "password-1");
        assertThat(first.delete("/api/v1/auth/tokens").json().get("revoked").asInt())
                .isEqualTo(2);
        assertThat(second.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void tokensExpire() {
        Api agent = anonymous.signIn(newAgentEmail(), "password-1");
        Api.Response signIn = anonymous.post(
                "/api/v1/auth/token", Map.of("email", agent.get("/api/v1/me").get("email"), "password", "password-1"));
        assertThat(signIn.get("expiresAt"))
                .isEqualTo(clock.instant().plus(Duration.ofDays(30)).toString());
        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(agent.get("/api/v1/me").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(agent.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsAre401AndTooManyAreThrottledPerAccount() {
        String email = newAgentEmail();
        for (int i = 0; i < 5; i++) {
            Api.Response r = anonymous.post("/api/v1/auth/token", Map.of("email", email, "password", "wrong-" + i));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).doesNotContain("password-1");
        }
        Api.Response throttled = anonymous.post("/api/v1/auth/token", Map.of("email", email, "password", "password-1"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.raw().headers().firstValue("Retry-After")).isPresent();
        // another account from the same address is not locked by this one's failures
        assertThat(anonymous
                        .post("/api/v1/auth/token", Map.of("email", newAgentEmail(), "password", "password-1"))
                        .status())
                .isEqualTo(200);
        clock.advance(Duration.ofMinutes(16));
        assertThat(anonymous
                        .post("/api/v1/auth/token", Map.of("email", email, "password", "password-1"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void tooManyFailuresFromOneAddressAreThrottledAcrossAccounts() {
        // failures spread over many accounts, from this one address
        for (int i = 0; i < 20; i++) {
            anonymous.post("/api/v1/auth/token", Map.of("email", unique("nobody") + "@example.com", "password", "x"));
        }
        assertThat(anonymous
                        .post("/api/v1/auth/token", Map.of("email", newAgentEmail(), "password", "password-1"))
                        .status())
                .isEqualTo(429);
        clock.advance(Duration.ofMinutes(16));
        assertThat(anonymous
                        .post("/api/v1/auth/token", Map.of("email", newAgentEmail(), "password", "password-1"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void unknownEmailsAndWrongPasswordsGetTheSameAnswer() {
        Api.Response unknown = anonymous.post(
                "/api/v1/auth/token", Map.of("email", unique("ghost") + "@example.com", "password", "x"));
        Api.Response wrong = anonymous.post("/api/v1/auth/token", Map.of("email", newAgentEmail(), "password", "x"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }
}
