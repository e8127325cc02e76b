package io.sladesk.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for a burst of breaches (not a test, not JMH): N P1 tickets whose resolution
 * clocks all come due at one instant, each firing its breach, the Pro ladder's level 1
 * (raise the priority, tell the assignee, the escalation managers and the TAM) and their
 * notices, on the real server jar over a fresh embedded PostgreSQL.
 *
 * <p>Set-up, all through the API: a TAM (the plan "Pro + TAM", new tickets assigned to the
 * TAM), an escalation manager, a customer, a webhook for {@code clock.breached} and
 * {@code escalation.raised}, and mail switched on; then tickets imported with {@code
 * createdAt} seven hours back (their first-response breach and resolution warning are
 * recorded at import): up to {@code -Dimported} (2,000) through the API, the rest of N
 * copied from them in SQL (ticket, clocks, timers, read model, followers). The load is settled ({@code vacuum analyze}, {@code checkpoint}) and
 * the resolution clocks' due instants are moved, start and timers with them, to one
 * instant T a few seconds ahead. The outbox sender is paused (the notices are written in
 * the breach's transaction, as always; sending them is afterwards and not measured here).
 *
 * <p>Reported, from what the server recorded: the lag of each breach, recorded ({@code
 * breached_at − due}) and committed (the commit timestamp of the clock's row − due), p50,
 * p99 and max; the firing rate (N / (last commit − T)); the statements per breach
 * ({@code pg_stat_statements}, the driver's own left out); and, in the same database, a
 * bare {@code FOR UPDATE SKIP LOCKED} claim-and-delete loop (100 rows per statement, one
 * connection) over an identical copy of {@code sla_timers} as it stood at T.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sladesk.bench.BurstBench server/target/sladesk.jar 5000 50000</pre>
 */
public final class BurstBench {
    private static final int PORT = Integer.getInteger("port", 18557);
    private static final int IMPORTERS = Integer.getInteger("importers", 8);
    /** Tickets imported through the API; the rest of N are copies of them made in SQL. */
    private static final int IMPORTED = Integer.getInteger("imported", 2000);

    /** How far ahead T is set when the clocks are moved: settling the move must fit before it. */
    private static final Long LEAD_SECONDS = Long.getLong("leadSeconds");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DRIVER = "/* bench-driver */ ";

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: BurstBench <sladesk.jar> <clocks> [<clocks> …]");
            System.exit(2);
        }
        List<String> rows = new ArrayList<>();
        for (int i = 1; i < args.length; i++) rows.add(run(args[0], Integer.parseInt(args[i])));
        System.out.printf(
                Locale.ROOT,
                "%-8s %9s %9s %9s %9s %9s %9s %11s %9s %11s %8s%n",
                "clocks",
                "rec p50",
                "rec p99",
                "rec max",
                "com p50",
                "com p99",
                "com max",
                "breaches/s",
                "stmts/br",
                "bare rows/s",
                "ratio");
        rows.forEach(System.out::println);
    }

    private static String run(String jar, int n) throws Exception {
        Path dir = Files.createTempDirectory("sladesk-burst");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pg"))
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .setServerConfig("pg_stat_statements.max", "10000")
                // when each breach became visible: the commit timestamp of its clock's row
                .setServerConfig("track_commit_timestamp", "on")
                .start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            Process server = startServer(jar, url, dir);
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                c.setAutoCommit(true);
                Statement st = c.createStatement();
                int imported = Math.min(n, IMPORTED);
                setUp(imported);
                if (n > imported) BenchServer.cloneTickets(st, n - imported);
                st.execute(DRIVER + "create extension if not exists pg_stat_statements");
                long t = System.nanoTime();
                st.execute(DRIVER + "vacuum analyze");
                st.execute(DRIVER + "checkpoint");
                Instant at = moveDue(st, n);
                st.execute(DRIVER + "vacuum analyze sla_clocks");
                st.execute(DRIVER + "vacuum analyze sla_timers");
                st.execute(DRIVER + "vacuum analyze sla_tickets");
                st.execute(DRIVER + "create table bare_timers (like sla_timers including all)");
                st.execute(DRIVER + "insert into bare_timers select * from sla_timers");
                st.execute(DRIVER + "analyze bare_timers");
                st.execute(DRIVER + "checkpoint");
                System.err.printf(
                        Locale.ROOT,
                        "settled and moved %d clocks to %s in %.1f s%n",
                        n,
                        at,
                        (System.nanoTime() - t) / 1e9);
                long untilDue = Duration.between(dbNow(st), at).toMillis();
                if (untilDue < 2000) throw new IllegalStateException("settling took too long; raise -DleadSeconds");
                // the loops sleep until the next fire instant: tell them it moved
                st.execute(DRIVER + "select pg_notify('sla_timers', '')");
                Thread.sleep(untilDue - 1000);
                st.execute(DRIVER + "select pg_stat_statements_reset()");
                st.execute(DRIVER + "select pg_stat_reset()");
                long postmaster =
                        Long.parseLong(Files.readAllLines(dir.resolve("pg").resolve("postmaster.pid"))
                                .get(0)
                                .trim());
                long[] cpu0 = {cpuTicks(server.pid(), false), cpuTicks(postmaster, true)};
                System.err.printf(
                        Locale.ROOT,
                        "load average before T: %s%n",
                        Files.readString(Path.of("/proc/loadavg")).trim());
                waitFor(
                        st,
                        DRIVER + "select count(*) from sla_tickets where escalation_level >= 1",
                        n,
                        System.currentTimeMillis() + 900_000);
                long[] cpu1 = {cpuTicks(server.pid(), false), cpuTicks(postmaster, true)};
                Thread.sleep(200); // the last batch's own statements finish their bookkeeping
                long statements = serverStatements(st);
                long foreignKeyChecks = foreignKeyChecks(st);
                double serverCpu = (cpu1[0] - cpu0[0]) * 1000.0 / TICKS / n;
                double pgCpu = (cpu1[1] - cpu0[1]) * 1000.0 / TICKS / n;
                System.err.printf(
                        Locale.ROOT,
                        "CPU per breach while draining: server %.3f ms, PostgreSQL %.3f ms (all its processes);"
                                + " on %d cores that allows at most %.0f breaches/s%n",
                        serverCpu,
                        pgCpu,
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().availableProcessors() * 1000.0 / (serverCpu + pgCpu));
                System.err.printf(
                        Locale.ROOT,
                        "statements: %d sent by the server (%.2f per breach) and %d foreign-key checks PostgreSQL ran"
                                + " for them (%.2f per breach)%n",
                        statements - foreignKeyChecks,
                        (statements - foreignKeyChecks) / (double) n,
                        foreignKeyChecks,
                        foreignKeyChecks / (double) n);
                topStatements(st, n);
                try (ResultSet rs = st.executeQuery(DRIVER + "select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd,"
                        + " n_tup_del from pg_stat_user_tables where n_tup_ins + n_tup_upd + n_tup_del > 0"
                        + " order by relname")) {
                    System.err.println(
                            "rows written while draining (table: inserted, updated (of them HOT), deleted):");
                    while (rs.next()) {
                        System.err.printf(
                                Locale.ROOT,
                                "  %-18s %8d %8d (%d) %8d%n",
                                rs.getString(1),
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getLong(5));
                    }
                }
                double[] lag = lags(st, at);
                double seconds = lag[6];
                double rate = n / seconds;
                double bare = bare(c, postmaster);
                System.err.printf(
                        Locale.ROOT,
                        "%d breaches (each with level 1): all committed %.3f s after T; %d statements (%.2f per"
                                + " breach); bare loop %.0f rows/s%n",
                        n,
                        seconds,
                        statements,
                        statements / (double) n,
                        bare);
                String row = String.format(
                        Locale.ROOT,
                        "%-8d %8.0fms %8.0fms %8.0fms %8.0fms %8.0fms %8.0fms %11.0f %9.2f %11.0f %8.3f",
                        n,
                        lag[0] * 1000,
                        lag[1] * 1000,
                        lag[2] * 1000,
                        lag[3] * 1000,
                        lag[4] * 1000,
                        lag[5] * 1000,
                        rate,
                        statements / (double) n,
                        bare,
                        rate / bare);
                System.err.println(row);
                return row;
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
    }

    private static Process startServer(String jar, String url, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the sender stays paused: the notices are written, not sent, while the burst fires
                "-Dsladesk.outbox.sweep=PT24H",
                "-Dsladesk.webhooks.allow-private-networks=true",
                // no SMTP server listens: its health check would keep the server "down"
                "-Dmanagement.health.mail.enabled=false",
                "-jar",
                jar);
        pb.environment().put("SPRING_DATASOURCE_URL", url);
        pb.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        pb.environment().put("SPRING_DATASOURCE_PASSWORD", "postgres");
        pb.environment().put("SERVER_PORT", Integer.toString(PORT));
        pb.environment().put("SLADESK_ADMIN_EMAIL", "bench@example.com");
        pb.environment().put("SLADESK_ADMIN_PASSWORD", "bench-password");
        // mail is on (the notices are written to the outbox); nothing listens there
        pb.environment().put("SPRING_MAIL_HOST", "127.0.0.1");
        pb.environment().put("SPRING_MAIL_PORT", Integer.toString(freePort()));
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return p;
            } catch (Exception notYet) {
                // the server is still starting
            }
            Thread.sleep(250);
        }
        p.destroyForcibly();
        throw new IllegalStateException("server did not start; see " + dir.resolve("server.log"));
    }

    /** The account, its people and webhook, then N P1 tickets imported with createdAt seven hours back. */
    private static void setUp(int n) throws Exception {
        String admin = token("bench@example.com", "bench-password");
        String tam = field(
                post(
                        "/api/v1/users",
                        admin,
                        "{\"email\":\"tam@example.com\",\"name\":\"TAM\",\"role\":\"agent\",\"password\":\"tam-password-1\"}"),
                "id");
        post(
                "/api/v1/users",
                admin,
                "{\"email\":\"manager@example.com\",\"name\":\"Manager\",\"role\":\"agent\","
                        + "\"duties\":[\"escalation_manager\"],\"password\":\"manager-password-1\"}");
        String org = field(
                post(
                        "/api/v1/organizations",
                        admin,
                        "{\"name\":\"Burst\",\"plan\":\"Pro + TAM\",\"tamUserId\":\"" + tam
                                + "\",\"assignToTam\":true}"),
                "id");
        post(
                "/api/v1/users",
                admin,
                "{\"email\":\"customer@example.com\",\"name\":\"Customer\",\"role\":\"customer\","
                        + "\"organizationId\":\"" + org + "\",\"password\":\"customer-password-1\"}");
        post(
                "/api/v1/webhooks",
                admin,
                "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"clock.breached\",\"escalation.raised\"]}");
        String createdAt = Instant.now().minus(Duration.ofHours(7)).toString();
        String body = "{\"subject\":\"Outage\",\"description\":\"Everything is down\",\"severity\":\"P1\","
                + "\"organizationId\":\"" + org + "\",\"requesterEmail\":\"customer@example.com\","
                + "\"createdAt\":\"" + createdAt + "\"}";
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(IMPORTERS);
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < IMPORTERS; i++) {
            done.add(pool.submit(() -> {
                while (next.getAndIncrement() < n) {
                    String r = post("/api/v1/tickets", admin, body);
                    if (!r.contains("\"number\"")) throw new IllegalStateException(r);
                }
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        pool.shutdown();
        System.err.printf(Locale.ROOT, "imported %d tickets in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Adds {@code count} copies of the imported tickets, in SQL (importing tens of thousands
     * through the API takes far longer than the burst): each copy is a new ticket id and
     * number with its source's row, clocks, timers, read-model row and followers, so it
     * fires exactly the same work. Their histories are not copied (the burst writes to
     * them, never reads them).
     */
    /** Moves every resolution clock, its start and its timers, so that it is due at one instant T. */
    private static Instant moveDue(Statement st, int n) throws Exception {
        Instant at;
        long lead = LEAD_SECONDS != null ? LEAD_SECONDS : 15 + n / 1000;
        try (ResultSet rs = st.executeQuery(
                DRIVER + "select date_trunc('second', clock_timestamp()) + interval '" + lead + " seconds'")) {
            rs.next();
            at = rs.getTimestamp(1).toInstant();
        }
        String t = "'" + Timestamp.from(at).toInstant() + "'::timestamptz";
        st.execute(DRIVER + "create temporary table mv as select ticket_id, " + t
                + " - due_at as d from sla_clocks where metric = 'resolution'");
        st.execute(DRIVER + "update sla_clocks c set started_at = c.started_at + mv.d, due_at = c.due_at + mv.d"
                + " from mv where c.ticket_id = mv.ticket_id and c.metric = 'resolution'");
        st.execute(DRIVER + "update sla_timers x set fire_at = x.fire_at + mv.d, due_at = x.due_at + mv.d"
                + " from mv where x.ticket_id = mv.ticket_id and x.metric = 'resolution'");
        st.execute(DRIVER + "update sla_tickets s set next_due_at = (select min(c.due_at) from sla_clocks c"
                + " where c.ticket_id = s.ticket_id and c.metric <> 'reevaluation' and c.stopped_at is null"
                + " and c.paused_since is null)");
        st.execute(DRIVER + "drop table mv");
        try (ResultSet rs = st.executeQuery(
                DRIVER + "select count(*) from sla_timers where fire_at <= " + t + " + interval '1 millisecond'")) {
            rs.next();
            System.err.printf(Locale.ROOT, "%d timers due at T (breach and level 1 of %d clocks)%n", rs.getLong(1), n);
        }
        return at;
    }

    private static Instant dbNow(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery(DRIVER + "select clock_timestamp()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    /** Statements the server ran since the reset (the driver's own left out). */
    private static long serverStatements(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery(DRIVER + "select coalesce(sum(calls), 0) from pg_stat_statements"
                + " where query not like '%bench-driver%' and query not like '%pg_stat_statements%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** PostgreSQL's own referential-integrity checks, run for the rows the server wrote (not sent by it). */
    private static long foreignKeyChecks(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery(DRIVER + "select coalesce(sum(calls), 0) from pg_stat_statements"
                + " where query like '%FOR KEY SHARE OF x%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Clock ticks per second of /proc/[pid]/stat (USER_HZ, 100 on Linux). */
    private static final long TICKS = Long.getLong("clockTicks", 100);

    /** User and system CPU ticks of a process, and with {@code children} of its live child processes too. */
    private static long cpuTicks(long pid, boolean children) throws Exception {
        long total = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (Exception gone) {
                    continue;
                }
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long self = Long.parseLong(name);
                long parent = Long.parseLong(f[1]);
                if (self == pid || (children && parent == pid)) total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            }
        }
        return total;
    }

    private static void topStatements(Statement st, int n) throws Exception {
        try (ResultSet rs = st.executeQuery(DRIVER + "select calls, rows, round(total_exec_time::numeric, 1),"
                + " left(regexp_replace(query, '\\s+', ' ', 'g'), 150) from pg_stat_statements"
                + " where query not like '%bench-driver%' and query not like '%pg_stat_statements%'"
                + " order by calls desc limit 25")) {
            System.err.println("   calls  per breach      rows   exec ms  statement");
            while (rs.next()) {
                System.err.printf(
                        Locale.ROOT,
                        "%8d %11.3f %9d %9s  %s%n",
                        rs.getLong(1),
                        rs.getLong(1) / (double) n,
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4));
            }
        }
    }

    private static void waitFor(Statement st, String countSql, long expected, long deadlineMillis) throws Exception {
        while (true) {
            try (ResultSet rs = st.executeQuery(countSql)) {
                rs.next();
                if (rs.getLong(1) >= expected) return;
            }
            if (System.currentTimeMillis() > deadlineMillis) throw new IllegalStateException("timed out: " + countSql);
            Thread.sleep(50);
        }
    }

    /**
     * Recorded lag (breached_at − due) p50, p99, max; committed lag (the clock row's commit
     * timestamp − due) p50, p99, max; and the seconds from T to the last commit of a clock
     * or of a ticket's escalation, whichever is later.
     */
    private static double[] lags(Statement st, Instant at) throws Exception {
        String t = "'" + at + "'::timestamptz";
        try (ResultSet rs = st.executeQuery(DRIVER + "select"
                + " percentile_cont(0.5) within group (order by rec), percentile_cont(0.99) within group (order by rec),"
                + " max(rec), percentile_cont(0.5) within group (order by com),"
                + " percentile_cont(0.99) within group (order by com), max(com) from"
                + " (select extract(epoch from breached_at - breach_due_at) as rec,"
                + " extract(epoch from pg_xact_commit_timestamp(xmin) - breach_due_at) as com"
                + " from sla_clocks where metric = 'resolution' and breached_at is not null) x")) {
            rs.next();
            double[] out = new double[7];
            for (int i = 0; i < 6; i++) out[i] = rs.getDouble(i + 1);
            try (ResultSet last = st.getConnection()
                    .createStatement()
                    .executeQuery(DRIVER + "select extract(epoch from greatest("
                            + "(select max(pg_xact_commit_timestamp(xmin)) from sla_clocks where metric = 'resolution'),"
                            + "(select max(pg_xact_commit_timestamp(xmin)) from tickets)) - " + t + ")")) {
                last.next();
                out[6] = last.getDouble(1);
            }
            return out;
        }
    }

    /** The bare loop: the due rows of the copy of sla_timers claimed and deleted 100 at a time. */
    private static double bare(Connection c, long postmaster) throws Exception {
        Statement st = c.createStatement();
        long due;
        try (ResultSet rs =
                st.executeQuery(DRIVER + "select count(*) from bare_timers where fire_at <= clock_timestamp()")) {
            rs.next();
            due = rs.getLong(1);
        }
        c.setAutoCommit(false);
        long cpu0 = cpuTicks(postmaster, true);
        long t0 = System.nanoTime();
        int claimed;
        do {
            claimed = st.executeUpdate(
                    DRIVER
                            + "with c as (select ticket_id, metric, kind, level from bare_timers where fire_at <= clock_timestamp()"
                            + " order by fire_at limit 100 for update skip locked) delete from bare_timers b using c"
                            + " where b.ticket_id = c.ticket_id and b.metric = c.metric and b.kind = c.kind and b.level = c.level");
            c.commit();
        } while (claimed > 0);
        double rate = due / ((System.nanoTime() - t0) / 1e9);
        System.err.printf(
                Locale.ROOT,
                "bare loop: %d rows, PostgreSQL CPU %.4f ms per row%n",
                due,
                (cpuTicks(postmaster, true) - cpu0) * 1000.0 / TICKS / due);
        c.setAutoCommit(true);
        return rate;
    }

    private static String token(String email, String password) throws Exception {
        return field(
                post("/api/v1/auth/token", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"),
                "token");
    }

    private static String post(String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300)
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) throw new IllegalStateException("no " + name + " in " + json);
        return m.group(1);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private BurstBench() {}
}
