package io.sladesk.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does a dead SMTP server or webhook receiver slow the requests that cause notices? Runs
 * the real server jar, then times {@code POST /api/v1/tickets} (each one writes an email
 * and a webhook delivery) in rounds that alternate between notices "up" (GreenMail and a
 * receiver answering at once) and "down" (no SMTP server on the port, a receiver that
 * hangs for ten seconds), and reports the medians and p99s side by side.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sladesk.bench.NoticeLatencyBench server/target/sladesk.jar</pre>
 */
public final class NoticeLatencyBench {
    private static final int PER_ROUND = Integer.getInteger("requests", 200);
    private static final int ROUNDS = Integer.getInteger("rounds", 4);
    private static final int PORT = Integer.getInteger("port", 18556);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static volatile boolean receiverUp = true;

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        Path dir = Files.createTempDirectory("sladesk-notice-bench");
        int smtpPort = freePort();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (!receiverUp) {
                try {
                    Thread.sleep(10_000); // a receiver that hangs
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(receiverUp ? 204 : 500, -1);
            exchange.close();
        });
        receiver.start();
        GreenMail smtp = startSmtp(smtpPort);
        try (EmbeddedPostgres pg =
                EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start()) {
            Process server = start(jar, pg.getJdbcUrl("postgres", "postgres"), smtpPort, dir);
            try {
                String admin = token("bench@example.com", "bench-password");
                String org = field(post("/api/v1/organizations", admin, "{\"name\":\"Bench\",\"plan\":\"Pro\"}"), "id");
                post(
                        "/api/v1/users",
                        admin,
                        "{\"email\":\"customer@example.com\",\"name\":\"C\",\"role\":\"customer\","
                                + "\"organizationId\":\"" + org + "\",\"password\":\"password-1\"}");
                post(
                        "/api/v1/webhooks",
                        admin,
                        "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                                + "/hook\",\"events\":[\"*\"]}");
                String customer = token("customer@example.com", "password-1");
                for (int i = 0; i < 50; i++) createTicket(customer); // warm up
                List<Long> up = new ArrayList<>();
                List<Long> down = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    boolean isUp = round % 2 == 0;
                    if (isUp && smtp == null) smtp = startSmtp(smtpPort);
                    if (!isUp && smtp != null) {
                        smtp.stop();
                        smtp = null;
                    }
                    receiverUp = isUp;
                    for (int i = 0; i < PER_ROUND; i++) (isUp ? up : down).add(createTicket(customer));
                }
                System.out.printf(
                        Locale.ROOT, "%-28s %10s %10s %10s%n", "POST /api/v1/tickets", "requests", "p50", "p99");
                report("notices up", up);
                report("SMTP down, receiver hanging", down);
                System.out.printf(Locale.ROOT, "ratio of medians (down / up): %.2f%n", median(down) / median(up));
            } finally {
                server.destroy();
                server.waitFor();
            }
        } finally {
            receiverUp = true;
            receiver.stop(0);
            if (smtp != null) smtp.stop();
        }
    }

    private static GreenMail startSmtp(int port) {
        GreenMail g = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        return g;
    }

    private static long createTicket(String token) throws Exception {
        long t0 = System.nanoTime();
        String r = post("/api/v1/tickets", token, "{\"subject\":\"Slow\",\"description\":\"d\",\"severity\":\"P2\"}");
        long micros = (System.nanoTime() - t0) / 1_000;
        if (!r.contains("\"id\"")) throw new IllegalStateException(r);
        return micros;
    }

    private static void report(String name, List<Long> micros) {
        List<Long> s = new ArrayList<>(micros);
        Collections.sort(s);
        System.out.printf(
                Locale.ROOT,
                "%-28s %10d %8.1fms %8.1fms%n",
                name,
                s.size(),
                median(s) / 1000.0,
                s.get((int) Math.ceil(s.size() * 0.99) - 1) / 1000.0);
    }

    private static double median(List<Long> micros) {
        List<Long> s = new ArrayList<>(micros);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static Process start(String jar, String url, int smtpPort, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar);
        pb.environment().put("SPRING_DATASOURCE_URL", url);
        pb.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        pb.environment().put("SPRING_DATASOURCE_PASSWORD", "postgres");
        pb.environment().put("SERVER_PORT", Integer.toString(PORT));
        pb.environment().put("SPRING_MAIL_HOST", "127.0.0.1");
        pb.environment().put("SPRING_MAIL_PORT", Integer.toString(smtpPort));
        pb.environment().put("SLADESK_ADMIN_EMAIL", "bench@example.com");
        pb.environment().put("SLADESK_ADMIN_PASSWORD", "bench-password");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (HTTP.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://localhost:" + PORT + "/actuator/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) return p;
            } catch (Exception notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("server did not start; see " + dir.resolve("server.log"));
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
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
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

    private NoticeLatencyBench() {}
}
