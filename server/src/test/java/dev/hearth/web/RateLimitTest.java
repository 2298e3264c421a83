package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API rate limits per user and per address, in GitHub's headers; git traffic is not counted. */
class RateLimitTest {
    static final int AUTHENTICATED = 5;
    static final int ANONYMOUS = 3;
    static TestHearth server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestHearth.withRateLimits(AUTHENTICATED, ANONYMOUS);
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void limitsAreReachedReportedAndRecovered() {
        // Setting up a user spends two authenticated requests of the admin's and the user's own.
        TestHearth.User user = server.newUser("limited");
        Response repo = api.post("/api/v3/user/repos", user.bearer(), "{\"name\":\"r\"}");
        assertThat(repo.status()).isEqualTo(201);

        for (int i = ANONYMOUS - 1; i >= 0; i--) {
            Response r = api.get("/api/v3/users/" + user.login(), null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(ANONYMOUS));
            assertThat(r.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(i));
            assertThat(r.header("X-RateLimit-Resource")).isEqualTo("core");
            assertThat(Long.parseLong(r.header("X-RateLimit-Reset"))).isGreaterThan(server.clock().instant().getEpochSecond() - 1);
        }
        Response refused = api.get("/api/v3/users/" + user.login(), null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");

        // Asking costs nothing; git over HTTP is not counted against the API.
        Response state = api.get("/api/v3/rate_limit", null);
        assertThat(state.status()).isEqualTo(200);
        assertThat(state.json().get("resources").get("core").get("remaining").asInt()).isZero();
        assertThat(state.json().get("rate").get("limit").asInt()).isEqualTo(ANONYMOUS);
        assertThat(api.get("/" + user.login() + "/r.git/info/refs?service=git-upload-pack", null).status()).isEqualTo(200);

        // The user's own bucket is separate from the address's.
        Response mine = api.get("/api/v3/user", user.bearer());
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(AUTHENTICATED));

        server.clock().advance(Duration.ofHours(1));
        assertThat(api.get("/api/v3/users/" + user.login(), null).status()).as("refilled after an hour").isEqualTo(200);
    }
}
