package io.sladesk.server.identity;

import io.sladesk.server.platform.Problems.TooManyRequests;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after too many failures in a window, sign-ins for that account,
 * or from that address, are refused with 429 until the window has passed. Counted in the
 * database so every server of a cluster enforces the same limit.
 */
@Component
public class SignInThrottle {
    private final JdbcClient db;
    private final Clock clock;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;

    SignInThrottle(
            JdbcClient db,
            Clock clock,
            @Value("${sladesk.sign-in.max-failures-per-account:5}") int perAccount,
            @Value("${sladesk.sign-in.max-failures-per-address:20}") int perAddress,
            @Value("${sladesk.sign-in.window:PT15M}") Duration window) {
        this.db = db;
        this.clock = clock;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
    }

    public void check(String email, String address) {
        Instant since = clock.instant().minus(window);
        long byAccount = count("email", key(email), since);
        long byAddress = count("address", address, since);
        if (byAccount >= perAccount || byAddress >= perAddress) {
            throw new TooManyRequests(
                    "Too many failed sign-ins; try again in " + window.toMinutes() + " minutes", window.toSeconds());
        }
    }

    public void failed(String email, String address) {
        db.sql("insert into sign_in_failures (email, address, at) values (?, ?, ?)")
                .params(key(email), address, Timestamp.from(clock.instant()))
                .update();
    }

    /** A good sign-in clears that account's failures, so a user's own typos don't lock them out later. */
    public void succeeded(String email) {
        db.sql("delete from sign_in_failures where email = ?").param(key(email)).update();
    }

    private long count(String column, String value, Instant since) {
        return db.sql("select count(*) from sign_in_failures where " + column + " = ? and at > ?")
                .params(value, Timestamp.from(since))
                .query(Long.class)
                .single();
    }

    private static String key(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
