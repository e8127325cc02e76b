package io.sladesk.server.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.sladesk.server.SladeskApplication;
import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Actor;
import io.sladesk.server.account.NewOrganization;
import io.sladesk.server.account.Plan;
import io.sladesk.server.policy.NewPolicy;
import io.sladesk.server.policy.Policies;
import io.sladesk.server.policy.Policy;
import io.sladesk.server.support.MutableClock;
import io.sladesk.server.support.TestDatabase;
import io.sladesk.server.ticket.NewTicket;
import io.sladesk.server.ticket.Tickets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Three servers on one database, each with its own timer loop, race for thousands of
 * clocks coming due at once while one of them keeps losing its database connections in
 * the middle of batches (what a crash looks like to PostgreSQL: the transaction is rolled
 * back, its locks are freed). Every warning, breach and escalation level must still
 * happen exactly once.
 */
class TimerClusterTests {
    private static final int SERVERS = 3;
    private static final int TICKETS = 700;
    private static final List<ConfigurableApplicationContext> servers = new ArrayList<>();
    private static final List<MutableClock> clocks = new ArrayList<>();
    /** Server 1 stops inside its first batch until the test has cut its connections. */
    private static final CountDownLatch inBatch = new CountDownLatch(1);

    private static final CountDownLatch killed = new CountDownLatch(1);

    @BeforeAll
    static void startServers() {
        Instant start = MutableClock.START;
        for (int i = 0; i < SERVERS; i++) {
            int server = i;
            MutableClock clock = new MutableClock(start);
            clocks.add(clock);
            servers.add(new SpringApplicationBuilder(SladeskApplication.class)
                    .initializers(ctx -> {
                        ctx.getBeanFactory().registerSingleton("clock", clock);
                        if (server == 1) ctx.getBeanFactory().registerSingleton("crashInBatch", crashInBatch());
                    })
                    .run(
                            "--spring.datasource.url=" + TestDatabase.url("cluster"),
                            "--spring.datasource.username=postgres",
                            "--spring.datasource.password=postgres",
                            "--spring.datasource.hikari.data-source-properties.ApplicationName=server-" + i,
                            "--server.port=0",
                            "--sladesk.scheduling.enabled=false",
                            "--sladesk.sla.timer-loop.enabled=true",
                            "--sladesk.sla.timer-loop.batch=50",
                            "--sladesk.admin.email=cluster-admin@test.local",
                            "--sladesk.admin.password=cluster-password",
                            // the escalation webhook's receiver listens on 127.0.0.1
                            "--sladesk.webhooks.allow-private-networks=true"));
        }
    }

