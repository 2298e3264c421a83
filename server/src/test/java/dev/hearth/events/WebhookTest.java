package dev.hearth.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.HookReceiver;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks against a real receiver on loopback: signatures, retries, redelivery, restarts,
 * refusals; run on SQLite and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookTest {
    TestHearth server;
    TestHearth.User owner;
    HookReceiver receiver;

    abstract TestHearth startServer();

    @BeforeAll
    void start() {
        server = startServer();
        owner = server.newUser("hooker");
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    /** A receiver of its own per test, so no test sees another's deliveries. */
    @BeforeEach
    void startReceiver() {
        receiver = new HookReceiver();
    }

    /** Removes every hook first: a later test's receiver may get this one's port. */
    @AfterEach
    void stopReceiver() {
        for (JsonNode repo : server.api().get("/api/v3/users/" + owner.login() + "/repos?per_page=100", owner.basic()).json()) {
            String hooksPath = hooks(repo.get("name").asString());
            for (JsonNode hook : server.api().get(hooksPath, owner.basic()).json()) {
                server.api().delete(hooksPath + "/" + hook.get("id").asLong(), owner.basic());
            }
        }
        receiver.close();
    }

    private String hooks(String repo) {
        return "/api/v3/repos/" + owner.login() + "/" + repo + "/hooks";
    }

    private long hook(String repo, String events, String secret) {
        Response r = server.api().post(hooks(repo), owner.basic(), "{\"name\":\"web\",\"config\":{\"url\":\"" + receiver.url()
                + "/hook\",\"content_type\":\"json\",\"secret\":\"" + secret + "\"},\"events\":" + events + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private void commit(String repo, String file) {
        String content = Base64.getEncoder().encodeToString(file.getBytes(StandardCharsets.UTF_8));
        assertThat(server.api().put("/api/v3/repos/" + owner.login() + "/" + repo + "/contents/" + file, owner.bearer(),
                "{\"message\":\"add\",\"content\":\"" + content + "\"}").status()).isEqualTo(201);
    }

    private static String hmacHex(String secret, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data));
    }

    @Test
    void pushDeliveriesAreSignedTheGitHubAndStandardWebhooksWays() throws Exception {
        server.newRepo(owner, "signed", false);
        hook("signed", "[\"push\"]", "s3cret");
        commit("signed", "a.txt");
        HookReceiver.Received r = receiver.next();
        assertThat(r.header("X-GitHub-Event")).isEqualTo("push");
        assertThat(r.header("X-Hearth-Event")).isEqualTo("push");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("X-Hub-Signature-256")).isEqualTo("sha256=" + hmacHex("s3cret", r.body()));
        String id = r.header("webhook-id");
        String ts = r.header("webhook-timestamp");
        assertThat(id).isEqualTo(r.header("X-GitHub-Delivery"));
        byte[] signed = (id + "." + ts + "." + r.bodyText()).getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(MessageDigest.isEqual(r.header("webhook-signature").getBytes(),
                ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed))).getBytes())).isTrue();
        JsonNode payload = tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.bodyText());
        assertThat(payload.get("ref").asString()).isEqualTo("refs/heads/main");
        assertThat(payload.get("repository").get("full_name").asString()).isEqualTo(owner.login() + "/signed");
        assertThat(receiver.pending()).as("only push was asked for, not create").isZero();
    }

    @Test
    void failuresAreRetriedAndEveryAttemptIsListed() {
        server.newRepo(owner, "flaky", false);
        long id = hook("flaky", "[\"push\"]", "x");
        receiver.answer(500);
        commit("flaky", "a.txt");
        HookReceiver.Received first = receiver.next();
        HookReceiver.Received second = receiver.next();
        assertThat(second.header("X-GitHub-Delivery")).isEqualTo(first.header("X-GitHub-Delivery"));
        JsonNode delivery = awaitDelivered("flaky", id);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.get("status_code").asInt()).isEqualTo(200);
        assertThat(delivery.get("event").asString()).isEqualTo("push");
    }

    /**
     * The newest delivery once it is marked OK. The sender records the attempt just after the
     * receiver answered, so the listing is read again until then (a bounded number of times).
     */
    private JsonNode awaitDelivered(String repo, long hookId) {
        for (int i = 0; i < 500; i++) {
            JsonNode list = server.api().get(hooks(repo) + "/" + hookId + "/deliveries", owner.basic()).json();
            if (!list.isEmpty() && list.get(0).get("status").asString().equals("OK")) return list.get(0);
        }
        throw new AssertionError("delivery not marked OK after 500 reads");
    }

    @Test
    void pingsAndRedeliveries() {
        server.newRepo(owner, "pinged", false);
        long id = hook("pinged", "[\"*\"]", "x");
        assertThat(server.api().post(hooks("pinged") + "/" + id + "/pings", owner.basic(), "{}").status()).isEqualTo(204);
        HookReceiver.Received ping = receiver.next();
        assertThat(ping.header("X-GitHub-Event")).isEqualTo("ping");
        assertThat(ping.bodyText()).contains("\"zen\"");
        JsonNode delivery = awaitDelivered("pinged", id);
        assertThat(server.api().post(hooks("pinged") + "/" + id + "/deliveries/" + delivery.get("id").asLong() + "/attempts",
                owner.basic(), "{}").status()).isEqualTo(202);
        HookReceiver.Received again = receiver.next();
        assertThat(again.header("X-GitHub-Delivery")).isEqualTo(ping.header("X-GitHub-Delivery"));
        assertThat(again.body()).isEqualTo(ping.body());
    }

    @Test
    void pendingDeliveriesSurviveARestart() {
        server.newRepo(owner, "durable", false);
        hook("durable", "[\"push\"]", "x");
        receiver.answer(503);
        commit("durable", "a.txt");
        String guid = receiver.next().header("X-GitHub-Delivery");
        server.restart();
        assertThat(receiver.next().header("X-GitHub-Delivery")).isEqualTo(guid);
    }

    @Test
    void redirectsAreNotFollowed() {
        server.newRepo(owner, "moved", false);
        hook("moved", "[\"push\"]", "x");
        receiver.answer(302, 200);
        commit("moved", "a.txt");
        HookReceiver.Received first = receiver.next();
        HookReceiver.Received retry = receiver.next();
        assertThat(first.path()).isEqualTo("/hook");
        assertThat(retry.path()).as("the retry goes to the hook, never to the Location").isEqualTo("/hook");
    }

    @Test
    void internalTargetsAreRefusedWhenSaved() {
        server.newRepo(owner, "ssrf", false);
        for (String url : new String[] {"http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/",
                "http://0.0.0.0/", "http://192.168.1.1/", "ftp://example.com/", "http://user:pw@127.0.0.1/"}) {
            Response r = server.api().post(hooks("ssrf"), owner.basic(), "{\"config\":{\"url\":\"" + url + "\"}}");
            assertThat(r.status()).as(url + " " + r.body()).isEqualTo(422);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("config.url");
        }
        assertThat(server.api().get(hooks("ssrf"), owner.basic()).json().size()).isZero();
    }

    @Test
    void ipv6FormsEmbeddingInternalIpv4AreRefusedWhenSaved() {
        server.newRepo(owner, "ssrf6", false);
        for (String url : new String[] {"http://[64:ff9b::a9fe:a9fe]/", "http://[2002:a9fe:a9fe::]/", "http://[::169.254.169.254]/",
                "http://[::ffff:0:7f00:1]:8080/", "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "http://[2606:4700::5efe:a9fe:a9fe]/"}) {
            Response r = server.api().post(hooks("ssrf6"), owner.basic(), "{\"config\":{\"url\":\"" + url + "\"}}");
            assertThat(r.status()).as(url + " " + r.body()).isEqualTo(422);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("config.url");
            assertThat(r.body()).contains("internal address");
        }
        assertThat(server.api().get(hooks("ssrf6"), owner.basic()).json().size()).isZero();
    }

    @Test
    void hooksNeedAdminAndTheHookScope() {
        server.newRepo(owner, "guarded", true);
        TestHearth.User writer = server.newUser("writer");
        TestHearth.User stranger = server.newUser("stranger");
        server.api().put("/api/v3/repos/" + owner.login() + "/guarded/collaborators/" + writer.login(), owner.bearer(), "{\"permission\":\"write\"}");
        String body = "{\"config\":{\"url\":\"" + receiver.url() + "\"}}";
        assertThat(server.api().post(hooks("guarded"), null, body).status()).isEqualTo(401);
        assertThat(server.api().post(hooks("guarded"), stranger.basic(), body).status()).isEqualTo(404);
        assertThat(server.api().post(hooks("guarded"), writer.basic(), body).status()).isEqualTo(403);
        // owner's test token has repo and delete_repo but not admin:repo_hook
        String repoOnly = owner.bearer();
        String hookOnly = ApiClient.bearer(server.api().post("/api/v3/users/" + owner.login() + "/tokens", owner.basic(),
                "{\"name\":\"hooks\",\"scopes\":[\"admin:repo_hook\"]}").json().get("token").asString());
        Response created = server.api().post(hooks("guarded"), hookOnly, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("events").get(0).asString()).isEqualTo("push");
        assertThat(created.json().get("config").get("content_type").asString()).isEqualTo("form");
        long id = created.json().get("id").asLong();
        assertThat(server.api().get(hooks("guarded") + "/" + id, hookOnly).status()).isEqualTo(200);
        Response patched = server.api().patch(hooks("guarded") + "/" + id, owner.basic(), "{\"add_events\":[\"create\"],\"active\":false}");
        assertThat(patched.json().get("events").toString()).isEqualTo("[\"push\",\"create\"]");
        assertThat(patched.json().get("active").asBoolean()).isFalse();
        assertThat(server.api().get(hooks("guarded"), repoOnly).status()).isEqualTo(403);
        assertThat(server.api().delete(hooks("guarded") + "/" + id, owner.basic()).status()).isEqualTo(204);
        assertThat(server.api().get(hooks("guarded") + "/" + id, owner.basic()).status()).isEqualTo(404);
    }
}
