package io.sladesk.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.SladeskApplication;
import io.sladesk.server.support.DeskTest;
import io.sladesk.server.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

class DatabaseTests extends DeskTest {

    @Autowired
    ApplicationContext context;

    /** The shared test database is reached by URL alone: the external-database path. */
    @Test
    void withADatasourceUrlNoEmbeddedServerStartsAndDataLandsInThatDatabase() throws Exception {
        assertThat(context.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
        String org = organization();
        try (Connection c = DriverManager.getConnection(TestDatabase.url("desk"), "postgres", "postgres");
                ResultSet rs = c.createStatement()
                        .executeQuery("select count(*) from organizations where id = '" + org + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void theEmbeddedDatabaseKeepsDataAcrossRestartsWithFsyncOn(@TempDir Path dataDir) {
        String[] props = {
            "--sladesk.data-dir=" + dataDir,
            "--server.port=0",
            "--sladesk.scheduling.enabled=false",
            "--sladesk.sla.timer-loop.enabled=false",
            "--sladesk.admin.email=first@example.com",
            "--sladesk.admin.password=first-password",
            "--spring.datasource.url="
        };
        try (ConfigurableApplicationContext first = start(props)) {
            JdbcClient db = first.getBean(JdbcClient.class);
            assertThat(first.getBeansOfType(EmbeddedPostgres.class)).hasSize(1);
            assertThat(db.sql("show fsync").query(String.class).single()).isEqualTo("on");
            assertThat(db.sql("show synchronous_commit").query(String.class).single())
                    .isEqualTo("on");
            db.sql("insert into agent_groups (id, name, created_at) values (gen_random_uuid(), 'kept', now())")
                    .update();
        }
        assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).isTrue();
        try (ConfigurableApplicationContext second = start(props)) {
            JdbcClient db = second.getBean(JdbcClient.class);
            assertThat(db.sql("select count(*) from agent_groups where name = 'kept'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(db.sql("select count(*) from users where role = 'admin'")
                            .query(Long.class)
                            .single())
                    .as("the first admin is created once, on the empty database only")
                    .isEqualTo(1);
        }
    }

    /**
     * A JVM killed with SIGKILL leaves its postmaster behind, holding postmaster.pid; the
     * next start stops it. The crash is real: a child JVM starts PostgreSQL and is killed.
     */
    @Test
    void aLeftoverPostmasterDoesNotStopTheNextStart(@TempDir Path dataDir) throws Exception {
        Path pgData = dataDir.resolve("postgres");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanMaker.class.getName(),
                        pgData.toString())
                .redirectErrorStream(true)
                .start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(jvm.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // skip the child's log lines until PostgreSQL is up
            }
        }
        jvm.destroyForcibly().waitFor();
        long orphanPid = Long.parseLong(
                Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        assertThat(orphan.isAlive()).as("the killed JVM's postmaster lives on").isTrue();
        try (ConfigurableApplicationContext app = start(
                "--sladesk.data-dir=" + dataDir,
                "--server.port=0",
                "--sladesk.scheduling.enabled=false",
                "--sladesk.sla.timer-loop.enabled=false",
                "--spring.datasource.url=")) {
            assertThat(orphan.isAlive()).isFalse();
            assertThat(app.getBean(JdbcClient.class)
                            .sql("select 1")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            orphan.destroyForcibly();
        }
    }

    /** SIGTERM: requests and timer loops stop first, then the database, which leaves no postmaster. */
    @Test
    void sigtermStopsTheServerAndThenItsDatabaseCleanly(@TempDir Path dataDir) throws Exception {
        Path log = dataDir.resolve("app.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process app = new ProcessBuilder(
                        javaBin,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SladeskApplication.class.getName(),
                        "--sladesk.data-dir=" + dataDir,
                        "--server.port=0",
                        "--spring.datasource.url=")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
            while (!read(log).contains("Sladesk is ready")) {
                assertThat(app.isAlive()).as(() -> read(log)).isTrue();
                assertThat(System.nanoTime()).as("the server did not start").isLessThan(deadline);
                Thread.sleep(100); // waiting for the child to start, not for time to pass
            }
            Path pid = dataDir.resolve("postgres/postmaster.pid");
            assertThat(pid).exists();
            app.destroy(); // SIGTERM
            assertThat(app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // a clean PostgreSQL shutdown removes postmaster.pid (a killed one leaves it behind);
            // the process itself may linger as a zombie where nothing reaps orphans
            assertThat(pid).doesNotExist();
            assertThat(read(log)).contains("shut down postmaster").doesNotContain("Timer loop failed");
        } finally {
            app.destroyForcibly();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(SladeskApplication.class)
                .properties(Map.of("spring.main.banner-mode", "off"))
                .run(args);
    }
}
