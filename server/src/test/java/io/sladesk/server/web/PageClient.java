package io.sladesk.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain HTTP client that keeps cookies, as a browser without JavaScript would: for page tests. */
final class PageClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String language = "en";
    String lastCsrf;

    PageClient(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    PageClient language(String acceptLanguage) {
        this.language = acceptLanguage;
        return this;
    }

    HttpResponse<String> get(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept-Language", language)
                .GET()
                .build());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) lastCsrf = m.group(1).replace("&#45;", "-");
        return r;
    }

    /** A GET asking for the given media types, as a browser's navigation asks for text/html. */
    HttpResponse<String> get(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept-Language", language)
                .header("Accept", accept)
                .GET()
                .build());
    }

    /** A form post of this raw body, with the CSRF token of the page read last, asking for HTML. */
    HttpResponse<String> postForm(String path, String encodedBody) {
        String body = lastCsrf == null
                ? encodedBody
                : "_csrf=" + URLEncoder.encode(lastCsrf, StandardCharsets.UTF_8) + "&" + encodedBody;
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html,application/xhtml+xml")
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Follows redirects of a GET (the client does not, so tests can see them). */
    HttpResponse<String> follow(HttpResponse<String> r) {
        int hops = 0;
        while (r.statusCode() / 100 == 3 && hops++ < 5) {
            String to = r.headers().firstValue("Location").orElseThrow();
            r = get(to.startsWith("http") ? URI.create(to).getRawPath() + query(to) : to);
        }
        return r;
    }

    private static String query(String url) {
        String q = URI.create(url).getRawQuery();
        return q == null ? "" : "?" + q;
    }

    /** A form post carrying the CSRF token of the page read last. */
    HttpResponse<String> post(String path, Map<String, String> form) {
        Map<String, String> all = new LinkedHashMap<>(form);
        if (lastCsrf != null) all.putIfAbsent("_csrf", lastCsrf);
        return postRaw(path, all);
    }

    /** A form post exactly as given (no CSRF token added). */
    HttpResponse<String> postRaw(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> {
            if (!body.isEmpty()) body.append('&');
            body.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    }

    /** A multipart form post (a file upload) carrying the CSRF token of the page read last as a field. */
    HttpResponse<String> postFile(String path, String field, String filename, String contentType, String content) {
        String boundary = "----sladesk" + Long.toHexString(System.nanoTime());
        StringBuilder body = new StringBuilder();
        if (lastCsrf != null)
            body.append("--")
                    .append(boundary)
                    .append("\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n")
                    .append(lastCsrf)
                    .append("\r\n");
        body.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(field)
                .append("\"; filename=\"")
                .append(filename)
                .append("\"\r\nContent-Type: ")
                .append(contentType)
                .append("\r\n\r\n")
                .append(content)
                .append("\r\n--")
                .append(boundary)
                .append("--\r\n");
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build());
    }

    HttpResponse<String> signIn(String email, String password) {
        get("/login");
        return post("/login", Map.of("email", email, "password", password));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
