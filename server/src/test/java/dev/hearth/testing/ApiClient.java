package dev.hearth.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A small HTTP client over {@code java.net.http} for driving Hearth's API in tests. */
public final class ApiClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static String basic(String login, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public Response get(String path, String auth) {
        return send("GET", path, auth, null, Map.of());
    }

    public Response post(String path, String auth, String json) {
        return send("POST", path, auth, json, Map.of("Content-Type", "application/json"));
    }

    public Response put(String path, String auth, String json) {
        return send("PUT", path, auth, json, json == null ? Map.of() : Map.of("Content-Type", "application/json"));
    }

    public Response patch(String path, String auth, String json) {
        return send("PATCH", path, auth, json, Map.of("Content-Type", "application/json"));
    }

    public Response delete(String path, String auth) {
        return send("DELETE", path, auth, null, Map.of());
    }

    public Response send(String method, String path, String auth, String body, Map<String, String> headers) {
        return sendBytes(method, path, auth, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public Response sendBytes(String method, String path, String auth, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (auth != null) request.header("Authorization", auth);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
