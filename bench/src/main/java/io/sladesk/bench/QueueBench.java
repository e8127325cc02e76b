package io.sladesk.bench;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for the agents' queues at scale (not a test, not JMH): N tickets (by default
 * 1,000,000, a tenth of them open) straight into a fresh PostgreSQL, the server jar on it,
 * and an agent asking the API for the first and a deep page (keyset, 1,000 rows in) of each
 * console queue ({@code view=}, always in due order: escalated first, then the nearest due
 * instant), filtered lists and searches. Beside each, in the same run, the bare SQL query
 * returning the same page of rows (checked: the same ids in the same order), and its plan
 * ({@code EXPLAIN ANALYZE}, written to {@code queue-plans.txt} in the working directory).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sladesk.bench.QueueBench server/target/sladesk.jar 1000000</pre>
 */
public final class QueueBench {
    private static final int SAMPLES = Integer.getInteger("samples", 100);
    private static final Pattern IDS = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern NEXT = Pattern.compile("\"next\":\"([^\"]+)\"");
    private static final String WORKING = "t.status = any('{new,open,pending,on_hold}')";
    private static final String ORDER = " order by (-s.escalation_level), coalesce(s.next_due_at,"
            + " 'infinity'::timestamptz), t.created_at desc, t.id desc limit 50";
    private static final String AGENT1 = "00000000-0000-0000-0002-000000000001";
    private static final String ORG3 = "00000000-0000-0000-0001-000000000003";

