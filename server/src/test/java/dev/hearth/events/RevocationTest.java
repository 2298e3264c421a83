package dev.hearth.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.EventClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A live subscription is held to the credential it connected with, asked again when it changes
 * and before every send: once a token is revoked or expires, an OAuth client is deleted or its
 * access token expires, or the password a socket was opened with changes, the socket is closed
 * with 1008 and gets no private event from after the change. (Browser sessions: ui.SessionRevocationTest.) Run on SQLite and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RevocationTest {
    private static final java.util.Map<String, String> FORM = java.util.Map.of("Content-Type", "application/x-www-form-urlencoded");
    private static final AtomicInteger FILES = new AtomicInteger();
    static TestHearth server;

    abstract TestHearth startServer();
    static ApiClient api;

    @BeforeAll
    void start() {
        server = startServer();
        api = server.api();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** A user with a private repository that has a first commit, so each later commit raises one push. */
    private static TestHearth.User owner(String prefix) {
        TestHearth.User u = server.newUser(prefix);
        server.newRepo(u, "secret", true);
        commit(u, "README");
        return u;
    }

    /** Commits a new file to the private repository with the user's own (unexpiring) token. */
    private static void commit(TestHearth.User u, String file) {
        String content = Base64.getEncoder().encodeToString(file.getBytes(StandardCharsets.UTF_8));
        Response r = api.put("/api/v3/repos/" + u.login() + "/secret/contents/" + file + "-" + FILES.incrementAndGet(),
                u.bearer(), "{\"message\":\"add\",\"content\":\"" + content + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static EventClient connect(String authorization) {
        EventClient c = EventClient.connect(server.baseUrl(), authorization);
        c.next("welcome");
        return c;
    }

    private static void subscribe(EventClient c, String what) {
        c.send("{\"type\":\"subscribe\"," + what + "}");
        c.next("subscribed");
    }

    /** A socket on {@code authorization} that has been shown to receive the user's private pushes. */
    private static EventClient receiving(TestHearth.User u, String authorization) {
        EventClient c = connect(authorization);
        subscribe(c, "\"repo\":\"" + u.login() + "/secret\"");
        commit(u, "before");
        assertThat(c.next("event").get("event").asString()).isEqualTo("push");
        return c;
    }

    /** The newest event id now: what is recorded after it happened after the change that follows. */
    private static long mark() {
        return server.hearth().activity().lastId();
    }

    /** Closed with 1008, and no event recorded after {@code mark} was sent before the close. */
    private static void closedWithNothingAfter(EventClient c, long mark) {
        assertThat(c.closeCode()).isEqualTo(1008);
        List<JsonNode> rest = c.remaining();
        assertThat(rest).noneMatch(m -> m.get("type").asString().equals("event") && m.get("id").asLong() > mark);
    }

    /** The first event recorded after {@code mark} that the socket gets. */
    private static JsonNode nextAfter(EventClient c, long mark) {
        for (;;) {
            JsonNode e = c.next("event");
            if (e.get("id").asLong() > mark) return e;
        }
    }

    private static String newToken(TestHearth.User u, String expiresAt) {
        Response r = api.post("/api/v3/users/" + u.login() + "/tokens", u.basic(), "{\"name\":\"socket\",\"scopes\":[\"repo\"]"
                + (expiresAt == null ? "" : ",\"expires_at\":\"" + expiresAt + "\"") + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asString() + " " + r.json().get("id").asLong();
    }

    @Test
    void aRevokedTokensSocketIsClosedAndOnlyItsOwnerHearsOfIt() {
        TestHearth.User alice = owner("revoker");
        TestHearth.User bob = server.newUser("onlooker");
        server.newRepo(alice, "open", false);
        String[] token = newToken(alice, null).split(" ");
        try (EventClient onToken = receiving(alice, ApiClient.bearer(token[0]));
             EventClient own = connect(alice.bearer());
             EventClient other = connect(bob.bearer())) {
            subscribe(own, "\"user\":\"" + alice.login() + "\"");
            subscribe(other, "\"user\":\"" + alice.login() + "\"");

            long mark = mark();
            assertThat(api.delete("/api/v3/users/" + alice.login() + "/tokens/" + token[1], alice.basic()).status()).isEqualTo(204);
            commit(alice, "after");
            closedWithNothingAfter(onToken, mark);

            JsonNode revoked = nextAfter(own, mark);
            assertThat(revoked.get("event").asString()).isEqualTo("credential");
            assertThat(revoked.get("user").asString()).isEqualTo(alice.login());
            assertThat(revoked.has("repository")).isFalse();
            assertThat(revoked.get("payload").get("action").asString()).isEqualTo("token_revoked");
            assertThat(revoked.get("payload").get("token_id").asLong()).isEqualTo(Long.parseLong(token[1]));
            assertThat(own.next("event").get("event").asString()).as("the other socket goes on").isEqualTo("push");

            // Bob follows alice's repositories, not her account: the next thing he hears is a public push.
            Response pub = api.put("/api/v3/repos/" + alice.login() + "/open/contents/x.txt", alice.bearer(),
                    "{\"message\":\"add\",\"content\":\"eA==\"}");
            assertThat(pub.status()).as(pub.body()).isEqualTo(201);
            JsonNode first = nextAfter(other, mark);
            assertThat(first.get("repository").asString()).isEqualTo(alice.login() + "/open");
        }
        try (EventClient again = EventClient.connect(server.baseUrl(), ApiClient.bearer(token[0]))) {
            assertThat(again.closeCode()).as("a revoked token cannot come back").isEqualTo(1008);
        }
    }

    @Test
    void anExpiredTokensSocketIsClosedOnTheTickAndSentNothingOnceTheClockHasPassed() {
        TestHearth.User alice = owner("expirer");
        String expires = server.clock().instant().plus(Duration.ofHours(1)).toString();
        String subscribedToken = newToken(alice, expires).split(" ")[0];
        String idleToken = newToken(alice, expires).split(" ")[0];
        try (EventClient subscribed = receiving(alice, ApiClient.bearer(subscribedToken));
             EventClient idle = connect(ApiClient.bearer(idleToken));
             EventClient unexpiring = receiving(alice, alice.bearer())) {
            long mark = mark();
            server.clock().advance(Duration.ofHours(2));
            // Sent at once, before the hub's next tick can have looked at the clock: the send-time check stops it.
            commit(alice, "after");
            closedWithNothingAfter(subscribed, mark);
            // Nothing was sent to this one and nothing happened to its user: the tick alone closes it.
            assertThat(idle.closeCode()).isEqualTo(1008);
            assertThat(nextAfter(unexpiring, mark).get("event").asString()).isEqualTo("push");
        }
    }

    private record Client(long id, String clientId, String secret) {}

    private static Client newClient(TestHearth.User u) {
        Response r = api.post("/api/v3/user/oauth-clients", u.basic(), "{\"name\":\"ci\",\"scopes\":[\"repo\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Client(r.json().get("id").asLong(), r.json().get("client_id").asString(), r.json().get("client_secret").asString());
    }

    private static String accessToken(Client c) {
        Response r = api.send("POST", "/oauth/token", ApiClient.basic(c.clientId(), c.secret()), "grant_type=client_credentials", FORM);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("access_token").asString();
    }

    @Test
    void aDeletedOAuthClientsSocketIsClosed() {
        TestHearth.User alice = owner("machine");
        Client client = newClient(alice);
        try (EventClient onClient = receiving(alice, ApiClient.bearer(accessToken(client)))) {
            long mark = mark();
            assertThat(api.delete("/api/v3/user/oauth-clients/" + client.id(), alice.basic()).status()).isEqualTo(204);
            commit(alice, "after");
            closedWithNothingAfter(onClient, mark);
        }
    }

    @Test
    void anExpiredOAuthAccessTokensSocketIsClosed() {
        TestHearth.User alice = owner("machine-exp");
        try (EventClient onClient = receiving(alice, ApiClient.bearer(accessToken(newClient(alice))))) {
            long mark = mark();
            server.clock().advance(Duration.ofHours(1).plusMinutes(1)); // the test server's access tokens live an hour
            commit(alice, "after");
            closedWithNothingAfter(onClient, mark);
        }
    }

    @Test
    void aNewPasswordClosesSocketsOpenedWithTheOldOneButNotThoseOfTokens() {
        TestHearth.User alice = owner("renewer");
        try (EventClient onPassword = receiving(alice, alice.basic());
             EventClient onToken = receiving(alice, alice.bearer())) {
            long mark = mark();
            Response changed = api.patch("/api/v3/admin/users/" + alice.login(), server.admin(),
                    "{\"password\":\"Another-Passw0rd-7\"}");
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            commit(alice, "after");
            closedWithNothingAfter(onPassword, mark);
            assertThat(nextAfter(onToken, mark).get("event").asString()).isEqualTo("push");
        }
    }
}
