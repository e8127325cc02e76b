package io.sladesk.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Load driver for ticket creation over HTTP (not a test, not JMH): customers with bearer
 * tokens {@code POST /api/v1/tickets} at 1, 4 and 16 connections for a fixed time each,
 * against the server jar on a PostgreSQL of its own (another process, reached over
 * loopback like an external one). Every 201 means the ticket committed with its clocks,
 * timers, read-model row and outbox rows (the "received" email and a {@code ticket.created}
 * webhook delivery). Beside it, in the same database and run, {@code pgbench} inserts one
 * ~300-byte row with a {@code timestamptz} index per transaction at the same
 * concurrency: the raw commit rate. Reports tickets/s, p50/p99, the ratio, statements per
 * ticket ({@code pg_stat_statements}) and the server's resident memory.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sladesk.bench.CreateBench server/target/sladesk.jar [seconds]</pre>
 */
public final class CreateBench {
    private static final int[] CONNECTIONS = java.util.Arrays.stream(
                    System.getProperty("conns", "1,4,16").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CreateBench <sladesk.jar> [seconds per step, default 20]");
            System.exit(2);
        }
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<String> jvm = List.of("-Dsladesk.webhooks.allow-private-networks=true");
        try (BenchServer s = new BenchServer(args[0], "create-bench", jvm);
                Connection c = s.connect();
                Statement st = c.createStatement()) {
            System.out.println("machine: " + BenchServer.machine());
            String admin = s.adminToken();
            String org = BenchServer.field(
                    s.post("/api/v1/organizations", admin, "{\"name\":\"Create\",\"plan\":\"Pro\"}"), "id");
            s.post("/api/v1/webhooks", admin, "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"ticket.created\"]}");
            String[] tokens = new String[16];
            for (int i = 0; i < tokens.length; i++) {
                String email = "customer" + i + "@create.example";
                s.post(
                        "/api/v1/users",
                        admin,
                        "{\"email\":\"" + email + "\",\"name\":\"Customer " + i + "\",\"role\":\"customer\","
                                + "\"organizationId\":\"" + org + "\",\"password\":\"customer-password-" + i + "\"}");
                tokens[i] = s.token(email, "customer-password-" + i);
            }
            // warm-up: JIT, pools and caches, not measured
            run(s, tokens, 4, Math.max(5, seconds / 2));
            bareTable(st);
            System.out.printf(
                    Locale.ROOT,
                    "%-5s %10s %9s %9s %12s %8s %10s %16s %9s%n",
                    "conns",
                    "tickets/s",
                    "p50 ms",
                    "p99 ms",
                    "pgbench tps",
                    "ratio",
                    "stmts/tkt",
                    "CPU ms/tkt s+pg",
                    "RSS MiB");
            for (int conns : CONNECTIONS) {
                st.execute(BenchServer.DRIVER + "select pg_stat_statements_reset()");
                double[] cpu0 = s.cpuMillis();
                Result r = run(s, tokens, conns, seconds);
                double[] cpu1 = s.cpuMillis();
                long statements = BenchServer.serverStatements(st);
                double rss = s.rssMiB();
                if (conns == 16) BenchServer.topStatements(st, r.count, "ticket", 25);
                double tps = pgbench(s, conns, seconds);
                System.out.printf(
                        Locale.ROOT,
                        "%-5d %10.0f %9.1f %9.1f %12.0f %8.3f %10.1f %7.2f + %6.2f %9.0f%n",
                        conns,
                        r.rate,
                        r.p50,
                        r.p99,
                        tps,
                        r.rate / tps,
                        statements / (double) r.count,
                        (cpu1[0] - cpu0[0]) / r.count,
                        (cpu1[1] - cpu0[1]) / r.count,
                        rss);
            }
            System.out.printf(Locale.ROOT, "server peak RSS %.0f MiB%n", s.peakRssMiB());
        }
    }

    private record Result(long count, double rate, double p50, double p99) {}

    /** {@code conns} customers creating tickets back to back for {@code seconds}. */
    private static Result run(BenchServer s, String[] tokens, int conns, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(conns);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<double[]>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < conns; i++) {
            String token = tokens[i];
            int who = i;
            futures.add(pool.submit(() -> {
                double[] ms = new double[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    String body = "{\"subject\":\"The inbox will not load for customer " + who + " (" + n + ")\","
                            + "\"description\":\"Since this morning the inbox shows a spinner and never loads; "
                            + "we tried two browsers and cleared the cache. Ticket " + n + ".\",\"severity\":\"P2\"}";
                    long a = System.nanoTime();
                    HttpResponse<String> r = s.send("POST", "/api/v1/tickets", token, body);
                    if (r.statusCode() != 201)
                        throw new IllegalStateException("create answered " + r.statusCode() + ": " + r.body());
                    if (n == ms.length) ms = Arrays.copyOf(ms, n * 2);
                    ms[n++] = (System.nanoTime() - a) / 1e6;
                }
                return Arrays.copyOf(ms, n);
            }));
        }
        List<double[]> all = new ArrayList<>();
        for (Future<double[]> f : futures) all.add(f.get());
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        double[] ms = all.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        return new Result(
                ms.length, ms.length / elapsed, BenchServer.percentile(ms, 0.5), BenchServer.percentile(ms, 0.99));
    }

    private static void bareTable(Statement st) throws Exception {
        st.execute(BenchServer.DRIVER + "create table bare_tickets (id bigserial primary key, organization_id uuid"
                + " not null, subject text not null, description text not null, created_at timestamptz not null)");
        st.execute(BenchServer.DRIVER + "create index on bare_tickets (created_at)");
    }

    /** pgbench's transactions per second: one ~300-byte row with a timestamptz index per transaction. */
    private static double pgbench(BenchServer s, int conns, int seconds) throws Exception {
        Path script = s.dir.resolve("insert.sql");
        Files.writeString(
                script,
                "insert into bare_tickets (organization_id, subject, description, created_at) values"
                        + " (gen_random_uuid(), 'The inbox will not load for customer ' || :client_id,"
                        + " 'Since this morning the inbox shows a spinner and never loads; we tried two browsers"
                        + " and cleared the cache, and the mobile app shows the same. This is ticket text padded"
                        + " to about three hundred bytes as a ticket row would be.', now());\n");
        String url = s.jdbcUrl; // jdbc:postgresql://localhost:PORT/postgres?...
        String port = url.replaceAll(".*://[^:]+:(\\d+)/.*", "$1");
        Process p = new ProcessBuilder(
                        "pgbench",
                        "-n",
                        "-h",
                        "localhost",
                        "-p",
                        port,
                        "-U",
                        "postgres",
                        "-c",
                        Integer.toString(conns),
                        "-j",
                        Integer.toString(conns),
                        "-T",
                        Integer.toString(seconds),
                        "-f",
                        script.toString(),
                        "postgres")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException("pgbench failed: " + out);
        for (String line : out.split("\n")) {
            if (line.startsWith("tps = ")) return Double.parseDouble(line.split("\\s+")[2]);
        }
        throw new IllegalStateException("no tps in pgbench's output: " + out);
    }

    private CreateBench() {}
}
