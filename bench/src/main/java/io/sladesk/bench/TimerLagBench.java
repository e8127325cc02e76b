package io.sladesk.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * Load driver for breach detection (not a test, not JMH): loads N running clocks straight
 * into a fresh PostgreSQL, starts the real server jar on it, lets D of them come due spread
 * over a minute, and reports the detection lag (median, p99, max) from what the server
 * recorded. Then it measures throughput: D more clocks due at once, drained by the
 * server's timer loop, against a bare {@code FOR UPDATE SKIP LOCKED} claim-and-update loop
 * over the same number of rows in the same database.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sladesk.bench.TimerLagBench server/target/sladesk.jar 100000 1000000</pre>
 */
public final class TimerLagBench {
    private static final int DUE = Integer.getInteger("due", 10_000);
    private static final Duration WINDOW = Duration.ofSeconds(Long.getLong("windowSeconds", 60));
    private static final Duration LEAD = Duration.ofSeconds(20);
    private static final int PORT = Integer.getInteger("port", 18555);

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TimerLagBench <sladesk.jar> <clocks> [<clocks> …]");
            System.exit(2);
        }
        String jar = args[0];
        System.out.printf(
                Locale.ROOT,
                "%-10s %10s %10s %10s %10s %14s %14s %8s%n",
                "clocks",
                "due",
                "lag p50",
                "lag p99",
                "lag max",
                "loop claims/s",
                "bare claims/s",
                "ratio");
        for (int i = 1; i < args.length; i++) run(jar, Integer.parseInt(args[i]));
    }

    private static void run(String jar, int clocks) throws Exception {
        Path dir = Files.createTempDirectory("sladesk-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pg"))
                .setServerConfig("max_connections", "100")
                // counts every statement the server runs, to report statements per breach
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            Process server = startServer(jar, url, dir);
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                c.setAutoCommit(true);
                Statement st = c.createStatement();
                String org = load(st, clocks);
                st.execute("select pg_notify('sla_timers', '')");
                long lastDue = System.currentTimeMillis() + LEAD.toMillis() + WINDOW.toMillis();
                waitFor(st, "select count(*) from sla_clocks where breached_at is not null", DUE, lastDue + 60_000);
                double[] lag = lags(st);

                // throughput: as many clocks due at once, drained by the timer loop
                int base = clocks + 1;
                insertClocks(st, org, base, DUE, "clock_timestamp() - interval '1 second'");
                st.execute("create extension if not exists pg_stat_statements");
                st.execute("select pg_stat_statements_reset()");
                long t0 = System.nanoTime();
                st.execute("select pg_notify('sla_timers', '')");
                waitFor(
                        st,
                        "select count(*) from sla_clocks where breached_at is not null",
                        2L * DUE,
                        System.currentTimeMillis() + 600_000);
                double loopRate = DUE / ((System.nanoTime() - t0) / 1e9);
                long statements = serverStatements(st);
                double bareRate = bare(c, clocks);
                System.err.printf(
                        Locale.ROOT,
                        "statements while draining %d breaches: %d (%.1f per breach, each with its level-1 escalation)%n",
                        DUE,
                        statements,
                        statements / (double) DUE);
                System.out.printf(
                        Locale.ROOT,
                        "%-10d %10d %9.1fms %9.1fms %9.1fms %14.0f %14.0f %8.2f%n",
                        clocks,
                        DUE,
                        lag[0] * 1000,
                        lag[1] * 1000,
                        lag[2] * 1000,
                        loopRate,
                        bareRate,
                        loopRate / bareRate);
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
    }

    private static Process startServer(String jar, String url, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar);
        pb.environment().put("SPRING_DATASOURCE_URL", url);
        pb.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        pb.environment().put("SPRING_DATASOURCE_PASSWORD", "postgres");
        pb.environment().put("SERVER_PORT", Integer.toString(PORT));
        pb.environment().put("SLADESK_ADMIN_EMAIL", "bench@example.com");
        pb.environment().put("SLADESK_ADMIN_PASSWORD", "bench-password");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        Process p = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return p;
            } catch (Exception notYet) {
                // the server is still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("server did not start; see " + dir.resolve("server.log"));
    }

    /** N tickets with a running resolution clock each; DUE of them due over the window, the rest in a year. */
    private static String load(Statement st, int clocks) throws Exception {
        st.execute("insert into organizations (id, name, plan_id, created_at) values"
                + " ('00000000-0000-0000-0000-0000000000be', 'Bench', '00000000-0000-0000-0000-000000000001', now())");
        String org = "00000000-0000-0000-0000-0000000000be";
        long t = System.nanoTime();
        insertClocks(st, org, 1, clocks, "now() + interval '365 days'");
        // settle the bulk load first (vacuum, statistics, checkpoint), so the measurement
        // sees a database in its steady state rather than one digesting a million inserts
        st.execute("vacuum analyze");
        st.execute("checkpoint");
        System.err.printf(
                Locale.ROOT, "loaded and settled %d clocks in %.1f s%n", clocks, (System.nanoTime() - t) / 1e9);
        // then DUE of them come due, spread over the window after a short lead
        String due = "clock_timestamp() + interval '" + LEAD.toSeconds() + " seconds' + (number - 1) * interval '"
                + WINDOW.toMillis() + " milliseconds' / " + DUE;
        st.execute("create temporary table soon as select id, " + due + " as due from tickets where number <= " + DUE);
        st.execute("update sla_clocks c set due_at = s.due from soon s where c.ticket_id = s.id");
        st.execute(
                projectionTable(st).equals("sla_tickets")
                        ? "update sla_tickets t set next_due_at = s.due from soon s where t.ticket_id = s.id"
                        : "update tickets t set next_due_at = s.due from soon s where t.id = s.id");
        st.execute("update sla_timers t set fire_at = s.due + interval '1 millisecond', due_at = s.due from soon s"
                + " where t.ticket_id = s.id");
        st.execute("drop table soon");
        return org;
    }

    /** Tickets {@code from … from+n-1}, each with a running P1 resolution clock due at {@code due}, and its breach timer. */
    private static void insertClocks(Statement st, String org, int from, int n, String due) throws Exception {
        st.execute(
                "create temporary table load as select g, ('00000000-0000-0000-0000-' || lpad(to_hex(g), 12, '0'))::uuid as id,"
                        + " " + due + " as due from generate_series(" + from + ", " + (from + n - 1) + ") g");
        boolean slaOwnsState = projectionTable(st).equals("sla_tickets");
        st.execute("insert into tickets (id, number, organization_id, subject, description, severity, status, priority,"
                + " channel, requester_id, created_at, updated_at" + (slaOwnsState ? "" : ", next_due_at")
                + ") select id, g, '" + org + "', 'bench', '', 'P1',"
                + " 'open', 'normal', 'api', (select id from users limit 1), now(), now()"
                + (slaOwnsState ? "" : ", due")
                + " from load");
        if (slaOwnsState) st.execute("insert into sla_tickets (ticket_id, next_due_at) select id, due from load");
        st.execute(
                "insert into sla_clocks (ticket_id, metric, organization_id, started_at, policy_id, severity, target,"
                        + " due_at, updated_at, warned_at) select id, 'resolution', '" + org + "', now(),"
                        + " '00000000-0000-0000-0000-000000000002', 'P1', '{\"duration\": \"PT8H\", \"calendar\": \"24x7\"}',"
                        + " due, now(), now() from load");
        st.execute("insert into sla_timers (ticket_id, metric, kind, level, fire_at, due_at)"
                + " select id, 'resolution', 'breach', 0, due + interval '1 millisecond', due from load");
        st.execute("drop table load");
    }

    /** Statements the server ran since the last reset (the driver's own polls and bookkeeping left out). */
    private static long serverStatements(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery(
                "select coalesce(sum(calls), 0) from pg_stat_statements"
                        + " where query not like '%pg_stat_statements%' and query not like 'select count(*) from sla_clocks%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void waitFor(Statement st, String countSql, long expected, long deadlineMillis) throws Exception {
        while (true) {
            try (ResultSet rs = st.executeQuery(countSql)) {
                rs.next();
                if (rs.getLong(1) >= expected) return;
            }
            if (System.currentTimeMillis() > deadlineMillis) throw new IllegalStateException("timed out: " + countSql);
            Thread.sleep(200);
        }
    }

    /** Median, p99 and maximum detection lag in seconds, as the server recorded them. */
    private static double[] lags(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("select percentile_cont(0.5) within group (order by l),"
                + " percentile_cont(0.99) within group (order by l), max(l) from"
                + " (select extract(epoch from breached_at - breach_due_at) as l from sla_clocks"
                + " where breached_at is not null) x")) {
            rs.next();
            return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
        }
    }

    /** A bare claim-and-update loop: DUE due rows among {@code rows}, claimed 100 at a time. */
    private static double bare(Connection c, int rows) throws Exception {
        Statement st = c.createStatement();
        st.execute(
                "create table bare_timers (id bigserial primary key, fire_at timestamptz not null, done boolean not null default false)");
        st.execute("insert into bare_timers (fire_at) select case when g <= " + DUE
                + " then now() - interval '1 second' else now() + interval '365 days' end from generate_series(1, "
                + rows + ") g");
        st.execute("create index on bare_timers (fire_at) where not done");
        st.execute("analyze bare_timers");
        c.setAutoCommit(false);
        long t0 = System.nanoTime();
        int claimed;
        do {
            claimed = st.executeUpdate(
                    "with c as (select id from bare_timers where fire_at <= clock_timestamp() and not done"
                            + " order by fire_at limit 100 for update skip locked)"
                            + " update bare_timers b set done = true from c where b.id = c.id");
            c.commit();
        } while (claimed > 0);
        double rate = DUE / ((System.nanoTime() - t0) / 1e9);
        c.setAutoCommit(true);
        return rate;
    }

    /**
     * Where the server keeps a ticket's nearest due instant: its SLA read model (since the
     * SLA module owns that state), or a copy on the ticket row (earlier versions), so the
     * driver measures either.
     */
    private static String projectionTable(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("select to_regclass('sla_tickets') is not null")) {
            rs.next();
            return rs.getBoolean(1) ? "sla_tickets" : "tickets";
        }
    }

    private TimerLagBench() {}
}
