package dev.hearth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.config.TransportLimits;
import dev.hearth.testing.EventClient;
import dev.hearth.testing.TestHearth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The event stream's sockets under abuse, on a server with small caps (3 per user, 5 per
 * address) and a 1 s ping: past a cap the upgrade is refused with 429 and a closed socket gives
 * its place back; JSON's {@code null} is a malformed message like any other; pings keep their
 * schedule while events flow.
 */
class EventSocketLimitsTest {
    static final int PER_USER = 3;
    static final int PER_ADDRESS = 5;
    static TestHearth server;

    @BeforeAll
    static void start() {
        server = TestHearth.withTransportLimits(new TransportLimits(Duration.ofSeconds(30), 256, Duration.ofMinutes(2),
                Duration.ofSeconds(1), PER_USER, PER_ADDRESS));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The status the upgrade was refused with, or 101 when it was accepted (then the socket is closed again). */
    private static int upgrade(String authorization) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (authorization != null) b.header("Authorization", authorization);
        try {
            WebSocket ws = b.buildAsync(URI.create(server.baseUrl().replace("http://", "ws://") + "/api/v3/events"),
                    new WebSocket.Listener() {}).orTimeout(20, TimeUnit.SECONDS).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) return h.getResponse().statusCode();
            throw e;
        }
    }

    @Test
    void socketsPastTheCapsAreRefusedAndClosedOnesGiveTheirPlaceBack() {
        TestHearth.User user = server.newUser("sockets");
        TestHearth.User other = server.newUser("neighbour");
        List<EventClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < PER_USER; i++) {
                EventClient c = EventClient.connect(server.baseUrl(), user.bearer());
                assertThat(c.next("welcome").get("login").asString()).isEqualTo(user.login());
                open.add(c);
            }
            assertThat(upgrade(user.bearer())).as("socket %d of one token", PER_USER + 1).isEqualTo(429);

            for (int i = PER_USER; i < PER_ADDRESS; i++) {
                EventClient c = EventClient.connect(server.baseUrl(), other.bearer());
                c.next("welcome");
                open.add(c);
            }
            assertThat(upgrade(null)).as("socket %d of one address", PER_ADDRESS + 1).isEqualTo(429);
            assertThatThrownBy(() -> EventClient.connect(server.baseUrl(), other.bearer()))
                    .hasCauseInstanceOf(WebSocketHandshakeException.class);

            open.removeFirst().close();
            // The server hears of the close asynchronously: ask again until it has, within a bound.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            EventClient again = null;
            while (again == null && System.nanoTime() < end) {
                try {
                    again = EventClient.connect(server.baseUrl(), user.bearer());
                } catch (CompletionException e) {
                    assertThat(e).hasCauseInstanceOf(WebSocketHandshakeException.class);
                }
            }
            assertThat(again).as("a closed socket's place is given back").isNotNull();
            open.add(again);
            assertThat(again.next("welcome").get("login").asString()).isEqualTo(user.login());
        } finally {
            open.forEach(EventClient::close);
        }
    }

    @Test
    void jsonNullIsAMalformedMessageBeforeAndAfterAuthentication() {
        TestHearth.User user = server.newUser("nulls");
        try (EventClient before = EventClient.connect(server.baseUrl(), null)) {
            before.send("null");
            assertThat(before.next().get("type").asString()).isEqualTo("error");
            before.send("{\"type\":\"auth\",\"token\":\"" + user.token() + "\"}");
            assertThat(before.next("welcome").get("login").asString()).isEqualTo(user.login());
        }
        try (EventClient after = EventClient.connect(server.baseUrl(), user.bearer())) {
            after.next("welcome");
            after.send("null");
            assertThat(after.next("error").get("message").asString()).contains("JSON objects");
            after.send("{\"type\":\"ping\"}");
            assertThat(after.next("pong").get("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void pingsKeepTheirScheduleWhileEventsFlow() throws Exception {
        TestHearth.User user = server.newUser("pinged");
        TestHearth.User busy = server.newUser("busy");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger created = new AtomicInteger();
        // Every repository created is an event, and every event wakes every subscriber.
        Thread events = Thread.ofVirtual().start(() -> {
            while (!stop.get()) server.newRepo(busy, "r" + created.incrementAndGet(), false);
        });
        try (EventClient c = EventClient.connect(server.baseUrl(), user.bearer())) {
            c.next("welcome");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3); // three ping intervals
            JsonNode ping = null;
            while (ping == null && System.nanoTime() < end) {
                JsonNode m = c.next();
                if (m.get("type").asString().equals("ping")) ping = m;
            }
            assertThat(ping).as("a ping within three intervals, while %d events came", created.get()).isNotNull();
            assertThat(created.get()).as("events flowed meanwhile").isGreaterThan(1);
        } finally {
            stop.set(true);
            events.join();
        }
    }
}
