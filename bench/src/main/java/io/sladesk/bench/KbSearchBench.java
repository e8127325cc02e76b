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

/**
 * Load driver for the knowledge base's search (not a test, not JMH): starts the real server
 * jar on a fresh PostgreSQL, writes articles through the API (each indexed as the server
 * indexes it), copies them in SQL up to N articles, and times {@code GET /api/v1/kb/articles?q=}
 * for English (stemmed, misspelt), Chinese and mixed queries, one request after another on
 * loopback. Beside each, the bare SQL match (the same full-text and character-pair
 * conditions, ranked, first 20) is timed in the same run.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sladesk.bench.KbSearchBench server/target/sladesk.jar 10000</pre>
 */
public final class KbSearchBench {
    private static final int PORT = Integer.getInteger("port", 18557);
    private static final int SAMPLES = Integer.getInteger("samples", 300);
    private static final int WRITTEN = Integer.getInteger("written", 1000);
    private static final String BASE = "http://localhost:" + PORT;

    private static final String[] EN = ("account export exporting report reports invoice billing payment password"
                    + " login sign inbox message messages template templates webhook webhooks api key keys token"
                    + " team teams agent agents customer customers ticket tickets severity priority response time"
                    + " business day days hours holiday calendar escalation notification notifications email mail"
                    + " phone widget chat contact contacts import importing csv spreadsheet file files upload download"
                    + " settings profile language timezone zone security permission role roles admin user users"
                    + " broadcast campaign campaigns analytics dashboard chart filter filters search tag tags label"
                    + " integration integrations shopify zapier crm sync error errors slow fast outage backup restore")
            .split(" ");
    private static final String[] ZH = ("帳戶 匯出 報表 發票 帳單 付款 密碼 登入 收件匣 訊息 範本 網路 金鑰 權杖 團隊 客服 客戶 票證"
                    + " 嚴重性 優先 回應 時間 營業日 小時 假日 行事曆 升級 通知 電子 郵件 電話 小工具 聊天 聯絡人 匯入 檔案 上傳"
                    + " 下載 設定 個人 語言 時區 安全 權限 角色 管理員 使用者 廣播 活動 分析 儀表板 圖表 篩選 搜尋 標籤 整合 同步"
                    + " 錯誤 緩慢 中斷 備份 還原 無法 問題 功能 服務")
            .split(" ");

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: KbSearchBench <sladesk.jar> <articles>");
            System.exit(2);
        }
        String jar = args[0];
        int total = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("sladesk-kb-bench");
        try (EmbeddedPostgres pg =
                EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            Process server = startServer(jar, url, dir);
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                HttpClient http = HttpClient.newHttpClient();
                String token = token(http);
                long t0 = System.nanoTime();
                write(http, token, Math.min(WRITTEN, total));
                long written = (System.nanoTime() - t0) / 1_000_000;
                copy(c, total);
                try (Statement s = c.createStatement()) {
                    s.execute("vacuum analyze kb_articles");
                    s.execute("vacuum analyze kb_words");
                }
                System.out.printf(
                        Locale.ROOT,
                        "%d articles (%d written through the API in %d ms, the rest copied in SQL)%n",
                        count(c),
                        Math.min(WRITTEN, total),
                        written);
                System.out.printf(
                        Locale.ROOT,
                        "%-28s %9s %9s %9s %9s %6s   (%d samples each)%n",
                        "query",
                        "API p50",
                        "API p99",
                        "SQL p50",
                        "SQL p99",
                        "hits",
                        SAMPLES);
                for (String q : List.of(
                        "export",
                        "exporting reports",
                        "exportng",
                        "cannot log in",
                        "登入",
                        "營業日",
                        "無法登入收件匣",
                        "SLA 營業日",
                        "webhook 錯誤")) {
                    time(http, c, q);
                }
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
    }

    private static String token(HttpClient http) throws Exception {
        String body = "{\"email\":\"bench@example.com\",\"password\":\"bench-password-12\"}";
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(BASE + "/api/v1/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String b = r.body();
        int i = b.indexOf("\"token\":\"") + 9;
        return b.substring(i, b.indexOf('"', i));
    }

    /**
     * Text of {@code n} words: one in ten from the help-desk vocabulary (so each such word is
     * in roughly one article in eight), the rest made up (English-like syllables, or random
     * CJK characters in pairs), so a query matches a realistic share of the articles rather
     * than all of them.
     */
    private static String words(Random r, String[] from, int n, String sep) {
        boolean zh = from == ZH;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) b.append(sep);
            if (r.nextInt(10) == 0) {
                b.append(from[r.nextInt(from.length)]);
            } else if (zh) {
                b.appendCodePoint(0x4E00 + r.nextInt(0x5000)).appendCodePoint(0x4E00 + r.nextInt(0x5000));
            } else {
                int syllables = 1 + r.nextInt(3);
                for (int k = 0; k < syllables; k++) b.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
            }
        }
        return b.toString();
    }

    private static final String[] SYLLABLES = ("ka ri to ne mo la su vi de po ran tel mor sin pla gro ven tur qua bel"
                    + " dor fin lux mar nor pex rol sam tov ul wen yor zed")
            .split(" ");

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Articles of about 200 words (English) or 300 characters (Chinese), half of each. */
    private static void write(HttpClient http, String token, int n) throws Exception {
        Random r = new Random(13);
        for (int i = 0; i < n; i++) {
            boolean zh = i % 2 == 1;
            String title = zh ? words(r, ZH, 4, "") : words(r, EN, 5, " ");
            StringBuilder body = new StringBuilder();
            for (int p = 0; p < 4; p++) {
                body.append(zh ? words(r, ZH, 40, "") + "。" : words(r, EN, 50, " ") + ".")
                        .append("\n\n");
            }
            String req = "{\"title\":" + json(title) + ",\"body\":" + json(body.toString()) + ",\"language\":\""
                    + (zh ? "zh-TW" : "en") + "\",\"category\":\"Bench " + (i % 10) + "\"}";
            HttpResponse<String> resp = http.send(
                    HttpRequest.newBuilder(URI.create(BASE + "/api/v1/kb/articles"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(req))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 201) throw new IllegalStateException(resp.statusCode() + " " + resp.body());
        }
    }

    /** Copies of the written articles (index and all) up to the total, each its own translation group. */
    private static void copy(Connection c, int total) throws Exception {
        int have = count(c);
        try (PreparedStatement s = c.prepareStatement(
                "insert into kb_articles (id, translation_group, language, category_id, visibility, status, revision,"
                        + " title, body, tags, author_id, created_at, updated_at, plain, fts, title_fts, title_grams, grams)"
                        + " select gen_random_uuid(), gen_random_uuid(), language, category_id, visibility, status,"
                        + " revision, title || ' ' || g, body, tags, author_id, created_at, updated_at, plain, fts, title_fts,"
                        + " title_grams, grams from kb_articles, generate_series(1, ?) g where author_id is not null")) {
            int source = Math.max(1, have - 2);
            int rounds = Math.max(0, (total - have + source - 1) / source);
            if (rounds > 0) {
                s.setInt(1, rounds);
                s.executeUpdate();
            }
        }
        int now = count(c);
        if (now > total) {
            try (Statement s = c.createStatement()) {
                s.execute("delete from kb_articles where id in (select id from kb_articles where author_id is not null"
                        + " and title ~ ' [0-9]+$' limit " + (now - total) + ")");
            }
        }
    }

    private static int count(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from kb_articles")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void time(HttpClient http, Connection c, String q) throws Exception {
        URI uri = URI.create(BASE + "/api/v1/kb/articles?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        for (int i = 0; i < 20; i++)
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        long[] api = new long[SAMPLES];
        int hits = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r =
                    http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            api[i] = System.nanoTime() - t;
            if (r.statusCode() != 200) throw new IllegalStateException(r.statusCode() + " " + r.body());
            if (i == 0) hits = r.body().split("\"snippet\"").length - 1;
        }
        long[] sql = bare(c, q);
        Arrays.sort(api);
        Arrays.sort(sql);
        System.out.printf(
                Locale.ROOT,
                "%-28s %9.2f %9.2f %9.2f %9.2f %6d%n",
                "'" + q + "'",
                ms(api, 50),
                ms(api, 99),
                ms(sql, 50),
                ms(sql, 99),
                hits);
    }

    /** The bare SQL of the same match: English words OR'd, the query's character pairs all present, ranked. */
    private static long[] bare(Connection c, String q) throws Exception {
        List<String> words = new ArrayList<>();
        for (String w : q.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) if (w.length() >= 2) words.add(w);
        List<String> grams = new ArrayList<>();
        for (String run : q.split("[^\\p{IsHan}]+")) {
            if (run.isEmpty()) continue;
            if (run.length() == 1) grams.add(run);
            for (int i = 0; i + 1 < run.length(); i++) grams.add(run.substring(i, i + 2));
        }
        String tsq = String.join(" | ", words);
        // the least SQL that finds and orders the same rows: the match on its GIN index, ts_rank for English
        String match = words.isEmpty()
                ? "a.grams @> ?::text[]"
                : grams.isEmpty()
                        ? "a.fts @@ to_tsquery('english', ?)"
                        : "(a.fts @@ to_tsquery('english', ?) or a.grams @> ?::text[])";
        String order = words.isEmpty() ? "a.updated_at desc" : "ts_rank(a.fts, to_tsquery('english', ?)) desc";
        String sql = "select id, title from kb_articles a where status = 'published' and visibility = any('{public}')"
                + " and " + match + " order by " + order + " limit 20";
        long[] out = new long[SAMPLES];
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < SAMPLES + 20; i++) {
                int p = 1;
                java.sql.Array g = c.createArrayOf("text", grams.toArray());
                if (!words.isEmpty()) s.setString(p++, tsq);
                if (!grams.isEmpty()) s.setArray(p++, g);
                if (!words.isEmpty()) s.setString(p, tsq);
                long t = System.nanoTime();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) rs.getString(2);
                }
                if (i >= 20) out[i - 20] = System.nanoTime() - t;
            }
        }
        return out;
    }

    private static double ms(long[] sorted, int percentile) {
        int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1_000_000.0;
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

    private KbSearchBench() {}
}
