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
        admin.post(
                "/api/v1/users", Map.of("email", email, "name", "A", "role", "agent", "password", "correct-horse-1"));
        return email;
    }

    @Test
    void aTokenIsStoredOnlyAsItsSha256Digest() {
        Api agent = anonymous.signIn(newAgentEmail(), "correct-horse-1");
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
        assertThat(hash).startsWith("{sha256-bcrypt}$2").doesNotContain("correct-horse-1");
    }

    @Test
    void aRevokedTokenNoLongerWorks() {
        Api agent = anonymous.signIn(newAgentEmail(), "correct-horse-1");
        assertThat(agent.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(agent.delete("/api/v1/auth/token").status()).isEqualTo(204);
        assertThat(agent.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void signingOutEverywhereRevokesEveryTokenOfTheUser() {
        String email = newAgentEmail();
        Api first = anonymous.signIn(email, "correct-horse-1");
        Api second = anonymous.signIn(email, "correct-horse-1");
        assertThat(first.delete("/api/v1/auth/tokens").json().get("revoked").asInt())
                .isEqualTo(2);
        assertThat(second.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void tokensExpire() {
        Api agent = anonymous.signIn(newAgentEmail(), "correct-horse-1");
        Api.Response signIn = anonymous.post(
                "/api/v1/auth/token",
                Map.of("email", agent.get("/api/v1/me").get("email"), "password", "correct-horse-1"));
        assertThat(signIn.get("expiresAt"))
                .isEqualTo(clock.instant().plus(Duration.ofDays(30)).toString());
        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(agent.get("/api/v1/me").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(agent.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsAre401AndGuessingFromOneAddressSlowsDownWithGrowingDelays() {
        String email = newAgentEmail();
        for (int i = 0; i < 5; i++) {
            Api.Response r = anonymous.post("/api/v1/auth/token", Map.of("email", email, "password", "wrong-" + i));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).doesNotContain("correct-horse-1");
        }
        // past the free failures, this account from this address waits 1 s, then 2 s, 4 s …
        Api.Response throttled =
                anonymous.post("/api/v1/auth/token", Map.of("email", email, "password", "correct-horse-1"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.raw().headers().firstValue("Retry-After")).hasValue("1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(anonymous
                        .post("/api/v1/auth/token", Map.of("email", email, "password", "wrong-again"))
                        .status())
                .isEqualTo(401);
        Api.Response longer =
                anonymous.post("/api/v1/auth/token", Map.of("email", email, "password", "correct-horse-1"));
        assertThat(longer.status()).isEqualTo(429);
        assertThat(longer.raw().headers().firstValue("Retry-After")).hasValue("2");
        // another account from the same address is not slowed by this one's failures
        assertThat(anonymous
                        .post("/api/v1/auth/token", Map.of("email", newAgentEmail(), "password", "correct-horse-1"))
                        .status())
                .isEqualTo(200);
        clock.advance(Duration.ofSeconds(2));
        assertThat(anonymous
                        .post("/api/v1/auth/token", Map.of("email", email, "password", "correct-horse-1"))
                        .status())
                .isEqualTo(200);
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.sladesk.server.identity.SignInThrottle throttle;

    private boolean allowed(String email, String address) {
        try {
            throttle.check(email, address);
            return true;
        } catch (io.sladesk.server.platform.Problems.TooManyRequests e) {
            return false;
        }
    }

    /** Addresses from the documentation ranges: the throttle sees them as other machines. */
    @Test
    void noAttackerCanLockTheOwnerOut() {
        String email = newAgentEmail();
        for (int i = 0; i < 40; i++) throttle.failed(email, "203.0.113.9");
        assertThat(allowed(email, "203.0.113.9"))
                .as("the guessing address waits")
                .isFalse();
        assertThat(allowed(email, "198.51.100.20"))
                .as("the owner elsewhere signs in at once")
                .isTrue();
        for (int i = 0; i < 10; i++) throttle.failed(ADMIN_EMAIL, "203.0.113.10");
        assertThat(allowed(ADMIN_EMAIL, "198.51.100.21")).as("the admin too").isTrue();
        // the wait doubles with every failure past the free ones, at most the window
        assertThat(allowed(email, "203.0.113.9")).isFalse();
        clock.advance(Duration.ofMinutes(15));
        assertThat(allowed(email, "203.0.113.9"))
                .as("no wait outlasts the window")
                .isTrue();
    }

    @Test
    void tooManyFailuresFromOneAddressAreThrottledAcrossAccounts() {
        // failures spread over many accounts, from one address
        for (int i = 0; i < 20; i++) throttle.failed(unique("nobody") + "@example.com", "203.0.113.77");
        String someone = newAgentEmail();
        assertThat(allowed(someone, "203.0.113.77")).isFalse();
        assertThat(allowed(someone, "198.51.100.77"))
                .as("other addresses are not slowed")
                .isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(allowed(someone, "203.0.113.77"))
                .as("one second after the first failure past the free ones")
                .isTrue();
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
