package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * OAuth2 client credentials against an RFC 6749 §4.4 token endpoint: one token while it is
 * fresh, a new one shortly before it expires, and one retry with a new token after a 401.
 */
class ClientCredentialsTest {
    private static final String USER = "{\"login\":\"ci-bot\",\"id\":3}";

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger issued = new AtomicInteger();
    /** Tokens the API accepts; a test revokes one by removing it. */
    private final Set<String> valid = ConcurrentHashMap.newKeySet();

    private ScriptedServer.Answer answer(ScriptedServer.Request r) {
        if (r.path().equals("/oauth/token")) {
            String basic = "Basic " + Base64.getEncoder().encodeToString("bot-id:s3cret".getBytes(StandardCharsets.UTF_8));
            if (!basic.equals(r.header("Authorization"))) {
                return ScriptedServer.Answer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"unknown client\"}");
            }
            String token = "tok-" + issued.incrementAndGet();
            valid.add(token);
            return ScriptedServer.Answer.json(200, "{\"access_token\":\"" + token
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"repo\"}");
        }
        String auth = r.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !valid.contains(auth.substring(7))) {
            return new ScriptedServer.Answer(401, java.util.Map.of("Content-Type", "application/problem+json",
                    "WWW-Authenticate", "Bearer error=\"invalid_token\""),
                    "{\"type\":\"https://hearth.dev/problems/unauthenticated\",\"title\":\"Authentication required\",\"status\":401}");
        }
        return ScriptedServer.Answer.json(r.method().equals("POST") ? 201 : 200,
                r.method().equals("POST") ? "{\"id\":1,\"name\":\"x\",\"full_name\":\"ci-bot/x\"}" : USER);
    }

    private HearthClient client(ScriptedServer server, String secret) {
        return HearthClient.builder().baseUrl(server.url()).clock(clock).sleeper(new RecordingSleeper())
                .auth(Auth.clientCredentials("bot-id", secret, "repo")).build();
    }

    @Test
    void oneTokenServesEveryCallWhileFresh() throws Exception {
        try (ScriptedServer server = new ScriptedServer(this::answer)) {
            HearthClient client = client(server, "s3cret");
            client.users().me();
            clock.advance(Duration.ofMinutes(30));
            client.users().me();
            List<ScriptedServer.Request> token = server.requestsTo("/oauth/token");
            assertThat(token).hasSize(1);
            assertThat(token.getFirst().method()).isEqualTo("POST");
            assertThat(token.getFirst().header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(token.getFirst().body()).isEqualTo("grant_type=client_credentials&scope=repo");
            assertThat(server.requestsTo("/api/v3/user")).extracting(r -> r.header("Authorization"))
                    .containsExactly("Bearer tok-1", "Bearer tok-1");
        }
    }

    @Test
    void aTokenIsReplacedShortlyBeforeItExpires() throws Exception {
        try (ScriptedServer server = new ScriptedServer(this::answer)) {
            HearthClient client = client(server, "s3cret");
            client.users().me();
            clock.advance(Duration.ofSeconds(3600 - 29)); // inside the 30 s margin
            client.users().me();
            assertThat(server.requestsTo("/oauth/token")).hasSize(2);
            assertThat(server.requestsTo("/api/v3/user")).extracting(r -> r.header("Authorization"))
                    .containsExactly("Bearer tok-1", "Bearer tok-2");
        }
    }

    @Test
    void a401FetchesANewTokenAndRetriesOnceEvenForAPost() throws Exception {
        try (ScriptedServer server = new ScriptedServer(this::answer)) {
            HearthClient client = client(server, "s3cret");
            client.users().me();
            valid.remove("tok-1"); // revoked on the server before it expired
            Repo repo = client.repos().create(NewRepo.named("x"));
            assertThat(repo.fullName()).isEqualTo("ci-bot/x");
            assertThat(server.requestsTo("/api/v3/user/repos")).extracting(r -> r.header("Authorization"))
                    .containsExactly("Bearer tok-1", "Bearer tok-2");
            assertThat(server.requestsTo("/oauth/token")).hasSize(2);
        }
    }

    @Test
    void aSecond401IsNotRetriedAgain() throws Exception {
        try (ScriptedServer server = new ScriptedServer(r -> {
            ScriptedServer.Answer a = answer(r);
            valid.clear(); // every token is refused as soon as it is issued
            return a;
        })) {
            HearthClient client = client(server, "s3cret");
            assertThatThrownBy(() -> client.users().me())
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(Problem.UNAUTHENTICATED));
            assertThat(server.requestsTo("/api/v3/user")).hasSize(2);
            assertThat(server.requestsTo("/oauth/token")).hasSize(2);
        }
    }

    @Test
    void aRefusedClientIsATokenRequestError() throws Exception {
        try (ScriptedServer server = new ScriptedServer(this::answer)) {
            assertThatThrownBy(() -> client(server, "wrong").users().me())
                    .isInstanceOfSatisfying(TokenRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.error()).isEqualTo("invalid_client");
                        assertThat(e.getMessage()).contains("unknown client");
                    });
            assertThat(server.requestsTo("/api")).isEmpty();
        }
    }
}
