package dev.hearth.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * OAuth2 client credentials (RFC 6749 §4.4): the client authenticates to {@code /oauth/token}
 * with HTTP Basic {@code client_id:client_secret}, receives a bearer token and uses it until
 * shortly before {@code expires_in} runs out ({@link #refreshMargin}, at most half the lifetime),
 * then fetches a new one. A 401 on an API call (an expired or revoked token) makes it fetch a new
 * token and retry that call once. Thread-safe: concurrent callers share one token and one fetch.
 */
public final class ClientCredentials extends Auth {
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private String tokenPath = "/oauth/token";
    private Duration refreshMargin = Duration.ofSeconds(30);

    private String header;
    private Instant refreshAt;

    ClientCredentials(String clientId, String clientSecret, String scope) {
        if (clientId == null || clientSecret == null) throw new IllegalArgumentException("client id and secret are required");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
    }

    /** Where the token endpoint is, relative to the base URL or absolute; default {@code /oauth/token}. */
    public ClientCredentials tokenPath(String path) {
        this.tokenPath = path;
        return this;
    }

    /** How long before expiry a token is replaced; default 30 seconds. */
    public ClientCredentials refreshMargin(Duration margin) {
        this.refreshMargin = margin;
        return this;
    }

    @Override
    synchronized Optional<String> authorization(Transport transport) {
        if (header == null || (refreshAt != null && !transport.clock().instant().isBefore(refreshAt))) fetch(transport);
        return Optional.of(header);
    }

    @Override
    synchronized boolean renew(String used) {
        if (used != null && used.equals(header)) header = null;
        return true;
    }

    private void fetch(Transport transport) {
        String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + encode(scope));
        String basic = Base64.getEncoder().encodeToString(
                (encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        URI uri = transport.resolve(tokenPath);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(transport.requestTimeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        Instant sent = transport.clock().instant();
        HttpResponse<InputStream> response = transport.raw(request);
        JsonNode body;
        try (InputStream in = response.body()) {
            body = transport.json().readTree(in);
        } catch (IOException | JacksonException e) {
            throw new TokenRequestException(response.statusCode(), "invalid_response", "the token endpoint did not answer JSON");
        }
        if (response.statusCode() != 200) {
            throw new TokenRequestException(response.statusCode(), text(body, "error", "invalid_request"),
                    text(body, "error_description", null));
        }
        String token = text(body, "access_token", null);
        if (token == null || !"bearer".equalsIgnoreCase(text(body, "token_type", ""))) {
            throw new TokenRequestException(200, "invalid_response", "expected a Bearer access_token");
        }
        header = "Bearer " + token;
        JsonNode expires = body.get("expires_in");
        if (expires != null && expires.canConvertToLong()) {
            Duration lifetime = Duration.ofSeconds(expires.asLong());
            Duration margin = refreshMargin.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : refreshMargin;
            refreshAt = sent.plus(lifetime).minus(margin);
        } else {
            refreshAt = null; // no lifetime given: used until the server says 401
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isString() ? fallback : v.asString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
