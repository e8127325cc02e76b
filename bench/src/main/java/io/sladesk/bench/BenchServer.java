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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the load drivers share: a PostgreSQL of their own (a separate process the server
 * reaches over loopback, as an external one), the real server jar started on it with a
 * bench admin, JSON over HTTP, the server's resident memory and CPU, and percentiles.
 */
final class BenchServer implements AutoCloseable {
    static final String ADMIN = "bench@example.com";
    static final String ADMIN_PASSWORD = "bench-password-12";
    static final String DRIVER = "/* bench-driver */ ";

    final Path dir;
    final EmbeddedPostgres pg;
    final String jdbcUrl;
    final int port;
    final Process server;
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<long[]> rssSamples = new ArrayList<>();

    /** Starts PostgreSQL (pg_stat_statements on) and the server jar with {@code jvmOptions}. */
    BenchServer(String jar, String name, List<String> jvmOptions) throws Exception {
        dir = Files.createTempDirectory("sladesk-" + name);
        pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pg"))
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "top")
                .setServerConfig("pg_stat_statements.max", "10000")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "4GB")
                .start();
        jdbcUrl = pg.getJdbcUrl("postgres", "postgres");
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute(DRIVER + "create extension if not exists pg_stat_statements");
        }
        port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the notices are written in the request's transaction; sending them is not measured
        cmd.add("-Dsladesk.outbox.sweep=PT24H");
        cmd.add("-Dmanagement.health.mail.enabled=false");
        cmd.addAll(jvmOptions);
        // -DserverOptions="-Xmx256m ..." passes JVM options to the server (a heap bound, a profiler)
        String extra = System.getProperty("serverOptions", "").trim();
        if (!extra.isEmpty()) cmd.addAll(List.of(extra.split("\\s+")));
        cmd.add("-jar");
        cmd.add(jar);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SPRING_DATASOURCE_URL", jdbcUrl);
        pb.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        pb.environment().put("SPRING_DATASOURCE_PASSWORD", "postgres");
        pb.environment().put("SERVER_PORT", Integer.toString(port));
        pb.environment().put("SLADESK_ADMIN_EMAIL", ADMIN);
        pb.environment().put("SLADESK_ADMIN_PASSWORD", ADMIN_PASSWORD);
        pb.environment().put("SPRING_MAIL_HOST", "127.0.0.1");
        pb.environment().put("SPRING_MAIL_PORT", Integer.toString(freePort()));
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        server = pb.start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (true) {
            try {
                if (get("/actuator/health", null).statusCode() == 200) break;
            } catch (Exception notYet) {
                // still starting
            }
            if (System.currentTimeMillis() > deadline || !server.isAlive()) {
                server.destroyForcibly();
                throw new IllegalStateException("server did not start; see " + dir.resolve("server.log"));
            }
            Thread.sleep(250);
        }
    }

    Connection connect() throws Exception {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(dir.resolve("pg").resolve("postmaster.pid"))
                .get(0)
                .trim());
    }

    String token(String email, String password) throws Exception {
        return field(
                post("/api/v1/auth/token", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"),
                "token");
    }

    String adminToken() throws Exception {
        return token(ADMIN, ADMIN_PASSWORD);
    }

    /** POSTs JSON and answers the body; anything but 2xx is an error. */
    String post(String path, String token, String json) throws Exception {
        HttpResponse<String> r = send("POST", path, token, json);
        if (r.statusCode() >= 300)
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) throw new IllegalStateException("no " + name + " in " + json);
        return m.group(1);
    }

    /** The server's resident set size now, in MiB (VmRSS of /proc/pid/status). */
    double rssMiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
        return Double.NaN;
    }

    /** The server's peak resident set size so far, in MiB (VmHWM). */
    double peakRssMiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
        return Double.NaN;
    }

    /** Clock ticks per second of /proc/[pid]/stat (USER_HZ, 100 on Linux). */
    static final long TICKS = Long.getLong("clockTicks", 100);

    /** CPU milliseconds (user + system) used so far by the server and by all of PostgreSQL's processes. */
    double[] cpuMillis() throws Exception {
        long pg = postmasterPid();
        long server = 0, db = 0;
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
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                if (self == this.server.pid()) server += ticks;
                // the postmaster's own cutime/cstime keep the CPU of its children that have exited
                if (self == pg) db += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                if (self == pg || parent == pg) db += ticks;
            }
        }
        return new double[] {server * 1000.0 / TICKS, db * 1000.0 / TICKS};
    }

    /**
     * Copies the tickets there are (ticket, clocks, timers, read model, followers) into
     * {@code count} more, round-robin: the same work for the server as the tickets it made
     * itself. Ticket numbers are fresh; everything else is the source's.
     */
    static void cloneTickets(Statement st, int count) throws Exception {
        long t0 = System.nanoTime();
        st.execute(DRIVER + "create temporary table src as select id, row_number() over (order by number) as rn"
                + " from tickets");
        st.execute(DRIVER + "create temporary table copies as select s.id as src, gen_random_uuid() as id from"
                + " generate_series(0, " + (count - 1) + ") g join src s on s.rn = g % (select count(*) from src) + 1");
        copy(st, "tickets", "id", "number");
        copy(st, "sla_clocks", "ticket_id", null);
        copy(st, "sla_timers", "ticket_id", null);
        copy(st, "sla_tickets", "ticket_id", null);
        copy(st, "ticket_followers", "ticket_id", null);
        st.execute(DRIVER + "drop table copies");
        st.execute(DRIVER + "drop table src");
        System.err.printf(
                Locale.ROOT, "copied them into %d more tickets in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
    }

    private static void copy(Statement st, String table, String ticketColumn, String fresh) throws Exception {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(DRIVER + "select column_name from information_schema.columns"
                + " where table_name = '" + table + "' and table_schema = 'public' and is_generated = 'NEVER'"
                + " order by ordinal_position")) {
            while (rs.next()) columns.add(rs.getString(1));
        }
        if (fresh != null) columns.remove(fresh);
        String into = String.join(", ", columns);
        String from = columns.stream()
                .map(col -> col.equals(ticketColumn) ? "c.id" : "x." + col)
                .reduce((a, b) -> a + ", " + b)
                .orElseThrow();
        st.execute(DRIVER + "insert into " + table + " (" + into + ") select " + from + " from " + table
                + " x join copies c on c.src = x." + ticketColumn);
    }

    /**
     * {@code all} tickets straight into the tables, {@code open} of them open (in {@code new},
     * {@code open}, {@code pending}, {@code on_hold}) and the rest solved or closed, over 20
     * organizations, every severity, 10 agents (a third unassigned; they share the admin's
     * password); each with first-response and resolution clocks, its row of the SLA read model
     * (a tenth of the breached ones escalated) and one message.
     */
    static void loadTickets(Statement st, int open, int all) throws Exception {
        String admin = firstAdmin(st);
        st.execute("insert into organizations (id, name, plan_id, time_zone, created_at)"
                + " select ('00000000-0000-0000-0001-' || lpad(to_hex(g), 12, '0'))::uuid, 'Org ' || g,"
                + " '00000000-0000-0000-0000-000000000001', 'Asia/Taipei', now() from generate_series(1, 20) g");
        // agents share the admin's password hash: only the bench agent signs in
        st.execute("insert into users (id, email, name, role, duties, password_hash, language, created_at)"
                + " select ('00000000-0000-0000-0002-' || lpad(to_hex(g), 12, '0'))::uuid,"
                + " 'agent' || g || '@bench.example', 'Agent ' || g, 'agent', '{}',"
                + " (select password_hash from users where id = '" + admin + "'), 'en', now()"
                + " from generate_series(1, 10) g");
        st.execute("create temporary table load as select g,"
                + " ('00000000-0000-0000-0003-' || lpad(to_hex(g), 12, '0'))::uuid as id,"
                + " ('00000000-0000-0000-0001-' || lpad(to_hex(1 + g % 20), 12, '0'))::uuid as org,"
                + " ('00000000-0000-0000-0002-' || lpad(to_hex(1 + g % 10), 12, '0'))::uuid as agent,"
                + " (array['P1','P2','P3','P4'])[1 + g % 4] as severity,"
                + " case when g <= " + open + " then (array['new','open','pending','on_hold'])[1 + (g / 4) % 4]"
                + " else (array['solved','closed'])[1 + g % 2] end as status,"
                + " now() - (g % 5000) * interval '1 minute' as created,"
                + " now() + ((g::bigint * 7919) % 20000 - 2000) * interval '1 minute' as due"
                + " from generate_series(1, " + all + ") g");
        st.execute("insert into tickets (id, number, organization_id, subject, description, severity, status,"
                + " priority, channel, requester_id, assignee_id, created_at, updated_at, solved_at, closed_at)"
                + " select id, g, org, (array['Inbox will not load','Export is slow','Printer mapping wrong',"
                + "'How do I add a user','SLA report totals'])[1 + g % 5] || ' #' || g, 'Details of ticket ' || g,"
                + " severity, status, 'normal', 'portal', '" + admin + "',"
                + " case when g % 3 = 0 then null else agent end, created, created,"
                + " case when status in ('solved','closed') then created + interval '1 hour' end,"
                + " case when status = 'closed' then created + interval '2 hours' end from load");
        st.execute("select setval('ticket_number_seq', " + all + ")");
        st.execute("insert into sla_tickets (ticket_id, next_due_at, breached, escalation_level)"
                + " select id, case when status in ('new','open','on_hold') then due end, due < now(),"
                + " case when due < now() and g % 10 = 0 then 1 else 0 end from load");
        for (String metric : new String[] {"first_response", "resolution"}) {
            st.execute("insert into sla_clocks (ticket_id, metric, organization_id, started_at, policy_id,"
                    + " severity, target, due_at, stopped_at, met, breached_at, breach_due_at, updated_at)"
                    + " select id, '" + metric + "', org, created, '00000000-0000-0000-0000-000000000002',"
                    + " severity, '{\"duration\": \"PT8H\", \"calendar\": \"24x7\"}', due,"
                    + " case when status in ('solved','closed') then created + interval '1 hour' end,"
                    + " case when status in ('solved','closed') then due > created + interval '1 hour' end,"
                    + " case when due < now() then due end, case when due < now() then due end, now() from load");
        }
        st.execute("insert into ticket_messages (id, ticket_id, organization_id, author_id, body, visibility,"
                + " created_at) select gen_random_uuid(), id, org, '" + admin + "',"
                + " 'The first message of ticket ' || g, 'public', created from load");
        st.execute("drop table load");
        st.execute("vacuum analyze");
        st.execute("checkpoint");
    }

    private static String firstAdmin(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery(DRIVER + "select id from users where role = 'admin' limit 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static long scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(DRIVER + sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Calls of every statement the server ran since the last reset (the driver's own left out). */
    static long serverStatements(Statement st) throws Exception {
        return scalar(
                st,
                "select coalesce(sum(calls), 0) from pg_stat_statements where query not like '%bench-driver%'"
                        + " and query not like '%pg_stat_statements%'");
    }

    static void topStatements(Statement st, long per, String unit, int n) throws Exception {
        try (ResultSet rs = st.executeQuery(DRIVER + "select calls, rows, round(total_exec_time::numeric, 1),"
                + " left(regexp_replace(query, '\\s+', ' ', 'g'), 140) from pg_stat_statements"
                + " where query not like '%bench-driver%' and query not like '%pg_stat_statements%'"
                + " order by total_exec_time desc limit " + n)) {
            System.err.printf("   calls  per %-7s      rows   exec ms  statement%n", unit);
            while (rs.next()) {
                System.err.printf(
                        Locale.ROOT,
                        "%8d %11.3f %9d %9s  %s%n",
                        rs.getLong(1),
                        rs.getLong(1) / (double) per,
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4));
            }
        }
    }

    static String machine() throws Exception {
        return String.format(
                Locale.ROOT,
                "%s, %d cores, Java %s, load average %s",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Files.readString(Path.of("/proc/loadavg")).trim());
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        server.destroy();
        server.waitFor();
        pg.close();
        // the database's files: gigabytes at a million tickets
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