    private static TimerLoop.Observer crashInBatch() {
        return ticketId -> {
            if (inBatch.getCount() == 0) return;
            inBatch.countDown();
            try {
                killed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @AfterAll
    static void stopServers() {
        servers.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void everyWarningBreachAndEscalationHappensExactlyOnceAcrossServersAndCrashes() throws Exception {
        ConfigurableApplicationContext first = servers.get(0);
        JdbcClient db = first.getBean(JdbcClient.class);
        Accounts accounts = first.getBean(Accounts.class);
        Map<String, Object> fr = Map.of("duration", "PT40S", "calendar", "24x7");
        Map<String, Object> res = Map.of("duration", "PT100S", "calendar", "24x7");
        Map<String, Map<String, Object>> perSeverity = Map.of("firstResponse", fr, "resolution", res);
        Policy policy = first.getBean(Policies.class)
                .create(new NewPolicy(
                        "cluster",
                        Map.of("P1", perSeverity, "P2", perSeverity, "P3", perSeverity, "P4", perSeverity),
                        0.5,
                        "PT0S",
                        List.of(
                                Map.of("level", 1, "afterBreach", "PT0S", "actions", List.of("raise_priority")),
                                Map.of("level", 2, "afterBreachShare", 0.5, "actions", List.of("webhook")))));
        Plan plan = accounts.createPlan("Cluster", policy.id());
        var org = accounts.createOrganization(
                new NewOrganization("Cluster Co", plan.id().toString(), null, null, null));
        Actor admin =
                accounts.userByEmail("cluster-admin@test.local").orElseThrow().asActor();
        // a webhook for every escalation, answered by a receiver in this test
        java.util.concurrent.ConcurrentLinkedQueue<String> received =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        com.sun.net.httpserver.HttpServer receiver =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestHeaders().getFirst("Sladesk-Event-Id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        receiver.start();
        first.getBean(io.sladesk.server.notification.Webhooks.class)
                .register(
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", List.of("escalation.raised"));
        Tickets tickets = first.getBean(Tickets.class);
        for (int i = 0; i < TICKETS; i++) {
            tickets.create(admin, new NewTicket("t" + i, "d", "P2", org.id().toString(), null, null, null), null);
        }
        assertThat(db.sql("select count(*) from sla_timers").query(Long.class).single())
                .isEqualTo(TICKETS * 6L); // per ticket: two warnings, two breaches, two escalation levels

        // everything comes due at once on every server
        // server 1's clock first, so that it is surely inside a batch (set-based batches are
        // quick enough for the others to take every ticket before it claims one), then the rest
        clocks.get(1).advance(Duration.ofHours(1));
        // server 1 is now inside a batch, holding claims: cut it off as a crash would
        assertThat(inBatch.await(60, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < clocks.size(); i++) if (i != 1) clocks.get(i).advance(Duration.ofHours(1));
        long kills = db.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                        + " where application_name = 'server-1' and state <> 'idle'")
                .query(Long.class)
                .single();
        killed.countDown();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (db.sql("select count(*) from sla_timers").query(Long.class).single() > 0) {
            assertThat(System.nanoTime()).as("timers still pending after 120 s").isLessThan(deadline);
            Thread.sleep(20); // waiting for the servers' background work, not for time to pass
        }

        assertThat(kills)
                .as("server-1 lost connections in the middle of its work")
                .isPositive();
        assertThat(exactlyOnce(
                        db,
                        "select ticket_id, metric, count(*) from sla_clock_events where type = 'clock.breached'"
                                + " group by ticket_id, metric"))
                .isEqualTo(TICKETS * 2L);
        assertThat(exactlyOnce(
                        db,
                        "select ticket_id, metric, count(*) from sla_clock_events where type = 'clock.warned'"
                                + " group by ticket_id, metric"))
                .isEqualTo(TICKETS * 2L);
        assertThat(exactlyOnce(
                        db,
                        "select ticket_id, data->>'level', count(*) from ticket_events"
                                + " where type = 'escalation.raised' group by ticket_id, data->>'level'"))
                .isEqualTo(TICKETS * 2L);
        assertThat(db.sql("select count(*) from tickets t join sla_tickets s on s.ticket_id = t.id"
                                + " where s.escalation_level = 2 and t.priority = 'high'")
                        .query(Long.class)
                        .single())
                .isEqualTo(TICKETS);
        assertThat(db.sql("select count(*) from outbox where channel = 'webhook' and type = 'escalation.raised'")
                        .query(Long.class)
                        .single())
                .isEqualTo(TICKETS);
        assertThat(db.sql("select count(*) from sla_clocks where breached_at < breach_due_at")
                        .query(Long.class)
                        .single())
                .as("no breach recorded before its due instant")
                .isZero();

        // every server's dispatcher at once: each escalation reaches the receiver once
        var pool = java.util.concurrent.Executors.newFixedThreadPool(SERVERS);
        List<java.util.concurrent.Future<Integer>> sends = new ArrayList<>();
        for (ConfigurableApplicationContext s : servers) {
            sends.add(pool.submit(() -> io.sladesk.server.notification.DispatcherProbe.deliverDue(s)));
        }
        int sent = 0;
        for (var f : sends) sent += f.get();
        pool.shutdown();
        receiver.stop(0);
        assertThat(sent)
                .as(() -> "deliveries: "
                        + db.sql(
                                        "select status, attempts, count(*) as n, min(next_attempt_at) as first,"
                                                + " max(next_attempt_at) as last from outbox where channel = 'webhook' group by 1, 2")
                                .query()
                                .listOfRows()
                        + " clocks: "
                        + clocks.stream().map(MutableClock::instant).toList())
                .as("only level 2 has the webhook action: one escalation.raised per ticket")
                .isEqualTo(TICKETS);
        assertThat(received).hasSize(TICKETS);
        assertThat(new java.util.HashSet<>(received)).hasSize(TICKETS);

        List<Double> detected = servers.stream()
                .map(s -> (double) s.getBean(MeterRegistry.class)
                        .get("sla_breach_detection_lag")
                        .timer()
                        .count())
                .toList();
        // every breach's lag counted once, by whichever server committed it. How the batches
        // fell between the servers is not asserted: it depends on timing (on a quiet machine
        // one server's batches can take them all); that server-1 was inside a batch when it
        // lost its connections is asserted above (kills), and exactly-once whatever the split
        assertThat(detected.stream().mapToDouble(Double::doubleValue).sum())
                .as("lags per server: " + detected)
                .isEqualTo(TICKETS * 2.0);
    }

    /** Counts the groups of a "key…, count" query, failing if any group's count is not 1. */
    private static long exactlyOnce(JdbcClient db, String sql) {
        List<Map<String, Object>> rows = db.sql(sql).query().listOfRows();
        List<Map<String, Object>> twice = rows.stream()
                .filter(r -> ((Number) r.get("count")).longValue() != 1)
                .toList();
        assertThat(twice).as("happened more than once").isEmpty();
        return rows.size();
    }
}
