package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Idempotent calls are retried on 429/503 after Retry-After or a backoff; others fail at once with the problem. */
class RetryTest {
    private static final String USER = "{\"login\":\"alice\",\"id\":7,\"future_field\":{\"x\":1}}";
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    private final RecordingSleeper sleeper = new RecordingSleeper();

    private HearthClient client(ScriptedServer server) {
        return HearthClient.builder().baseUrl(server.url()).token("t0k3n").sleeper(sleeper)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    /** Answers {@code first} for the first {@code times} requests, then 200 with a user. */
    private static Function<ScriptedServer.Request, ScriptedServer.Answer> failing(int times, ScriptedServer.Answer first) {
        AtomicInteger n = new AtomicInteger();
        return r -> n.incrementAndGet() <= times ? first : ScriptedServer.Answer.json(200, USER);
    }

    private static ScriptedServer.Answer unavailable(int status, String retryAfter) {
        Map<String, String> headers = retryAfter == null ? Map.of("Content-Type", "application/problem+json")
                : Map.of("Content-Type", "application/problem+json", "Retry-After", retryAfter);
        return new ScriptedServer.Answer(status, headers,
                "{\"type\":\"https://hearth.dev/problems/unavailable\",\"title\":\"Busy\",\"status\":" + status + "}");
    }

    @Test
    void getIsRetriedAfterTheServersRetryAfter() throws Exception {
        try (ScriptedServer server = new ScriptedServer(failing(1, unavailable(503, "2")))) {
            User user = client(server).users().me();
            assertThat(user.login()).isEqualTo("alice");
            assertThat(server.requests()).hasSize(2);
            assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2));
            assertThat(server.requests().get(1).header("Authorization")).isEqualTo("Bearer t0k3n");
        }
    }

    @Test
    void withoutRetryAfterTheBackoffDoubles() throws Exception {
        try (ScriptedServer server = new ScriptedServer(failing(2, unavailable(429, null)))) {
            assertThat(client(server).users().get("alice").id()).isEqualTo(7);
            assertThat(sleeper.waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        }
    }

    @Test
    void retryAfterAsAnHttpDateIsReadAgainstTheClock() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(7).atZone(ZoneOffset.UTC));
        try (ScriptedServer server = new ScriptedServer(failing(1, unavailable(503, date)))) {
            client(server).users().me();
            assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastProblem() throws Exception {
        try (ScriptedServer server = new ScriptedServer(failing(10, unavailable(503, "1")))) {
            assertThatThrownBy(() -> client(server).users().me())
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.type()).isEqualTo("https://hearth.dev/problems/unavailable");
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                    });
            assertThat(server.requests()).hasSize(RetryPolicy.DEFAULT.maxAttempts());
            assertThat(sleeper.waits).hasSize(RetryPolicy.DEFAULT.maxAttempts() - 1);
        }
    }

    @Test
    void aPostIsNotRetried() throws Exception {
        try (ScriptedServer server = new ScriptedServer(failing(1, unavailable(503, "1")))) {
            assertThatThrownBy(() -> client(server).repos().create(NewRepo.named("x")))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
            assertThat(server.requests()).hasSize(1);
            assertThat(sleeper.waits).isEmpty();
        }
    }

    @Test
    void aWaitLongerThanTheLimitIsNotWaitedFor() throws Exception {
        try (ScriptedServer server = new ScriptedServer(failing(1, unavailable(429, "3600")))) {
            assertThatThrownBy(() -> client(server).users().me())
                    .isInstanceOfSatisfying(ProblemException.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
            assertThat(server.requests()).hasSize(1);
            assertThat(sleeper.waits).isEmpty();
        }
    }

    @Test
    void validationProblemsCarryTheirFieldErrors() throws Exception {
        String problem = "{\"type\":\"https://hearth.dev/problems/validation-failed\",\"title\":\"Validation failed\","
                + "\"status\":422,\"detail\":\"name: is taken\",\"request_id\":\"r-1\",\"errors\":[{\"field\":\"name\",\"message\":\"is taken\"}]}";
        try (ScriptedServer server = new ScriptedServer(r -> ScriptedServer.Answer.problem(422, problem))) {
            assertThatThrownBy(() -> client(server).repos().create(NewRepo.named("x")))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.type()).isEqualTo(Problem.VALIDATION_FAILED);
                        assertThat(e.problem().requestId()).isEqualTo("r-1");
                        assertThat(e.fieldErrors()).containsExactly(new Problem.FieldError("name", "is taken"));
                    });
            assertThat(server.requests().getFirst().body()).isEqualTo("{\"name\":\"x\"}");
        }
    }

    @Test
    void anUnreachableServerIsAConnectionFailure() throws Exception {
        String url;
        try (ScriptedServer server = new ScriptedServer(r -> ScriptedServer.Answer.json(200, USER))) {
            url = server.url();
        }
        HearthClient client = HearthClient.builder().baseUrl(url).sleeper(sleeper).build();
        assertThatThrownBy(() -> client.users().me()).isInstanceOf(ConnectionFailedException.class);
    }
}
