package io.sladesk.server.identity;

import io.sladesk.server.account.Actor;
import io.sladesk.server.account.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Bearer tokens: 256 random bits shown to the client once; the server keeps only their
 * SHA-256 digest. A fast digest is safe here because the secret has full entropy (a
 * password hash would cost every request tens of milliseconds).
 */
@Service
public class Tokens {
    private static final String PREFIX = "sdk_";
    private final SecureRandom random = new SecureRandom();
    private final JdbcClient db;
    private final Clock clock;
    private final Duration lifetime;

    Tokens(JdbcClient db, Clock clock, @Value("${sladesk.tokens.lifetime:P30D}") Duration lifetime) {
        this.db = db;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public record Issued(String token, Instant expiresAt) {}

    public Issued issue(UUID userId) {
        return issue(userId, lifetime, null);
    }

    /**
     * A token that lives {@code life} and whose requests arrive by {@code channel} (null: the
     * API itself; "widget" for the widget's session tokens).
     */
    public Issued issue(UUID userId, Duration life, String channel) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = now.plus(life);
        db.sql("insert into api_tokens (id, user_id, digest, created_at, expires_at, channel)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), userId, digest(token), Timestamp.from(now), Timestamp.from(expires), channel)
                .update();
        return new Issued(token, expires);
    }

    /** The actor a live (unexpired, unrevoked) token acts as. */
    public Optional<Actor> authenticate(String token) {
        return bearer(token).map(Bearer::actor);
    }

    /** Who a live token acts as, and the channel its requests arrive by (null: the API). */
    public record Bearer(Actor actor, String channel) {}

    public Optional<Bearer> bearer(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) return Optional.empty();
        return db.sql("select u.id, u.role, u.organization_id, t.channel from api_tokens t join users u"
                        + " on u.id = t.user_id where t.digest = ? and t.revoked_at is null and t.expires_at > ?"
                        + " and u.active")
                .params(digest(token), Timestamp.from(clock.instant()))
                .query((rs, i) -> new Bearer(
                        new Actor(
                                rs.getObject("id", UUID.class),
                                Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)),
                                rs.getObject("organization_id", UUID.class)),
                        rs.getString("channel")))
                .optional();
    }

    /** Revokes this one token; returns whether it was live. */
    public boolean revoke(String token) {
        return db.sql("update api_tokens set revoked_at = ? where digest = ? and revoked_at is null")
                        .params(Timestamp.from(clock.instant()), digest(token))
                        .update()
                > 0;
    }

    /** Revokes every token of a user (sign out everywhere). */
    /** A deactivated user's tokens are revoked with the deactivation (they also stop at once: see authenticate). */
    @org.springframework.context.event.EventListener
    void on(io.sladesk.server.account.AccountEvents.UserDeactivated e) {
        revokeAll(e.userId());
    }

    public int revokeAll(UUID userId) {
        return db.sql("update api_tokens set revoked_at = ? where user_id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), userId)
                .update();
    }

    public static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
