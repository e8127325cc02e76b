package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests refused before any controller (by Tomcat, by Spring) still answer a problem,
 * never an HTML page. Most are sent over a raw socket: HttpClient refuses to send them.
 */
class RefusedRequestTests extends DeskTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Raw(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    /** Sends these bytes as they are and reads the answer until the server closes. */
    private Raw raw(String request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) all.write(buf, 0, n);
            } catch (java.net.SocketException reset) {
                // the server may reset the connection after its answer to a request it refused
            }
            return parse(all.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Raw parse(String response) {
        int end = response.indexOf("\r\n\r\n");
        assertThat(end).as("an HTTP answer: " + response).isPositive();
        String[] lines = response.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        String body = response.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = dechunk(body);
        return new Raw(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size =
                    Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) return out.toString();
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private String get(String target, String... headers) {
        StringBuilder sb = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String h : headers) sb.append(h).append("\r\n");
        return sb.append("Connection: close\r\n\r\n").toString();
    }

    private static void problem(Raw r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.headers().get("content-type")).as(r.toString()).startsWith("application/problem+json");
        JsonNode body = r.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(r.body()).doesNotContain("<html").doesNotContain("Tomcat");
    }

    private String bearer() {
        return "Authorization: Bearer " + admin.token();
    }

    @Test
    void aUrlTooLongIsAProblem() {
        problem(raw(get("/api/v1/tickets?cursor=" + "a".repeat(10_000), bearer())), 400);
        problem(raw(get("/api/v1/tickets?cursor=" + "a".repeat(100_000), bearer())), 400);
    }

    @Test
    void aHeaderTooLargeIsAProblem() {
        problem(raw(get("/api/v1/tickets", "Authorization: Bearer " + "x".repeat(10_000))), 400);
        problem(raw(get("/api/v1/tickets", bearer(), "X-Padding: " + "x".repeat(100_000))), 400);
    }

    @Test
    void unsafeOrMalformedUrlsAreProblems() {
        for (String target : new String[] {
            "/api/v1/tickets/%00",
            "/api/v1/tickets/..%2f..",
            "/api/v1/tickets/..%2F..%2Factuator",
            "/api/v1/tickets/%5c..%5c",
            "/api/v1/tickets/%zz",
            "/api/v1/tickets/%",
            "/api/v1/tickets/%c0%ae%c0%ae",
            "/api/v1/tickets?status=%zz",
            "/api/v1/tickets/\u0001",
            "/api/v1/tickets/a b",
        }) {
            Raw r = raw(get(target, bearer()));
            assertThat(r.status()).as(target + ": " + r).isBetween(400, 404);
            problem(r, r.status());
        }
    }

    @Test
    void aMalformedRequestLineOrHeaderIsAProblem() {
        problem(raw("GARBAGE\r\n\r\n"), 400);
        problem(raw("GET /api/v1/tickets HTTP/1.1\r\nConnection: close\r\n\r\n"), 400); // no Host
        problem(raw(get("/api/v1/tickets", bearer(), "Bad Header: x")), 400);
        Raw version = raw("GET /api/v1/tickets HTTP/3.7\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(version.status()).isGreaterThanOrEqualTo(400);
        problem(version, version.status());
    }

    @Test
    void aMalformedBodyIsAProblem() {
        String json = "{\"subject\":\"s\",\"description\":\"d\"}";
        // a chunked body whose chunk sizes are not hexadecimal
        problem(
                raw("POST /api/v1/tickets HTTP/1.1\r\nHost: localhost\r\n" + bearer()
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + "zz\r\n" + json + "\r\n0\r\n\r\n"),
                400);
        // malformed JSON
        problem(
                raw("POST /api/v1/tickets HTTP/1.1\r\nHost: localhost\r\n" + bearer()
                        + "\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: close\r\n\r\n"
                        + "{\"subject"),
                400);
    }

    @Test
    void badFramingHeadersAreProblems() {
        String start = "POST /api/v1/tickets HTTP/1.1\r\nHost: localhost\r\n" + bearer()
                + "\r\nContent-Type: application/json\r\nConnection: close\r\n";
        String json = "{\"subject\":\"s\",\"description\":\"d\"}";
        for (String framing : new String[] {
            "Content-Length: abc\r\n",
            "Content-Length: -5\r\n",
            "Content-Length: 5\r\nContent-Length: 6\r\n",
            "Transfer-Encoding: gzip\r\n",
        }) {
            Raw r = raw(start + framing + "\r\n" + json);
            assertThat(r.status()).as(framing + ": " + r).isGreaterThanOrEqualTo(400);
            problem(r, r.status());
        }
    }

    @Test
    void anAnswerTheRequestDoesNotAcceptIsStillAProblem() {
        Api.Response r = admin.send("GET", "/api/v1/tickets", null, null, Map.of("Accept", "application/xml"));
        assertThat(r.status()).isEqualTo(406);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void badContentTypesAreProblems() {
        String json = "{\"subject\":\"s\",\"description\":\"d\"}";
        for (String type : new String[] {
            "application/json; charset=no-such-charset",
            ";;;",
            "application/",
            "json",
            "application/json; charset=\"",
            "text/html",
            "multipart/form-data; boundary=x"
        }) {
            Api.Response r = admin.send("POST", "/api/v1/tickets", type, json, Map.of());
            assertThat(r.status()).as(type + ": " + r).isBetween(400, 415);
            assertThat(r.contentType()).as(type + ": " + r).startsWith("application/problem+json");
            assertThat(r.get("detail")).isNotBlank();
        }
    }

    @Test
    void anErrorIsAProblemWhateverTheRequestAccepts() {
        Api.Response missing = admin.send("GET", "/api/v1/nothing-here", null, null, Map.of("Accept", "text/html"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        Api.Response unknown = admin.send(
                "GET",
                "/api/v1/tickets/00000000-0000-0000-0000-000000000000",
                null,
                null,
                Map.of("Accept", "text/html"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        problem(raw(get("/error", bearer(), "Accept: text/html")), 404);
        // outside the API a browser asking for HTML reads a 404 page (PageLeftoverTests); JSON asks a problem
        problem(raw(get("/no-such-page", "Accept: application/json")), 404);
        problem(raw(get("/no-such-page")), 404);
        Raw trace = raw("TRACE /api/v1/tickets HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        problem(trace, 405);
    }
}
