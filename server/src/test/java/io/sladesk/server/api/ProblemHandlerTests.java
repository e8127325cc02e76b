package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.sql.SQLException;
import java.time.DateTimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How failures are answered: a real conflict is a 409 to retry; anything else is a bug,
 * logged at ERROR and answered as a 500 with a correlation id and no internals. The
 * failures come from a controller that exists only in this test's context (closed after
 * it, with a small pool, so it does not hold connections other tests need).
 */
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=4")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ProblemHandlerTests extends DeskTest {
    private static final String BASE = "/api/v1/test-failures";
    private static final String INTERNALS = "internal detail 7f3a";

    @TestConfiguration(proxyBeanMethods = false)
    @Import(Failing.class)
    static class FailingEndpoints {}

    @RestController
    @RequestMapping(BASE)
    static class Failing {
        private final JdbcClient db;
        private final JdbcTemplate jdbc;
        private final TransactionTemplate tx;

        Failing(JdbcClient db, JdbcTemplate jdbc, TransactionTemplate tx) {
            this.db = db;
            this.jdbc = jdbc;
            this.tx = tx;
        }

        /** A real unique violation in PostgreSQL, as two requests racing for one name meet. */
        @GetMapping("/unique")
        void unique() {
            tx.executeWithoutResult(s -> {
                db.sql("create temporary table probe_unique (id int primary key) on commit drop")
                        .update();
                db.sql("insert into probe_unique values (1)").update();
                db.sql("insert into probe_unique values (1)").update();
            });
        }

        /** A real check violation: input that should have been refused before the database. */
        @GetMapping("/check")
        void check() {
            tx.executeWithoutResult(s -> {
                db.sql("create temporary table probe_check (n int check (n > 0)) on commit drop")
                        .update();
                db.sql("insert into probe_check values (-1)").update();
            });
        }

        /** A database error with this SQLSTATE, translated as JdbcClient translates it. */
        @GetMapping("/sqlstate/{state}")
        void sqlState(@PathVariable String state) {
            SQLException e = new SQLException(INTERNALS, state);
            DataAccessException translated = jdbc.getExceptionTranslator().translate("probe", "select 1", e);
            throw translated != null ? translated : new UncategorizedSQLException("probe", "select 1", e);
        }

        @GetMapping("/bug")
        void bug() {
            throw new IllegalStateException(INTERNALS);
        }

        @GetMapping("/date-time")
        void dateTime() {
            throw new DateTimeException(INTERNALS);
        }

        /** A mapping the framework cannot serve (no such path variable): its 500, not ours. */
        @GetMapping("/framework")
        void framework(@PathVariable("missing") String missing) {}
    }

    private static void assertConflict(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.get("title")).isEqualTo("Conflict");
        assertThat(r.get("detail")).contains("retry").doesNotContain(INTERNALS);
        assertThat(r.json().has("correlationId")).isFalse();
    }

    /**
     * Asserts a 500 problem naming its correlation id, logged at ERROR with the request and
     * the failure (which only the log shows); returns the id.
     */
    private static String assertBug(Api.Response r, String path, CapturedOutput output) {
        return assertBug(r, path, output, INTERNALS);
    }

    private static String assertBug(Api.Response r, String path, CapturedOutput output, String cause) {
        assertThat(r.status()).as(r.toString()).isEqualTo(500);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.get("title")).isEqualTo("Internal error");
        assertThat(r.get("status")).isEqualTo("500");
        String id = r.get("correlationId");
        assertThat(id).isNotBlank();
        assertThat(r.raw().headers().firstValue("Sladesk-Correlation-Id")).hasValue(id);
        assertThat(r.get("detail")).contains(id);
        assertThat(r.body())
                .doesNotContain(INTERNALS)
                .doesNotContain("Exception")
                .doesNotContain("SQL");
        String logged = output.getAll()
                .lines()
                .filter(l -> l.contains("correlation id " + id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no log line with correlation id " + id));
        assertThat(logged).contains("ERROR").contains("Unexpected failure of GET " + BASE + path);
        String after = output.getAll().substring(output.getAll().indexOf(logged));
        assertThat(after).as("the failure is logged with the line").contains(cause);
        return id;
    }

    @Test
    void aRealUniqueViolationIsAConflictToRetry() {
        assertConflict(admin.get(BASE + "/unique"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "23P01", "40001", "40P01"})
    void uniqueAndExclusionViolationsSerializationFailuresAndDeadlocksAreConflicts(String state) {
        assertConflict(admin.get(BASE + "/sqlstate/" + state));
    }

    @Test
    void aRealCheckViolationIsABug(CapturedOutput output) {
        assertBug(admin.get(BASE + "/check"), "/check", output, "violates check constraint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"23502", "23503", "23514", "22001", "42P01", "55P03"})
    void otherDatabaseErrorsAreBugs(String state, CapturedOutput output) {
        assertBug(admin.get(BASE + "/sqlstate/" + state), "/sqlstate/" + state, output);
    }

    @Test
    void anUnexpectedFailureIsA500WithAProblemAndACorrelationId(CapturedOutput output) {
        String first = assertBug(admin.get(BASE + "/bug"), "/bug", output);
        String second = assertBug(admin.get(BASE + "/bug"), "/bug", output);
        assertThat(second).as("one id per failure").isNotEqualTo(first);
    }

    @Test
    void aFrameworkFailureIsLoggedAndAnsweredTheSameWay(CapturedOutput output) {
        assertBug(admin.get(BASE + "/framework"), "/framework", output, "MissingPathVariableException");
    }

    @Test
    void aDateTimeFailureIsABugNotBadInput(CapturedOutput output) {
        assertBug(admin.get(BASE + "/date-time"), "/date-time", output);
    }
}
