package dev.hearth.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java client of Hearth's REST API and event stream.
 *
 * <pre>{@code
 * HearthClient hearth = HearthClient.builder().baseUrl("https://git.example.com").token(token).build();
 * Repo repo = hearth.repos().create(NewRepo.named("hello").privately(true));
 * hearth.repos().list().forEach(r -> System.out.println(r.fullName()));
 * }</pre>
 *
 * One instance holds one {@link HttpClient} (HTTP/2 where the server offers it) and is meant to
 * be shared: it is thread-safe and every call reuses its connections. Failures are unchecked:
 * {@link ProblemException} for an answer of 4xx/5xx, {@link ConnectionFailedException} when the
 * server cannot be reached. Idempotent calls answered 429 or 503 are retried per {@link RetryPolicy}.
 * {@link #close()} releases the connections once the client is no longer needed.
 */
public final class HearthClient implements AutoCloseable {
    private final Transport transport;
    private final Users users;
    private final Tokens tokens;
    private final Keys keys;
    private final Repos repos;
    private final Collaborators collaborators;
    private final Browse browse;
    private final Contents contents;
    private final Hooks hooks;
    private final Events events;

    private HearthClient(Builder b) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.transport = new Transport(http, b.baseUrl, b.auth, mapper(), b.requestTimeout, b.retry, b.sleeper, b.clock,
                b.userAgent);
        this.users = new Users(transport);
        this.tokens = new Tokens(transport);
        this.keys = new Keys(transport, b.pageSize);
        this.repos = new Repos(transport, b.pageSize);
        this.collaborators = new Collaborators(transport, b.pageSize);
        this.browse = new Browse(transport, b.pageSize);
        this.contents = new Contents(transport);
        this.hooks = new Hooks(transport, b.pageSize);
        this.events = new Events(transport, repos, b.sleeper, b.maxReconnectBackoff);
    }

    /**
     * The JSON mapping of the API: snake_case names, ISO-8601 instants, nulls left out of
     * requests, and unknown fields ignored, so a newer server with more fields does not break
     * an older client.
     */
    public static JsonMapper mapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Waits for calls in flight, then releases the connections and the client's threads. */
    @Override
    public void close() {
        transport.http().close();
    }

    public URI baseUrl() {
        return transport.base();
    }

    public Users users() {
        return users;
    }

    public Tokens tokens() {
        return tokens;
    }

    public Keys keys() {
        return keys;
    }

    public Repos repos() {
        return repos;
    }

    public Collaborators collaborators() {
        return collaborators;
    }

    public Browse browse() {
        return browse;
    }

    public Contents contents() {
        return contents;
    }

    public Hooks hooks() {
        return hooks;
    }

    public Events events() {
        return events;
    }

    /** Configures a client; only the base URL is required. */
    public static final class Builder {
        private URI baseUrl;
        private Auth auth = Auth.none();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Sleeper sleeper = Sleeper.REAL;
        private Clock clock = Clock.systemUTC();
        private int pageSize = 100;
        private Duration maxReconnectBackoff = Duration.ofSeconds(30);
        private String userAgent = "hearth-client/"
                + java.util.Objects.requireNonNullElse(HearthClient.class.getPackage().getImplementationVersion(), "dev");

        private Builder() {}

        /** Where Hearth is, e.g. {@code https://git.example.com} (the API is under {@code /api/v3}). */
        public Builder baseUrl(String url) {
            URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("the base URL must be http(s)://host[:port], not '" + url + "'");
            }
            this.baseUrl = uri;
            return this;
        }

        /** A personal access token, sent as {@code Authorization: Bearer}. */
        public Builder token(String token) {
            return auth(Auth.token(token));
        }

        /** HTTP Basic with a password (needed to manage tokens) or a token. */
        public Builder basic(String login, String password) {
            return auth(Auth.basic(login, password));
        }

        public Builder auth(Auth auth) {
            this.auth = java.util.Objects.requireNonNull(auth);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** How long one request may wait for its answer to begin. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        /** How waits between retries and reconnects are spent; tests pass one that does not wait. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** The clock for token expiry and {@code Retry-After} dates. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Items per page when a listing is streamed (1 to 100; default 100). */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1 || pageSize > 100) throw new IllegalArgumentException("pageSize must be 1 to 100");
            this.pageSize = pageSize;
            return this;
        }

        /** The longest wait between two reconnection attempts of an event subscription. */
        public Builder maxReconnectBackoff(Duration max) {
            this.maxReconnectBackoff = max;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public HearthClient build() {
            if (baseUrl == null) throw new IllegalStateException("baseUrl is required");
            return new HearthClient(this);
        }
    }
}
