package dev.hearth.ui;

import static dev.hearth.ui.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.EventClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A page's live event socket rides on its browser session and ends with it: signed out, signed
 * out everywhere from another browser, or a new password set from another browser. The socket is
 * closed with 1008 and gets no private event recorded after the change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionRevocationTest {
    private static final AtomicInteger FILES = new AtomicInteger();
    static TestHearth server;

    abstract TestHearth startServer();

    @BeforeAll
    void start() {
        server = startServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static TestHearth.User owner(String prefix) {
        TestHearth.User u = server.newUser(prefix);
        server.newRepo(u, "secret", true);
        commit(u);
        return u;
    }

    private static void commit(TestHearth.User u) {
        Response r = server.api().put("/api/v3/repos/" + u.login() + "/secret/contents/f" + FILES.incrementAndGet(),
                u.bearer(), "{\"message\":\"add\",\"content\":\"eA==\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static PageClient signedIn(TestHearth.User u) {
        PageClient page = new PageClient(server.baseUrl());
        page.signIn(u.login(), u.password());
        return page;
    }

    private static EventClient socketOf(PageClient page) {
        return EventClient.connectWith(server.baseUrl(), Map.of("Cookie", "hearth_session=" + page.cookie("hearth_session"),
                "Origin", server.baseUrl()));
    }

    /** The page's socket, shown to receive the user's private pushes. */
    private static EventClient receiving(TestHearth.User u, PageClient page) {
        EventClient c = socketOf(page);
        assertThat(c.next("welcome").get("login").asString()).isEqualTo(u.login());
        c.send("{\"type\":\"subscribe\",\"repo\":\"" + u.login() + "/secret\"}");
        c.next("subscribed");
        commit(u);
        assertThat(c.next("event").get("repository").asString()).isEqualTo(u.login() + "/secret");
        return c;
    }

    private static long mark() {
        return server.hearth().activity().lastId();
    }

    private static void closedWithNothingAfter(EventClient c, long mark) {
        assertThat(c.closeCode()).isEqualTo(1008);
        assertThat(c.remaining()).noneMatch(m -> m.get("type").asString().equals("event") && m.get("id").asLong() > mark);
    }

    @Test
    void signingOutClosesThePagesSocketAndTheOldCookieStopsCounting() {
        TestHearth.User u = owner("leaver");
        PageClient page = signedIn(u);
        String oldCookie = page.cookie("hearth_session");
        // Issue 12's attack: a saved copy of the cookie, reused after sign-out. Before, it opens the private repository.
        PageClient copy = new PageClient(server.baseUrl());
        Map<String, String> saved = Map.of("Cookie", "hearth_session=" + oldCookie);
        assertThat(copy.get("/" + u.login() + "/secret", saved).statusCode()).isEqualTo(200);
        try (EventClient socket = receiving(u, page)) {
            long mark = mark();
            HttpResponse<String> out = page.post("/logout", form("_csrf", page.csrf("/")));
            assertThat(out.statusCode()).isEqualTo(303);
            commit(u);
            closedWithNothingAfter(socket, mark);
        }
        // A copy of the signed-out cookie opens nothing: neither a page nor a socket.
        HttpResponse<String> settings = copy.get("/settings/security", saved);
        assertThat(settings.statusCode()).isEqualTo(303);
        assertThat(copy.get("/" + u.login() + "/secret", saved).statusCode()).isEqualTo(404);
        // Signing out takes a POST with the form's CSRF token: a link (GET) cannot sign anyone out.
        assertThat(copy.get("/logout").statusCode()).isIn(404, 405);
        try (EventClient again = EventClient.connectWith(server.baseUrl(), Map.of("Cookie", "hearth_session=" + oldCookie,
                "Origin", server.baseUrl()))) {
            again.send("{\"type\":\"subscribe\",\"repo\":\"" + u.login() + "/secret\"}");
            assertThat(again.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void signingOutEverywhereFromAnotherBrowserClosesThisOnesSocket() {
        TestHearth.User u = owner("everywhere");
        PageClient here = signedIn(u);
        PageClient there = signedIn(u);
        try (EventClient socket = receiving(u, here)) {
            long mark = mark();
            assertThat(there.post("/settings/sessions/end", form("_csrf", there.csrf("/settings/security"))).statusCode())
                    .isEqualTo(303);
            commit(u);
            closedWithNothingAfter(socket, mark);
            // The browser that asked goes on, with a new session and a socket of its own.
            receiving(u, there).close();
        }
    }

    @Test
    void aNewPasswordSetFromAnotherBrowserClosesThisOnesSocket() {
        TestHearth.User u = owner("changer");
        PageClient here = signedIn(u);
        PageClient there = signedIn(u);
        try (EventClient socket = receiving(u, here)) {
            long mark = mark();
            String next = "Brand-New-Pass-9";
            HttpResponse<String> changed = there.post("/settings/password", form("_csrf", there.csrf("/settings/security"),
                    "current_password", u.password(), "password", next, "password_confirm", next));
            assertThat(changed.statusCode()).isEqualTo(303);
            commit(u);
            closedWithNothingAfter(socket, mark);
        }
    }

    @Test
    void aUserSubscribedToThemselvesHearsOfTheirSessionsEnding() {
        TestHearth.User u = owner("listener");
        PageClient there = signedIn(u);
        try (EventClient own = EventClient.connect(server.baseUrl(), u.bearer())) {
            own.next("welcome");
            own.send("{\"type\":\"subscribe\",\"user\":\"" + u.login() + "\"}");
            own.next("subscribed");
            long mark = mark();
            there.post("/settings/sessions/end", form("_csrf", there.csrf("/settings/security")));
            JsonNode ended;
            do {
                ended = own.next("event");
            } while (ended.get("id").asLong() <= mark);
            assertThat(ended.get("event").asString()).isEqualTo("credential");
            assertThat(ended.get("user").asString()).isEqualTo(u.login());
            assertThat(ended.get("payload").get("action").asString()).isEqualTo("sessions_ended");
        }
    }
}
