package dev.hearth.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.EventClient;
import dev.hearth.testing.TestHearth;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The WebSocket event stream: authentication, subscriptions, permissions at sending time, resume;
 * run on SQLite and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventStreamTest {
    TestHearth server;
    ApiClient api;
    TestHearth.User owner;

    abstract TestHearth startServer();

    @BeforeAll
    void start() {
        server = startServer();
        api = server.api();
        owner = server.newUser("streamer");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Commits a file through the API, which raises a push event; returns the commit sha. */
    private String commit(String repo, String file) {
        String content = Base64.getEncoder().encodeToString(file.getBytes(StandardCharsets.UTF_8));
        var r = api.put("/api/v3/repos/" + owner.login() + "/" + repo + "/contents/" + file, owner.bearer(),
                "{\"message\":\"add " + file + "\",\"content\":\"" + content + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("commit").get("sha").asString();
    }

    private EventClient subscribed(TestHearth.User who, String repo) {
        EventClient c = EventClient.connect(server.baseUrl(), who.bearer());
        assertThat(c.next("welcome").get("login").asString()).isEqualTo(who.login());
        c.send("{\"type\":\"subscribe\",\"repo\":\"" + owner.login() + "/" + repo + "\"}");
        assertThat(c.next("subscribed").get("repo").asString()).isEqualTo(owner.login() + "/" + repo);
        return c;
    }

    @Test
    void pushesArriveAsGitHubPushPayloads() {
        server.newRepo(owner, "live", false);
        try (EventClient c = subscribed(owner, "live")) {
            String sha = commit("live", "a.txt");
            JsonNode create = c.next("event");
            assertThat(create.get("event").asString()).isEqualTo("create");
            assertThat(create.get("payload").get("ref").asString()).isEqualTo("main");
            JsonNode push = c.next("event");
            assertThat(push.get("event").asString()).isEqualTo("push");
            assertThat(push.get("id").asLong()).isGreaterThan(create.get("id").asLong());
            JsonNode payload = push.get("payload");
            assertThat(payload.get("ref").asString()).isEqualTo("refs/heads/main");
            assertThat(payload.get("after").asString()).isEqualTo(sha);
            assertThat(payload.get("head_commit").get("id").asString()).isEqualTo(sha);
            assertThat(payload.get("repository").get("full_name").asString()).isEqualTo(owner.login() + "/live");
            assertThat(payload.get("sender").get("login").asString()).isEqualTo(owner.login());
        }
    }

    @Test
    void pingIsAnsweredAndUnknownMessagesAreErrors() {
        try (EventClient c = EventClient.connect(server.baseUrl(), owner.bearer())) {
            c.next("welcome");
            c.send("{\"type\":\"ping\"}");
            c.next("pong");
            c.send("{\"type\":\"dance\"}");
            assertThat(c.next("error").get("message").asString()).contains("dance");
            c.send("not json");
            c.next("error");
        }
    }

    @Test
    void authenticationByFirstMessage() {
        try (EventClient c = EventClient.connect(server.baseUrl(), null)) {
            c.send("{\"type\":\"auth\",\"token\":\"" + owner.token() + "\"}");
            assertThat(c.next("welcome").get("login").asString()).isEqualTo(owner.login());
        }
        try (EventClient c = EventClient.connect(server.baseUrl(), null)) {
            c.send("{\"type\":\"auth\",\"token\":\"hth_wrong\"}");
            assertThat(c.closeCode()).isEqualTo(1008);
        }
        try (EventClient c = EventClient.connect(server.baseUrl(), null)) {
            c.send("{\"type\":\"subscribe\",\"repo\":\"a/b\"}");
            assertThat(c.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void badCredentialsAtTheUpgradeCloseThePolicyWay() {
        try (EventClient c = EventClient.connect(server.baseUrl(), ApiClient.bearer("hth_wrong"))) {
            assertThat(c.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void unreadableRepositoriesLookMissing() {
        TestHearth.User stranger = server.newUser("peeker");
        server.newRepo(owner, "hidden", true);
        try (EventClient c = EventClient.connect(server.baseUrl(), stranger.bearer())) {
            c.next("welcome");
            c.send("{\"type\":\"subscribe\",\"repo\":\"" + owner.login() + "/hidden\"}");
            String hidden = c.next("error").get("message").asString();
            c.send("{\"type\":\"subscribe\",\"repo\":\"" + owner.login() + "/absent\"}");
            String absent = c.next("error").get("message").asString();
            assertThat(hidden.replace("hidden", "X")).isEqualTo(absent.replace("absent", "X"));
        }
    }

    @Test
    void aRemovedCollaboratorStopsReceivingAtOnce() {
        TestHearth.User member = server.newUser("member");
        server.newRepo(owner, "team", true);
        server.newRepo(owner, "marker", false);
        String grant = "/api/v3/repos/" + owner.login() + "/team/collaborators/" + member.login();
        assertThat(api.put(grant, owner.bearer(), "{\"permission\":\"read\"}").status()).isEqualTo(201);
        try (EventClient c = subscribed(member, "team")) {
            c.send("{\"type\":\"subscribe\",\"repo\":\"" + owner.login() + "/marker\"}");
            c.next("subscribed");
            commit("team", "one.txt");
            assertThat(c.next("event").get("repository").asString()).isEqualTo(owner.login() + "/team");
            assertThat(c.next("event").get("event").asString()).isEqualTo("push");

            assertThat(api.delete(grant, owner.bearer()).status()).isEqualTo(204);
            commit("team", "two.txt");
            commit("marker", "m.txt");
            // Events arrive in stream order: the marker's come after team's second push, which must not come.
            List<String> seen = new ArrayList<>();
            for (JsonNode e = c.next("event"); ; e = c.next("event")) {
                seen.add(e.get("repository").asString() + ":" + e.get("event").asString());
                if (e.get("event").asString().equals("push")) break;
            }
            assertThat(seen).allMatch(s -> s.startsWith(owner.login() + "/marker:"));
        }
    }

    @Test
    void resumeReplaysWhatWasMissedWithoutGapsOrDuplicates() {
        server.newRepo(owner, "resumable", false);
        long lastSeen;
        try (EventClient c = subscribed(owner, "resumable")) {
            commit("resumable", "a.txt");
            c.next("event");
            lastSeen = c.next("event").get("id").asLong();
        }
        String b = commit("resumable", "b.txt");
        String d = commit("resumable", "d.txt");
        try (EventClient c = subscribed(owner, "resumable")) {
            c.send("{\"type\":\"resume\",\"after\":" + lastSeen + "}");
            JsonNode first = c.next("event");
            JsonNode second = c.next("event");
            assertThat(first.get("payload").get("after").asString()).isEqualTo(b);
            assertThat(second.get("payload").get("after").asString()).isEqualTo(d);
            assertThat(second.get("id").asLong()).isGreaterThan(first.get("id").asLong());
            String e = commit("resumable", "e.txt");
            JsonNode live = c.next("event");
            assertThat(live.get("payload").get("after").asString()).isEqualTo(e);
            c.send("{\"type\":\"ping\"}");
            c.next("pong");
            assertThat(c.hasPending()).isFalse();
        }
    }

    @Test
    void subscribingToAUserFollowsAllTheirRepositories() {
        TestHearth.User fan = server.newUser("fan");
        server.newRepo(owner, "followed", false);
        try (EventClient c = EventClient.connect(server.baseUrl(), fan.bearer())) {
            c.next("welcome");
            c.send("{\"type\":\"subscribe\",\"user\":\"" + owner.login() + "\"}");
            c.next("subscribed");
            commit("followed", "x.txt");
            assertThat(c.next("event").get("repository").asString()).isEqualTo(owner.login() + "/followed");
        }
    }
}