    private record Query(String label, String path, String bareWhere) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: QueueBench <sladesk.jar> <tickets> [open share, default 0.1]");
            System.exit(2);
        }
        int all = Integer.parseInt(args[1]);
        int open = (int) (all * (args.length > 2 ? Double.parseDouble(args[2]) : 0.1));
        try (BenchServer s = new BenchServer(args[0], "queue-bench", List.of());
                Connection c = s.connect();
                Statement st = c.createStatement()) {
            long t0 = System.nanoTime();
            BenchServer.loadTickets(st, open, all);
            System.err.printf(
                    Locale.ROOT, "loaded %d tickets (%d open) in %.0f s%n", all, open, (System.nanoTime() - t0) / 1e9);
            // agent 1 of the load (the admin's password): "mine" is their queue
            String agent = s.token("agent1@bench.example", BenchServer.ADMIN_PASSWORD);
            String search = "(t.id in (select id from tickets where subject ilike '%printer%'"
                    + " union select x.id from tickets x join users u on u.id = x.requester_id"
                    + " where u.email ilike '%printer%' or u.name ilike '%printer%'"
                    + " union select ticket_id from ticket_messages where body ilike '%printer%'))";
            String number = Integer.toString(all / 2 + 7);
            List<Query> queries = List.of(
                    new Query("all, first page", "view=all", "true"),
                    new Query("mine", "view=mine", WORKING + " and t.assignee_id = '" + AGENT1 + "'"),
                    new Query("unassigned", "view=unassigned", WORKING + " and t.assignee_id is null"),
                    new Query(
                            "breached or escalated",
                            "view=breached",
                            WORKING + " and (coalesce(s.breached, false) or s.next_due_at < now()"
                                    + " or s.escalation_level > 0)"),
                    new Query(
                            "filter P1 open",
                            "view=all&severity=P1&status=open",
                            "t.status = any('{open}') and t.severity = any('{P1}')"),
                    new Query(
                            "filter one organization, working",
                            "view=all&organizationId=" + ORG3 + "&status=new,open,pending,on_hold",
                            "t.organization_id = '" + ORG3 + "' and " + WORKING),
                    new Query("search 'printer' (a fifth of all)", "q=printer", search),
                    new Query(
                            "search by number",
                            "q=%23" + number,
                            "t.id in (select id from tickets where subject ilike '%#" + number + "%'"
                                    + " union select ticket_id from ticket_messages where body ilike '%#" + number
                                    + "%' union select id from tickets where number = " + number + ")"));
            System.out.println("machine: " + BenchServer.machine());
            System.out.printf(
                    Locale.ROOT,
                    "%-36s %9s %9s %9s %9s %7s %6s%n",
                    "queue (API, 50 rows)",
                    "p50 ms",
                    "p99 ms",
                    "bare p50",
                    "bare p99",
                    "ratio",
                    "same");
            StringBuilder plans = new StringBuilder();
            for (Query q : queries) {
                String path = "/api/v1/tickets?limit=50&" + q.path();
                measure(s, c, agent, q.label(), path, bare(q.bareWhere(), ""), plans);
                // the page 1,000 rows in: the API follows its cursor, the bare query its keyset
                String deep = path;
                for (int i = 0; i < 20; i++) {
                    Matcher m = NEXT.matcher(s.get(deep, agent).body());
                    if (!m.find()) {
                        deep = null;
                        break;
                    }
                    deep = path + "&cursor=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
                }
                if (deep != null) {
                    String keyset = keyset(c, q.bareWhere());
                    measure(s, c, agent, q.label() + ", page 21", deep, bare(q.bareWhere(), keyset), plans);
                }
            }
            Files.writeString(Path.of("queue-plans.txt"), plans);
            System.out.printf(
                    Locale.ROOT,
                    "server RSS %.0f MiB (peak %.0f MiB); plans in queue-plans.txt%n",
                    s.rssMiB(),
                    s.peakRssMiB());
        }
    }

    private static String bare(String where, String keyset) {
        return "select t.*, s.next_due_at, s.breached, s.escalation_level as level from sla_tickets s join tickets t"
                + " on t.id = s.ticket_id where " + where + keyset + ORDER;
    }

    /** The keyset condition after the 1,000th row of the bare order (as the API's cursor holds it). */
    private static String keyset(Connection c, String where) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(BenchServer.DRIVER + "select s.escalation_level,"
                        + " coalesce(s.next_due_at, 'infinity'::timestamptz)::text, t.created_at::text, t.id"
                        + " from sla_tickets s join tickets t on t.id = s.ticket_id where " + where
                        + ORDER.replace("limit 50", "offset 999 limit 1"))) {
            if (!rs.next()) return "";
            int level = rs.getInt(1);
            String due = "'" + rs.getString(2) + "'::timestamptz";
            String created = "'" + rs.getString(3) + "'::timestamptz";
            String id = "'" + rs.getString(4) + "'::uuid";
            String dueKey = "coalesce(s.next_due_at, 'infinity'::timestamptz)";
            return " and ((-s.escalation_level), " + dueKey + ") >= (" + (-level) + ", " + due + ")"
                    + " and (s.escalation_level < " + level + " or (s.escalation_level = " + level + " and (" + dueKey
                    + " > " + due + " or (" + dueKey + " = " + due + " and (t.created_at, t.id) < (" + created + ", "
                    + id + ")))))";
        }
    }

    private static void measure(
            BenchServer s, Connection c, String token, String label, String path, String bareSql, StringBuilder plans)
            throws Exception {
        List<String> apiIds = new ArrayList<>();
        double[] api = new double[SAMPLES];
        for (int i = 0; i < 10; i++) s.get(path, token); // warm-up
        for (int i = 0; i < SAMPLES; i++) {
            long a = System.nanoTime();
            HttpResponse<String> r = s.get(path, token);
            api[i] = (System.nanoTime() - a) / 1e6;
            if (r.statusCode() != 200) throw new IllegalStateException(path + " answered " + r.statusCode() + r.body());
            if (i == 0) {
                Matcher m = IDS.matcher(r.body());
                while (m.find()) apiIds.add(m.group(1));
            }
        }
        double[] bare = new double[SAMPLES];
        List<String> bareIds = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(BenchServer.DRIVER + bareSql)) {
            for (int i = 0; i < 10; i++) drain(ps, null);
            for (int i = 0; i < SAMPLES; i++) {
                long a = System.nanoTime();
                drain(ps, i == 0 ? bareIds : null);
                bare[i] = (System.nanoTime() - a) / 1e6;
            }
        }
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(BenchServer.DRIVER + "explain (analyze, buffers, costs off) " + bareSql)) {
            plans.append("## ").append(label).append("\n").append(bareSql).append("\n");
            while (rs.next()) plans.append(rs.getString(1)).append('\n');
            plans.append('\n');
        }
        Arrays.sort(api);
        Arrays.sort(bare);
        double a50 = BenchServer.percentile(api, 0.5);
        double b50 = BenchServer.percentile(bare, 0.5);
        System.out.printf(
                Locale.ROOT,
                "%-36s %9.1f %9.1f %9.1f %9.1f %7.1f %6s%n",
                label,
                a50,
                BenchServer.percentile(api, 0.99),
                b50,
                BenchServer.percentile(bare, 0.99),
                a50 / b50,
                apiIds.equals(bareIds) ? "yes" : "NO(" + apiIds.size() + "/" + bareIds.size() + ")");
    }

    private static void drain(PreparedStatement ps, List<String> ids) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString("id");
                if (ids != null) ids.add(id);
            }
        }
    }

    private QueueBench() {}
}
