package dev.hearth.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every HTTP exchange of one client: authentication, one retry after a 401 when the credential
 * can be renewed, retries of idempotent calls on 429/503, and problem+json turned into
 * {@link ProblemException}. The one {@link HttpClient} is shared by every call.
 */
final class Transport {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE");

    private final HttpClient http;
    private final URI base;
    private final Auth auth;
    private final JsonMapper json;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final String userAgent;

    Transport(HttpClient http, URI base, Auth auth, JsonMapper json, Duration requestTimeout, RetryPolicy retry,
              Sleeper sleeper, Clock clock, String userAgent) {
        this.http = http;
        this.base = base;
        this.auth = auth;
        this.json = json;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
        this.userAgent = userAgent;
    }

    /** One call: a method, a path under the base URL (or an absolute URL), a body and its type. */
    record Call(String method, String target, HttpRequest.BodyPublisher body, String contentType, String accept) {
        static Call get(String target) {
            return new Call("GET", target, null, null, "application/json");
        }
    }

    HttpClient http() {
        return http;
    }

    URI base() {
        return base;
    }

    Auth auth() {
        return auth;
    }

    JsonMapper json() {
        return json;
    }

    Clock clock() {
        return clock;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    URI resolve(String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) return URI.create(target);
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + target);
    }

    /** Sends without any of the policies; the body is the caller's to close. */
    HttpResponse<InputStream> raw(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ConnectionFailedException("could not reach " + request.uri().getHost() + ":"
                    + request.uri().getPort() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionFailedException("interrupted", new java.io.InterruptedIOException());
        }
    }

    /**
     * Sends a call with every policy and answers the successful (2xx/3xx) response, whose body
     * the caller must read or close. Anything else becomes a {@link ProblemException}.
     */
    HttpResponse<InputStream> send(Call call) {
        boolean renewed = false;
        for (int attempt = 1; ; attempt++) {
            Optional<String> authorization = auth.authorization(this);
            HttpRequest.Builder request = HttpRequest.newBuilder(resolve(call.target()))
                    .timeout(requestTimeout)
                    .header("User-Agent", userAgent)
                    .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody() : call.body());
            if (call.accept() != null) request.header("Accept", call.accept());
            if (call.contentType() != null) request.header("Content-Type", call.contentType());
            authorization.ifPresent(a -> request.header("Authorization", a));
            HttpResponse<InputStream> response = raw(request.build());
            int status = response.statusCode();
            if (status < 400) return response;
            if (status == 401 && !renewed && auth.renew(authorization.orElse(null))) {
                // A request refused for its credentials was not carried out: safe to send again.
                renewed = true;
                drain(response);
                attempt--;
                continue;
            }
            ProblemException problem = problem(response);
            if ((status == 429 || status == 503) && IDEMPOTENT.contains(call.method()) && attempt < retry.maxAttempts()) {
                Duration wait = problem.retryAfter().orElse(retry.backoff(attempt));
                if (wait.compareTo(retry.maxRetryAfter()) <= 0) {
                    pause(wait);
                    continue;
                }
            }
            throw problem;
        }
    }

    /** Sends a call and reads its JSON answer as {@code type}. */
    <T> T json(Call call, Class<T> type) {
        return json(call, json.constructType(type));
    }

    <T> T json(Call call, JavaType type) {
        HttpResponse<InputStream> response = send(call);
        try (InputStream in = response.body()) {
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new ConnectionFailedException("the answer broke off: " + describe(e), e);
        }
    }

    /** Sends a call whose answer has no body worth reading; answers the status. */
    int discard(Call call) {
        HttpResponse<InputStream> response = send(call);
        drain(response);
        return response.statusCode();
    }

    HttpRequest.BodyPublisher body(Object value) {
        return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(value));
    }

    Call call(String method, String target, Object body) {
        return new Call(method, target, body == null ? null : body(body), body == null ? null : "application/json",
                "application/json");
    }

    private ProblemException problem(HttpResponse<InputStream> response) {
        Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(this::parseRetryAfter).orElse(null);
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            bytes = new byte[0];
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (contentType.contains("json") && bytes.length > 0) {
            try {
                Problem p = json.readValue(bytes, Problem.class);
                if (p.type() != null || p.title() != null) {
                    return new ProblemException(new Problem(p.type() == null ? "about:blank" : p.type(), p.title(),
                            response.statusCode(), p.detail(), p.requestId(), p.errors()), retryAfter);
                }
            } catch (JacksonException e) {
                // not a problem document: described below from the status and the text
            }
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
        return new ProblemException(new Problem("about:blank", "HTTP " + response.statusCode(), response.statusCode(),
                text.isEmpty() ? null : text.substring(0, Math.min(200, text.length())), null, null), retryAfter);
    }

    /** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionFailedException("interrupted while waiting to retry", new java.io.InterruptedIOException());
        }
    }

    static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the connection is dropped instead of reused; nothing to tell the caller
        }
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
