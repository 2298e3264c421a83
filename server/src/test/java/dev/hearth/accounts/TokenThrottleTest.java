package dev.hearth.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A flood of guessed tokens from one address is answered 429 with {@code Retry-After} past
 * {@link TokenGuard#FAILURES}, and goes to the audit log as a row or two with a count, not a
 * row per guess; password failures are aggregated too, keeping the login tried.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TokenThrottleTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    TestHearth server;
    ApiClient api;

    abstract TestHearth startServer();

    @BeforeAll
    void start() {
        server = startServer();
        api = server.api();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "hth_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private long newestAuditId() {
        Response r = api.get("/api/v3/admin/audit?per_page=1", server.admin());
        assertThat(r.status()).isEqualTo(200);
        return r.json().get(0).get("id").asLong();
    }

    /** Audit entries newer than {@code mark}, newest first. */
    private List<JsonNode> auditAfter(long mark) {
        Response r = api.get("/api/v3/admin/audit?per_page=100", server.admin());
        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(e -> { if (e.get("id").asLong() > mark) out.add(e); });
        return out;
    }

    @Test
    void aFloodOfRandomTokensIsThrottledAndAuditedInAFewRows() {
        TestHearth.User colleague = server.newUser("colleague");
        TestHearth.User idle = server.newUser("idle");
        // The colleague's CI proved its token from this address before the flood began.
        assertThat(api.get("/api/v3/user", colleague.bearer()).status()).isEqualTo(200);
        long mark = newestAuditId();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Response r = api.get("/api/v3/user", ApiClient.bearer(randomToken()));
            statuses.add(r.status());
            if (r.status() == 429) {
                long wait = Long.parseLong(r.header("Retry-After"));
                assertThat(wait).isBetween(1L, TokenGuard.WINDOW.toSeconds());
                assertThat(r.body()).contains("Too many failed token attempts").doesNotContain("Exception");
            }
        }
        assertThat(statuses.subList(0, TokenGuard.FAILURES)).containsOnly(401);
        assertThat(statuses.subList(TokenGuard.FAILURES, statuses.size())).containsOnly(429);
        // Also in Basic, and an OAuth-shaped token: every kind of token is held back.
        assertThat(api.get("/api/v3/user", ApiClient.basic("x-access-token", randomToken())).status()).isEqualTo(429);
        assertThat(api.get("/api/v3/user", ApiClient.bearer("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")).status()).isEqualTo(429);

        // A valid token this address never proved is refused like a guess (or it would tell
        // the guesser which guess was right); the colleague's, proven before, still works.
        Response idleTry = api.get("/api/v3/user", idle.bearer());
        assertThat(idleTry.status()).isEqualTo(429);
        assertThat(idleTry.header("Retry-After")).isNotNull();
        assertThat(api.get("/api/v3/user", colleague.bearer()).status()).isEqualTo(200);

        // 500 guesses, a row or two (the flood may straddle a minute), with the count of failures checked.
        List<JsonNode> rows = auditAfter(mark);
        assertThat(rows).hasSizeLessThanOrEqualTo(2);
        assertThat(rows).allSatisfy(e -> {
            assertThat(e.get("action").asString()).isEqualTo("auth.failed");
            assertThat(e.get("target").asString()).isEqualTo("(token)");
            assertThat(e.get("remote_addr").asString()).isEqualTo("127.0.0.1");
            assertThat(e.get("details").get("method").asString()).isEqualTo("token");
            assertThat(e.get("details").get("last_at").asString()).endsWith("Z");
        });
        assertThat(rows.stream().mapToLong(e -> e.get("details").get("count").asLong()).sum())
                .isEqualTo(TokenGuard.FAILURES);

        // Once the window has passed, the address may try again.
        server.clock().advance(TokenGuard.WINDOW.plusSeconds(1));
        assertThat(api.get("/api/v3/user", idle.bearer()).status()).isEqualTo(200);
    }

    @Test
    void passwordFailuresAreAggregatedWithTheLogin() {
        TestHearth.User victim = server.newUser("victim");
        long mark = newestAuditId();
        for (int i = 0; i < 3; i++) {
            Response r = api.send("GET", "/api/v3/user", ApiClient.basic(victim.login(), "Guess-" + i), null,
                    Map.of("X-Request-Id", "pw-probe-" + i));
            assertThat(r.status()).isEqualTo(401);
        }
        List<JsonNode> rows = auditAfter(mark).stream().filter(e -> e.get("target").asString().equals(victim.login())).toList();
        assertThat(rows).hasSizeBetween(1, 2);
        assertThat(rows).allSatisfy(e -> {
            assertThat(e.get("action").asString()).isEqualTo("auth.failed");
            assertThat(e.get("details").get("method").asString()).isEqualTo("basic");
        });
        assertThat(rows.stream().mapToLong(e -> e.get("details").get("count").asLong()).sum()).isEqualTo(3);
        // The row keeps the request id of the first failure of its minute.
        assertThat(rows.getLast().get("request_id").asString()).isEqualTo("pw-probe-0");
        assertThat(api.get("/api/v3/admin/audit?per_page=100", server.admin()).body())
                .doesNotContain("Guess-0").doesNotContain(victim.password());
    }
}
