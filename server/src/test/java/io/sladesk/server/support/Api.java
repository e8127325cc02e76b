package io.sladesk.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the API as an outside program sees it: real requests, raw answers. */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String token;

    public Api(int port) {
        this("http://localhost:" + port, null);
    }

    /** A client that connects from another loopback address (127.0.0.x), as another machine would. */
    public static Api from(String loopbackAddress, int port) {
        return new Api("http://" + loopbackAddress + ":" + port, null);
    }

    private Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public Api as(String bearer) {
        return new Api(base, bearer);
    }

    /** Signs in and returns a client acting with the new token. */
    public Api signIn(String email, String password) {
        Response r = post("/api/v1/auth/token", Map.of("email", email, "password", password));
        if (r.status() != 200) throw new AssertionError("sign-in of " + email + " failed: " + r);
        return as(r.json().get("token").asString());
    }

    public String token() {
        return token;
    }

    public Response get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null, Map.of());
    }

    public Response post(String path, Object body) {
        return post(path, body, Map.of());
    }

    public Response post(String path, Object body, Map<String, String> headers) {
        return send("POST", path, "application/json", JSON.writeValueAsString(body), headers);
    }

    public Response send(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    r.statusCode(),
                    r.body(),
                    r.headers().firstValue("Content-Type").orElse(""),
                    r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, String contentType, HttpResponse<String> raw) {
        public JsonNode json() {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        }

        public String get(String field) {
            JsonNode n = json().get(field);
            return n == null || n.isNull() ? null : n.asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
