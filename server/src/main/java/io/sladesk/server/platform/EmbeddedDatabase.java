package io.sladesk.server.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Without {@code SPRING_DATASOURCE_URL}, Sladesk runs its own PostgreSQL, keeping its files
 * under {@code SLADESK_DATA_DIR/postgres}. Unlike zonky's test defaults, it runs with
 * {@code fsync} and {@code synchronous_commit} on: what a user was told is saved must
 * survive a power cut.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabase.NoExternalDatabase.class)
class EmbeddedDatabase {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(
            @Value("${sladesk.data-dir}") Path dataDir, @Value("${sladesk.embedded-db.port:0}") int port)
            throws IOException {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        Files.createDirectories(pgData);
        stopLeftoverPostmaster(pgData);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // zonky's own shutdown hook would stop PostgreSQL while requests and timers
                // still run; Spring closes it instead, after everything that uses it
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "localhost")
                // a server that vanishes without closing its connections releases its
                // timer claims within about five seconds
                .setServerConfig("tcp_keepalives_idle", "2")
                .setServerConfig("tcp_keepalives_interval", "1")
                .setServerConfig("tcp_keepalives_count", "2");
        if (port > 0) builder.setPort(port);
        EmbeddedPostgres pg = builder.start();
        log.info("Embedded PostgreSQL running on localhost:{} with data in {}", pg.getPort(), pgData);
        return pg;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres pg) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setMaximumPoolSize(20);
        ds.setPoolName("sladesk");
        return ds;
    }

    /**
     * A JVM killed with SIGKILL leaves its postmaster running and holding postmaster.pid,
     * which would make this start fail. Stop it first, but only if that pid really is a
     * postgres process (pids are reused).
     */
    static void stopLeftoverPostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) return;
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) return;
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) return;
        String command = process.get().info().command().orElse("");
        if (!command.contains("postgres")) return;
        log.warn("Stopping a leftover PostgreSQL (pid {}) of {} from an earlier run", pid, pgData);
        process.get().destroy(); // SIGTERM: smart shutdown; its clients died with the old JVM
        try {
            process.get().onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.get().destroyForcibly();
            try {
                process.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the start below reports a clear error if it still runs
            }
        }
    }

    static final class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
