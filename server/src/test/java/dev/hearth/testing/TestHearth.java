package dev.hearth.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.client.HearthClient;
import dev.hearth.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole application on a free port (and SSH on another) with a temporary data directory, as
 * a test class shares it. Builds the same object graph as {@code hearth serve}, on a clock the test controls.
 */
public final class TestHearth implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "site-Passw0rd-42";
    /** The one origin test servers let call the API cross-origin. */
    public static final String CORS_ORIGIN = "https://app.example.com";
    private static final AtomicInteger USERS = new AtomicInteger();

    private final Path dataDir;
    private Settings settings;
    private final MutableClock clock = new MutableClock();
    private Hearth hearth;
    private ApiClient api;

    private AutoCloseable database = () -> { };
    private dev.hearth.git.WritePath.Faults faults = dev.hearth.git.WritePath.Faults.NONE;

    private TestHearth(Path dataDir, Settings settings) {
        this.dataDir = dataDir;
        this.settings = settings;
    }

    /** Starts on a fresh schema of the real PostgreSQL, dropped again on close. */
    public static TestHearth postgres() {
        Postgres postgres = new Postgres();
        TestHearth t = start(postgres.url(), 100L << 20);
        t.database = postgres;
        return t;
    }

    /** Starts on SQLite in a fresh temporary directory. */
    public static TestHearth sqlite() {
        return start(null, 100L << 20);
    }

    /** Starts on SQLite with small API rate limits (per hour), to reach them in a test. */
    public static TestHearth withRateLimits(long authenticated, long anonymous) {
        return start(null, 100L << 20, authenticated, anonymous);
    }

    /** Starts on the given database URL (null: SQLite), with a push object-size limit. */
    public static TestHearth start(String databaseUrl, long maxObjectSize) {
        return start(databaseUrl, maxObjectSize, 1_000_000, 1_000_000);
    }

    /** Starts on SQLite with the given transport limits (small timeouts and caps, to reach them in a test). */
    public static TestHearth withTransportLimits(dev.hearth.config.TransportLimits limits) {
        return start(null, 100L << 20, 1_000_000, 1_000_000, dev.hearth.git.WritePath.Faults.NONE, limits);
    }

    /** Starts on SQLite with these limits on pushed trees (nesting depth, entries in one folder). */
    public static TestHearth withTreeLimits(int maxDepth, int maxEntries) {
        TestHearth t = sqlite();
        t.hearth.close();
        t.settings = t.settings.withTreeLimits(maxDepth, maxEntries);
        t.boot();
        return t;
    }

    /** Starts on SQLite with a fault seam in the write path, kept across restarts. */
    public static TestHearth withFaults(dev.hearth.git.WritePath.Faults faults) {
        return start(null, 100L << 20, 1_000_000, 1_000_000, faults);
    }

    private static TestHearth start(String databaseUrl, long maxObjectSize, long rateLimit, long rateLimitAnonymous) {
        return start(databaseUrl, maxObjectSize, rateLimit, rateLimitAnonymous, dev.hearth.git.WritePath.Faults.NONE);
    }

    private static TestHearth start(String databaseUrl, long maxObjectSize, long rateLimit, long rateLimitAnonymous,
                                    dev.hearth.git.WritePath.Faults faults) {
        return start(databaseUrl, maxObjectSize, rateLimit, rateLimitAnonymous, faults,
                dev.hearth.config.TransportLimits.DEFAULTS);
    }

    private static TestHearth start(String databaseUrl, long maxObjectSize, long rateLimit, long rateLimitAnonymous,
                                    dev.hearth.git.WritePath.Faults faults, dev.hearth.config.TransportLimits limits) {
        try {
            Path dir = Files.createTempDirectory("hearth-test");
            String url = databaseUrl == null ? "jdbc:sqlite:" + dir.resolve("hearth.db") : databaseUrl;
            Settings settings = new Settings("127.0.0.1", 0, OptionalInt.of(0), dir, url, Optional.of(ADMIN_PASSWORD), "",
                    maxObjectSize, 1L << 30, List.of("127.0.0.1"), List.of(CORS_ORIGIN), rateLimit, rateLimitAnonymous,
                    java.time.Duration.ofHours(1)).withTransport(limits);
            TestHearth t = new TestHearth(dir, settings);
            t.faults = faults;
            t.boot();
            return t;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void boot() {
        hearth = Hearth.start(settings, clock, faults);
        api = new ApiClient(baseUrl());
    }

    /**
     * Stops and starts again on the same data directory, database and HTTP port, as a real
     * restart would: clients that were connected (an event subscription) can come back.
     */
    public void restart() {
        int port = hearth.port();
        hearth.close();
        settings = settings.withPort(port);
        boot();
    }

    public Hearth hearth() {
        return hearth;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + hearth.port();
    }

    /** The port git over SSH got (any free one, like HTTP's). */
    public int sshPort() {
        return hearth.sshPort();
    }

    /** {@code ssh://git@127.0.0.1:<port>/owner/repo.git}. */
    public String sshUrl(String owner, String repo) {
        return "ssh://git@127.0.0.1:" + sshPort() + "/" + owner + "/" + repo + ".git";
    }

    public ApiClient api() {
        return api;
    }

    public MutableClock clock() {
        return clock;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** An SDK client signed in with the user's token (scopes repo and delete_repo). */
    public HearthClient client(User user) {
        return HearthClient.builder().baseUrl(baseUrl()).token(user.token()).build();
    }

    /** An SDK client signed in with the user's password, as token management needs. */
    public HearthClient clientWithPassword(User user) {
        return HearthClient.builder().baseUrl(baseUrl()).basic(user.login(), user.password()).build();
    }

    /** An SDK client signed in as the site admin. */
    public HearthClient adminClient() {
        return HearthClient.builder().baseUrl(baseUrl()).basic("admin", ADMIN_PASSWORD).build();
    }

    public String admin() {
        return ApiClient.basic("admin", ADMIN_PASSWORD);
    }

    /** A user made for one test. */
    public record User(String login, String password, String token, long id) {
        public String basic() {
            return ApiClient.basic(login, password);
        }

        public String bearer() {
            return ApiClient.bearer(token);
        }
    }

    /** Creates a user with a unique login and a token with the repo and delete_repo scopes. */
    public User newUser(String prefix) {
        String login = prefix + "-" + USERS.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36);
        String password = "Secret9-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        Response created = api.post("/api/v3/admin/users", admin(),
                "{\"login\":\"" + login + "\",\"email\":\"" + login + "@example.com\",\"password\":\"" + password + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Response token = api.post("/api/v3/users/" + login + "/tokens", ApiClient.basic(login, password),
                "{\"name\":\"test\",\"scopes\":[\"repo\",\"delete_repo\"]}");
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return new User(login, password, token.json().get("token").asString(), created.json().get("id").asLong());
    }

    /** Creates a repository through the API and returns its JSON. */
    public Response newRepo(User owner, String name, boolean isPrivate) {
        Response r = api.post("/api/v3/user/repos", owner.bearer(),
                "{\"name\":\"" + name + "\",\"private\":" + isPrivate + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    @Override
    public void close() {
        hearth.close();
        try {
            database.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not drop the test database", e);
        }
        try {
            org.eclipse.jgit.util.FileUtils.delete(dataDir.toFile(),
                    org.eclipse.jgit.util.FileUtils.RECURSIVE | org.eclipse.jgit.util.FileUtils.SKIP_MISSING);
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans up what remains
        }
    }
}
