package io.sladesk.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: the whole server on a random port, over the shared test
 * PostgreSQL, with a clock the test moves. All subclasses share one Spring context, so
 * each test makes its own organizations and users (unique names) rather than assuming
 * empty tables.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "sladesk.admin.email=admin@test.local",
            "sladesk.admin.password=admin-password",
            "sladesk.scheduling.enabled=false",
            "sladesk.sla.timer-loop.enabled=false",
            // the webhook tests' receivers listen on 127.0.0.1
            "sladesk.webhooks.allow-private-networks=true"
        })
@Import({DeskTest.TestClock.class, io.sladesk.server.sla.RecomputeProbe.class, io.sladesk.server.sla.TimerProbe.class})
public abstract class DeskTest {
    public static final String ADMIN_EMAIL = "admin@test.local";
    public static final String ADMIN_PASSWORD = "admin-password";

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected JdbcClient db;

    protected Api anonymous;
    protected Api admin;

    /** A real SMTP server for the whole test JVM; tests read what it received. */
    protected static final com.icegreen.greenmail.util.GreenMail MAIL = startMail();

    private static com.icegreen.greenmail.util.GreenMail startMail() {
        var mail = new com.icegreen.greenmail.util.GreenMail(
                com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("spring.datasource.url", () -> TestDatabase.url("desk"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(MutableClock.START);
        }
    }

    @BeforeEach
    void signInAdmin() {
        anonymous = new Api(port);
        admin = anonymous.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /**
     * Moves the test clock forward to the next given local weekday and time in a zone (at
     * least a day on), for tests that need, say, a Friday afternoon. Time only moves forward:
     * tests share one clock, and what earlier tests recorded (sign-in failures, timers) must
     * stay in the past.
     */
    protected java.time.Instant advanceTo(java.time.DayOfWeek day, java.time.LocalTime time, java.time.ZoneId zone) {
        java.time.ZonedDateTime at = clock.instant()
                .atZone(zone)
                .plusDays(1)
                .with(time)
                .with(java.time.temporal.TemporalAdjusters.nextOrSame(day));
        clock.set(at.toInstant());
        return at.toInstant();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new organization on the Pro plan; returns its id. */
    protected String organization() {
        Api.Response r = admin.post("/api/v1/organizations", Map.of("name", unique("org"), "plan", "Pro"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.get("id");
    }

    /** A new user with the password "correct-horse-1"; returns a client signed in as them. */
    protected Api user(String role, String organizationId) {
        String email = unique(role) + "@example.com";
        Map<String, Object> body = new java.util.HashMap<>(
                Map.of("email", email, "name", "Test " + role, "role", role, "password", "correct-horse-1"));
        if (organizationId != null) body.put("organizationId", organizationId);
        Api.Response r = admin.post("/api/v1/users", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return anonymous.signIn(email, "correct-horse-1");
    }

    protected Api customer(String organizationId) {
        return user("customer", organizationId);
    }

    protected Api agent() {
        return user("agent", null);
    }

    protected String userId(Api api) {
        return api.get("/api/v1/me").get("id");
    }

    /** A ticket opened by this customer; returns its id. */
    protected String ticket(Api customer, String severity) {
        Api.Response r = customer.post(
                "/api/v1/tickets", Map.of("subject", "Help", "description", "It broke", "severity", severity));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.get("id");
    }

    protected long count(String table) {
        return db.sql("select count(*) from " + table).query(Long.class).single();
    }

    protected static List<String> fields(Api.Response r, String listField, String field) {
        return r.json().get(listField).values().stream()
                .map(n -> n.get(field).asString())
                .toList();
    }
}
