package io.sladesk.bench;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load driver for a bulk retarget (not a test, not JMH): N open tickets whose resolution
 * clocks run on one stored calendar (an organization's office hours), then an admin
 * makes the next working day a holiday ({@code PUT /api/v1/calendars/{id}} with it), which
 * moves every one of those due instants a working day later. Measured: the time from the
 * change's 200 until the recompute job is done (every clock retargeted, its history, timers
 * and read-model row written), beside a bare {@code UPDATE} of the same rows' due column in
 * the same database; and the p50/p99 of an agent's requests (the due queue's first page
 * and a ticket) before and while it runs.
 *
 * <p>The tickets: 200 made through the API (P3, resolution two business days on the
 * calendar), copied in SQL up to N (ticket, clocks, timers, read model).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sladesk.bench.RetargetBench server/target/sladesk.jar 1000000</pre>
 */
public final class RetargetBench {
    private static final String WEEK = week("18:00");

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: RetargetBench <sladesk.jar> <clocks>");
            System.exit(2);
        }
        int n = Integer.parseInt(args[1]);
        try (BenchServer s = new BenchServer(args[0], "retarget-bench", List.of());
                Connection c = s.connect();
                Statement st = c.createStatement()) {
            String admin = s.adminToken();
            String calendar = BenchServer.field(
                    s.post(
                            "/api/v1/calendars",
                            admin,
                            "{\"name\":\"Office\",\"timeZone\":\"Asia/Taipei\",\"week\":" + WEEK + ",\"holidays\":[]}"),
                    "id");
            String org = BenchServer.field(
                    s.post(
                            "/api/v1/organizations",
                            admin,
                            "{\"name\":\"Retarget\",\"plan\":\"Pro\",\"calendarId\":\"" + calendar + "\"}"),
                    "id");
            s.post(
                    "/api/v1/users",
                    admin,
                    "{\"email\":\"customer@retarget.example\",\"name\":\"Customer\",\"role\":\"customer\","
                            + "\"organizationId\":\"" + org + "\",\"password\":\"customer-password-1\"}");
            s.post(
                    "/api/v1/users",
                    admin,
                    "{\"email\":\"agent@retarget.example\",\"name\":\"Agent\",\"role\":\"agent\","
                            + "\"password\":\"agent-password-12\"}");
            String customer = s.token("customer@retarget.example", "customer-password-1");
            String agent = s.token("agent@retarget.example", "agent-password-12");
            int made = Math.min(200, n);
            for (int i = 0; i < made; i++) {
                s.post(
                        "/api/v1/tickets",
                        customer,
                        "{\"subject\":\"Report totals look wrong " + i + "\",\"description\":\"The monthly report"
                                + " total differs from the sum of its rows.\",\"severity\":\"P3\"}");
            }
            if (n > made) BenchServer.cloneTickets(st, n - made);
            st.execute(BenchServer.DRIVER + "vacuum analyze");
            st.execute(BenchServer.DRIVER + "checkpoint");
            long clocks = BenchServer.scalar(
                    st,
                    "select count(*) from sla_clocks where calendar_id = '" + calendar + "' and stopped_at is null");
            System.out.println("machine: " + BenchServer.machine());
            System.out.printf(Locale.ROOT, "running clocks on the calendar: %d%n", clocks);

            // the agent's requests, all along
            List<long[]> samples = new CopyOnWriteArrayList<>(); // {start nanos, duration nanos}
            AtomicBoolean stop = new AtomicBoolean();
            List<String> ids = new ArrayList<>();
            try (var rs = st.executeQuery(BenchServer.DRIVER + "select id from tickets order by random() limit 500")) {
                while (rs.next()) ids.add(rs.getString(1));
            }
            Thread agentLoop = new Thread(() -> {
                Random r = new Random(3);
                try {
                    while (!stop.get()) {
                        String path = r.nextBoolean()
                                ? "/api/v1/tickets?sort=due&limit=50&status=new,open"
                                : "/api/v1/tickets/" + ids.get(r.nextInt(ids.size()));
                        long a = System.nanoTime();
                        HttpResponse<String> resp = s.get(path, agent);
                        if (resp.statusCode() != 200)
                            throw new IllegalStateException(path + " answered " + resp.statusCode());
                        samples.add(new long[] {a, System.nanoTime() - a});
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            agentLoop.start();
            Thread.sleep(30_000); // 15 s of warm-up, then 15 s measured before the change
            long before = System.nanoTime();
            double rssBefore = s.rssMiB();
            double[] cpu0 = s.cpuMillis();
            st.execute(BenchServer.DRIVER + "select pg_stat_statements_reset()");
            HttpResponse<String> change = s.send(
                    "PUT",
                    "/api/v1/calendars/" + calendar,
                    admin,
                    "{\"name\":\"Office\",\"timeZone\":\"Asia/Taipei\",\"week\":" + WEEK + ",\"holidays\":[\""
                            + nextWorkingDay() + "\"]}");
            if (change.statusCode() != 200) throw new IllegalStateException("change: " + change.body());
            long changed = System.nanoTime();
            double peakRss = 0;
            while (BenchServer.scalar(
                            st,
                            "select count(*) from sla_recompute_jobs where subject_id = '" + calendar
                                    + "' and status = 'pending'")
                    > 0) {
                peakRss = Math.max(peakRss, s.rssMiB());
                Thread.sleep(100);
            }
            long done = System.nanoTime();
            double[] cpu1 = s.cpuMillis();
            BenchServer.topStatements(st, clocks, "clock", 15);
            Thread.sleep(5_000);
            stop.set(true);
            agentLoop.join();
            long failed = BenchServer.scalar(
                    st,
                    "select count(*) from sla_recompute_jobs where subject_id = '" + calendar
                            + "' and status <> 'done'");
            long moved = BenchServer.scalar(
                    st,
                    "select count(*) from sla_clock_events where type = 'clock.retargeted' and at >= now() - interval '1 day'");
            double recompute = (done - changed) / 1e9;

            // the bare work: the same rows' due column, one UPDATE
            c.setAutoCommit(false);
            long b0 = System.nanoTime();
            st.executeUpdate(BenchServer.DRIVER + "update sla_clocks set due_at = due_at + interval '1 hour'"
                    + " where calendar_id = '" + calendar + "' and stopped_at is null");
            c.commit();
            double bare = (System.nanoTime() - b0) / 1e9;
            c.setAutoCommit(true);

            double[] quiet = latencies(samples, before - 15_000_000_000L, before);
            double[] busy = latencies(samples, changed, done);
            System.out.printf(
                    Locale.ROOT,
                    "recompute: %.1f s for %d clocks (%.0f clocks/s; %d retargeted events; jobs not done: %d),"
                            + " CPU %.3f + %.3f ms a clock (server + PostgreSQL)%n",
                    recompute,
                    clocks,
                    clocks / recompute,
                    moved,
                    failed,
                    (cpu1[0] - cpu0[0]) / clocks,
                    (cpu1[1] - cpu0[1]) / clocks);
            System.out.printf(
                    Locale.ROOT, "bare UPDATE of the same rows: %.1f s; ratio %.1f×%n", bare, recompute / bare);
            System.out.printf(
                    Locale.ROOT,
                    "agent requests before: p50 %.1f ms p99 %.1f ms (%d); while it runs: p50 %.1f ms p99 %.1f ms (%d)%n",
                    quiet[0],
                    quiet[1],
                    (long) quiet[2],
                    busy[0],
                    busy[1],
                    (long) busy[2]);
            System.out.printf(
                    Locale.ROOT,
                    "server RSS before %.0f MiB, peak while recomputing %.0f MiB, peak overall %.0f MiB%n",
                    rssBefore,
                    peakRss,
                    s.peakRssMiB());
        }
    }

    /** p50, p99 and count of the requests that started within [from, to). */
    private static double[] latencies(List<long[]> samples, long from, long to) {
        double[] ms = samples.stream()
                .filter(x -> x[0] >= from && x[0] < to)
                .mapToDouble(x -> x[1] / 1e6)
                .sorted()
                .toArray();
        return new double[] {BenchServer.percentile(ms, 0.5), BenchServer.percentile(ms, 0.99), ms.length};
    }

    /** Tomorrow in Taipei, or the Monday after if that is a weekend: inside every ticket's two working days. */
    private static java.time.LocalDate nextWorkingDay() {
        java.time.LocalDate d =
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Taipei")).plusDays(1);
        while (d.getDayOfWeek().getValue() > 5) d = d.plusDays(1);
        return d;
    }

    private static String week(String end) {
        String day = "[[\"09:00\",\"" + end + "\"]]";
        return "{\"MONDAY\":" + day + ",\"TUESDAY\":" + day + ",\"WEDNESDAY\":" + day + ",\"THURSDAY\":" + day
                + ",\"FRIDAY\":" + day + "}";
    }

    private RetargetBench() {}
}
