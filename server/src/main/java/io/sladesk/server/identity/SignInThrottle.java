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
 * Slows password guessing without locking the owner out. Failures are counted per
 * account <em>and</em> address (the pair) and per address (one place trying many
 * accounts), within a window. Past a few free failures each further one doubles the wait
 * before that pair, or that address, may try again (1 s, 2 s, 4 s … at most the window), so
 * guessing stalls while a person who mistyped waits seconds. A correct password from an
 * address that has not failed signs in at once, however many failures others caused: no
 * attacker can lock an account, the admin's included. Counted in the database, so every
 * server of a cluster enforces the same limits; a failure stamped up to a minute after
 * "now" (another server's clock a little ahead) counts as now, later ones not at all.
 */
@Component
public class SignInThrottle {
    private final JdbcClient db;
    private final Clock clock;
    private final int freePerAccount;
    private final int freePerAddress;
    private final Duration window;
    private static final Duration SKEW = Duration.ofMinutes(1);

    SignInThrottle(
            JdbcClient db,
            Clock clock,
            @Value("${sladesk.sign-in.max-failures-per-account:5}") int freePerAccount,
            @Value("${sladesk.sign-in.max-failures-per-address:20}") int freePerAddress,
            @Value("${sladesk.sign-in.window:PT15M}") Duration window) {
        this.db = db;
        this.clock = clock;
        this.freePerAccount = freePerAccount;
        this.freePerAddress = freePerAddress;
        this.window = window;
    }

    private record Failures(long count, Instant last) {}

    /** Refuses (429 with {@code Retry-After}) while this pair or this address must still wait. */
    public void check(String email, String address) {
        Instant now = clock.instant();
        Duration wait = max(
                wait(failures("email = ? and address = ?", now, key(email), address), freePerAccount, now),
                wait(failures("address = ?", now, address), freePerAddress, now));
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new TooManyRequests(
                    "Too many failed sign-ins from here; try again in " + seconds + " seconds", seconds);
        }
    }

    public void failed(String email, String address) {
        db.sql("insert into sign_in_failures (email, address, at) values (?, ?, ?)")
                .params(key(email), address, Timestamp.from(clock.instant()))
                .update();
    }

    /** A good sign-in clears that pair's failures, so the owner's own typos don't slow them later. */
    public void succeeded(String email, String address) {
        db.sql("delete from sign_in_failures where email = ? and address = ?")
                .params(key(email), address)
                .update();
    }

    /**
     * The wait left after {@code f} failures, {@code free} of them free: each one past the
     * free ones doubles it, from one second, at most the window; counted from the last.
     */
    private Duration wait(Failures f, int free, Instant now) {
        if (f.count() < free) return Duration.ZERO;
        long doublings = Math.min(f.count() - free, 30);
        Duration delay = Duration.ofSeconds(1L << doublings);
        if (delay.compareTo(window) > 0) delay = window;
        Instant until = f.last().plus(delay);
        return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }

    private Failures failures(String where, Instant now, Object... params) {
        Object[] all = new Object[params.length + 2];
        System.arraycopy(params, 0, all, 0, params.length);
        all[params.length] = Timestamp.from(now.minus(window));
        all[params.length + 1] = Timestamp.from(now.plus(SKEW));
        return db.sql("select count(*) as n, max(at) as last from sign_in_failures where " + where
                        + " and at > ? and at <= ?")
                .params(all)
                .query((rs, i) -> {
                    Timestamp last = rs.getTimestamp("last");
                    Instant l = last == null ? now : last.toInstant();
                    return new Failures(rs.getLong("n"), l.isAfter(now) ? now : l);
                })
                .single();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String key(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
