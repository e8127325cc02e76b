package io.sladesk.server.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system clock, corrected to the database's clock. Every server of a cluster then
 * agrees on "now" to within a few milliseconds, so a server whose own clock runs a little
 * fast never records a breach before its due instant. The offset is measured against
 * {@code clock_timestamp()} at start and every 30 seconds (half the round trip is the
 * error bound).
 */
final class DatabaseAlignedClock extends Clock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseAlignedClock.class);

    private final DataSource dataSource;
    private volatile long offsetMillis;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "db-clock");
        t.setDaemon(true);
        return t;
    });

    DatabaseAlignedClock(DataSource dataSource) {
        this.dataSource = dataSource;
        measure();
        refresher.scheduleWithFixedDelay(this::measure, 30, 30, TimeUnit.SECONDS);
    }

    private void measure() {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            long before = System.currentTimeMillis();
            long db;
            try (ResultSet rs = st.executeQuery("select (extract(epoch from clock_timestamp()) * 1000)::bigint")) {
                rs.next();
                db = rs.getLong(1);
            }
            long after = System.currentTimeMillis();
            offsetMillis = db - (before + after) / 2;
            if (Math.abs(offsetMillis) > 1000) {
                log.warn(
                        "This server's clock differs from the database's by {} ms; following the database",
                        offsetMillis);
            }
        } catch (Exception e) {
            log.warn("Could not read the database's clock; keeping the last offset ({} ms)", offsetMillis, e);
        }
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis);
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Sladesk keeps instants in UTC");
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
