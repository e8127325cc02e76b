package io.sladesk.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for the agent console (not a test, not JMH): loads N open tickets (and as
 * many solved and closed ones) with their clocks straight into a fresh PostgreSQL, starts
 * the real server jar on it, signs an agent in through the login form, and times the
 * console's pages as a browser asks for them on this machine (loopback, so the time is the
 * server's plus a negligible hop): the "all" queue's first page, pages deep in it by its
 * "more" links, a filtered queue, a search, and ticket pages. Beside each, the bare SQL
 * query returning the same queue rows is timed in the same run.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sladesk.bench.PagesBench server/target/sladesk.jar 100000</pre>
 */
public final class PagesBench {
    private static final int PORT = Integer.getInteger("port", 18556);
    private static final int SAMPLES = Integer.getInteger("samples", 200);
    private static final String BASE = "http://localhost:" + PORT;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern MORE = Pattern.compile("href=\"(/console\\?[^\"]*cursor=[^\"]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PagesBench <sladesk.jar> <open tickets>");
            System.exit(2);
        }
        String jar = args[0];
        int open = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("sladesk-pages-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pg"))
                .setServerConfig("max_connections", "100")
                .start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            Process server = startServer(jar, url, dir);
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                load(c, open);
                HttpClient http = HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
                String cookie = signIn(http, "agent@bench.example", "bench-agent-password");
                System.out.printf(
                        Locale.ROOT,
                        "%-44s %9s %9s %9s   (%d samples, %d open tickets, %d in all)%n",
                        "page",
                        "p50 ms",
                        "p99 ms",
                        "bytes",
                        SAMPLES,
                        open,
                        open * 3);
                time(http, cookie, "/console?queue=all", "queue all, first page");
                String deep = deepLink(http, cookie, "/console?queue=all", 20);
                time(http, cookie, deep, "queue all, page 21 (keyset)");
                time(http, cookie, "/console?queue=all&severity=P1&status=open", "queue all, P1 open");
                time(http, cookie, "/console?queue=breached", "queue breached or escalated");
                time(http, cookie, "/console?queue=all&q=printer", "search 'printer'");
                Random r = new Random(7);
                List<String> ticketPages = new ArrayList<>();
                for (int i = 0; i < SAMPLES; i++) ticketPages.add("/console/tickets/" + (1 + r.nextInt(open)));
                timeEach(http, cookie, ticketPages, "ticket page (random open ticket)");
                bare(c);
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
    }

    private static void time(HttpClient http, String cookie, String path, String label) throws Exception {
        timeEach(http, cookie, java.util.Collections.nCopies(SAMPLES, path), label);
    }

    private static void timeEach(HttpClient http, String cookie, List<String> paths, String label) throws Exception {
        for (int i = 0; i < 20; i++) get(http, cookie, paths.get(i % paths.size())); // warm up
        double[] ms = new double[paths.size()];
        long bytes = 0;
        for (int i = 0; i < paths.size(); i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = get(http, cookie, paths.get(i));
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) throw new IllegalStateException(paths.get(i) + " answered " + r.statusCode());
            bytes = r.body().length();
        }
        Arrays.sort(ms);
        System.out.printf(
                Locale.ROOT, "%-44s %9.1f %9.1f %9d%n", label, percentile(ms, 0.5), percentile(ms, 0.99), bytes);
    }

    /** The bare queries returning the same rows as the queue's first page and a filtered page. */
    private static void bare(Connection c) throws Exception {
        String all = "select t.id from tickets t join sla_tickets s on s.ticket_id = t.id"
                + " where t.status not in ('solved', 'closed')"
                + " order by s.escalation_level desc, coalesce(s.next_due_at, 'infinity'::timestamptz), t.created_at desc,"
                + " t.id desc limit 50";
        String p1 = "select t.id from tickets t join sla_tickets s on s.ticket_id = t.id"
                + " where t.status = 'open' and t.severity = 'P1'"
                + " order by s.escalation_level desc, coalesce(s.next_due_at, 'infinity'::timestamptz), t.created_at desc,"
                + " t.id desc limit 50";
        for (String[] q : new String[][] {{"bare SQL: queue all, first 50 rows", all}, {"bare SQL: P1 open", p1}}) {
            double[] ms = new double[SAMPLES];
            try (PreparedStatement ps = c.prepareStatement(q[1])) {
                for (int i = 0; i < 20; i++) drain(ps);
                for (int i = 0; i < SAMPLES; i++) {
                    long t0 = System.nanoTime();
                    drain(ps);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%-44s %9.1f %9.1f%n", q[0], percentile(ms, 0.5), percentile(ms, 0.99));
        }
    }

    private static void drain(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) rs.getObject(1);
        }
    }

    private static String deepLink(HttpClient http, String cookie, String first, int pages) throws Exception {
        String path = first;
        for (int i = 0; i < pages; i++) {
            Matcher m = MORE.matcher(get(http, cookie, path).body());
            if (!m.find()) throw new IllegalStateException("no 'more' link on " + path);
            path = m.group(1).replace("&amp;", "&");
        }
        return path;
    }

    private static HttpResponse<String> get(HttpClient http, String cookie, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(BASE + path))
                        .header("Cookie", cookie)
                        .header("Accept-Language", "en")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in through the login form (with its CSRF token) and returns the session cookie. */
    private static String signIn(HttpClient http, String email, String password) throws Exception {
        HttpResponse<String> form = http.send(
                HttpRequest.newBuilder(URI.create(BASE + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = cookie(form);
        Matcher m = CSRF.matcher(form.body());
        if (!m.find()) throw new IllegalStateException("no CSRF field on /login");
        String body = "email=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(m.group(1));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(BASE + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302
                || !r.headers().firstValue("Location").orElse("").endsWith("/console"))
            throw new IllegalStateException(
                    "sign-in failed: " + r.statusCode() + " " + r.headers().map());
        String after = cookie(r);
        return after.isEmpty() ? cookie : after;
    }

    private static String cookie(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie").stream()
                .map(v -> v.split(";", 2)[0])
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /**
     * {@code open} open tickets and twice as many solved or closed, over 20 organizations,
     * every severity and working status, 10 agents; each with first-response and
     * resolution clocks and its row of the SLA read model (a tenth breached, a few escalated).
     */
    private static void load(Connection c, int open) throws Exception {
        long t = System.nanoTime();
        try (Statement st = c.createStatement()) {
            BenchServer.loadTickets(st, open, open * 3);
        }
        System.err.printf(
                Locale.ROOT, "loaded %d open of %d tickets in %.1f s%n", open, open * 3, (System.nanoTime() - t) / 1e9);
        // the bench agent: a known password through the API
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(URI.create(BASE + "/api/v1/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"bench@example.com\",\"password\":\"bench-password-12\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String bearer = token.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> agent = http.send(
                HttpRequest.newBuilder(URI.create(BASE + "/api/v1/users"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + bearer)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"agent@bench.example\",\"name\":\"Bench"
                                + " Agent\",\"role\":\"agent\",\"password\":\"bench-agent-password\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (agent.statusCode() != 201) throw new IllegalStateException("agent: " + agent.body());
    }

    private static Process startServer(String jar, String url, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar);
        pb.environment().put("SPRING_DATASOURCE_URL", url);
        pb.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        pb.environment().put("SPRING_DATASOURCE_PASSWORD", "postgres");
        pb.environment().put("SERVER_PORT", Integer.toString(PORT));
        pb.environment().put("SLADESK_ADMIN_EMAIL", "bench@example.com");
        pb.environment().put("SLADESK_ADMIN_PASSWORD", "bench-password-12");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        Process p = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(BASE + "/actuator/health"))
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

    private PagesBench() {}
}
