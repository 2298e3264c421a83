package dev.hearth.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.SshCli;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@code /api/v3/user/keys} with keys made by the real ssh-keygen; run on SQLite and on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SshKeyApiTest {
    TestHearth server;
    ApiClient api;
    Path keyDir;
    SshCli ssh;

    abstract TestHearth startServer();

    @BeforeAll
    void start() throws IOException {
        server = startServer();
        api = server.api();
        keyDir = Files.createTempDirectory("hearth-keys");
        ssh = new SshCli(keyDir);
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        org.eclipse.jgit.util.FileUtils.delete(keyDir.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
    }

    static String body(String title, String key) {
        var node = JsonNodeFactory.instance.objectNode();
        if (title != null) node.put("title", title);
        node.put("key", key);
        return node.toString();
    }

    private Response add(TestHearth.User user, String title, String key) {
        return api.post("/api/v3/user/keys", user.basic(), body(title, key));
    }

    private static void assertKeyError(Response r, String field, String messagePart) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        JsonNode error = r.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("message").asString()).contains(messagePart);
    }

    @Test
    void addedKeyHasGitHubsShapeAndIsStoredWithoutItsComment() {
        TestHearth.User alice = server.newUser("alice");
        SshCli.Key key = ssh.newKey("ed25519", 0);
        Response r = add(alice, "laptop", key.publicText() + "\n");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode json = r.json();
        long id = json.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(json.get("key").asString()).isEqualTo(key.withoutComment());
        assertThat(json.get("title").asString()).isEqualTo("laptop");
        assertThat(json.get("read_only").asBoolean()).isFalse();
        assertThat(json.get("verified").asBoolean()).isTrue();
        assertThat(json.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(json.get("fingerprint").asString()).isEqualTo(ssh.fingerprint(key));
        assertThat(json.get("url").asString()).endsWith("/api/v3/user/keys/" + id);
        assertThat(r.header("Location")).isEqualTo(json.get("url").asString());

        Response shown = api.get("/api/v3/user/keys/" + id, alice.basic());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("key").asString()).isEqualTo(key.withoutComment());
    }

    @Test
    void ed25519EcdsaAndRsaKeysAreAccepted() {
        TestHearth.User bob = server.newUser("bob");
        String[][] kinds = {{"ed25519", "0"}, {"ecdsa", "256"}, {"ecdsa", "384"}, {"ecdsa", "521"}, {"rsa", "2048"}, {"rsa", "3072"}};
        for (String[] kind : kinds) {
            SshCli.Key key = ssh.newKey(kind[0], Integer.parseInt(kind[1]));
            Response r = add(bob, null, key.publicText());
            assertThat(r.status()).as(kind[0] + " " + kind[1] + ": " + r.body()).isEqualTo(201);
            assertThat(r.json().get("key").asString()).isEqualTo(key.withoutComment());
            // Without a title, the key's comment names it.
            assertThat(r.json().get("title").asString()).isEqualTo(key.publicText().split(" ")[2]);
        }
        Response list = api.get("/api/v3/user/keys", bob.basic());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(kinds.length);
    }

    @Test
    void weakOrMalformedKeysAreRefusedWithAFieldError() {
        TestHearth.User carol = server.newUser("carol");
        String good = ssh.newKey("ed25519", 0).publicText();
        String base64 = good.split(" ")[1];
        assertKeyError(add(carol, "dsa", ssh.newKey("dsa", 0).publicText()), "key", "DSA");
        assertKeyError(add(carol, "short", ssh.newKey("rsa", 1024).publicText()), "key", "this one has 1024");
        assertKeyError(add(carol, "junk", "not a key at all"), "key", "is not an OpenSSH public key");
        assertKeyError(add(carol, "cut", "ssh-ed25519 " + base64.substring(0, 30)), "key", "is not an OpenSSH public key");
        assertKeyError(add(carol, "mislabelled", "ssh-rsa " + base64), "key", "is not an OpenSSH public key");
        assertKeyError(add(carol, "options", "command=\"sh\" " + good), "key", "options");
        assertKeyError(add(carol, "two", good + "\n" + ssh.newKey("ed25519", 0).publicText()), "key", "one line");
        assertKeyError(add(carol, "empty", "  "), "key", "must not be empty");
        assertKeyError(add(carol, "x".repeat(101), good), "title", "at most 100");
        Response missing = api.post("/api/v3/user/keys", carol.basic(), "{\"title\":\"no key\"}");
        assertThat(missing.status()).isEqualTo(422);
        Response unknown = api.post("/api/v3/user/keys", carol.basic(), "{\"key\":\"" + good + "\",\"colour\":\"red\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(api.get("/api/v3/user/keys", carol.basic()).json().size()).isZero();
    }

    @Test
    void aKeyBelongsToOneUserOnly() {
        TestHearth.User dave = server.newUser("dave");
        TestHearth.User erin = server.newUser("erin");
        SshCli.Key key = ssh.newKey("ed25519", 0);
        assertThat(add(dave, "mine", key.publicText()).status()).isEqualTo(201);
        assertKeyError(add(erin, "also mine", key.publicText()), "key", "key is already in use");
        // The comment is not part of the key: another comment is the same key.
        assertKeyError(add(erin, "again", key.withoutComment() + " another-comment"), "key", "key is already in use");
        assertKeyError(add(dave, "twice", key.publicText()), "key", "key is already in use");
        assertThat(api.get("/api/v3/user/keys", erin.basic()).json().size()).isZero();
        assertThat(api.get("/api/v3/user/keys", dave.basic()).json().size()).isEqualTo(1);
    }

    @Test
    void tokensNeedTheAdminPublicKeyScope() {
        TestHearth.User frank = server.newUser("frank");
        String key = ssh.newKey("ed25519", 0).publicText();
        assertThat(api.post("/api/v3/user/keys", null, body("anon", key)).status()).isEqualTo(401);
        assertThat(api.get("/api/v3/user/keys", null).status()).isEqualTo(401);

        Response repoToken = api.post("/api/v3/user/keys", frank.bearer(), body("repo scope", key));
        assertThat(repoToken.status()).isEqualTo(403);
        assertThat(repoToken.json().get("detail").asString()).contains("admin:public_key");
        assertThat(api.get("/api/v3/user/keys", frank.bearer()).status()).isEqualTo(403);

        Response token = api.post("/api/v3/users/" + frank.login() + "/tokens", frank.basic(),
                "{\"name\":\"keys\",\"scopes\":[\"admin:public_key\"]}");
        String keyToken = ApiClient.bearer(token.json().get("token").asString());
        Response added = api.post("/api/v3/user/keys", keyToken, body("by token", key));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        long id = added.json().get("id").asLong();
        assertThat(api.get("/api/v3/user/keys", keyToken).json().get(0).get("id").asLong()).isEqualTo(id);
        assertThat(api.delete("/api/v3/user/keys/" + id, frank.bearer()).status()).isEqualTo(403);
        assertThat(api.delete("/api/v3/user/keys/" + id, keyToken).status()).isEqualTo(204);
    }

    @Test
    void listingIsPaginatedAndOthersKeysAreInvisible() {
        TestHearth.User grace = server.newUser("grace");
        TestHearth.User heidi = server.newUser("heidi");
        long first = add(grace, "one", ssh.newKey("ed25519", 0).publicText()).json().get("id").asLong();
        long second = add(grace, "two", ssh.newKey("ed25519", 0).publicText()).json().get("id").asLong();

        Response page1 = api.get("/api/v3/user/keys?per_page=1", grace.basic());
        assertThat(page1.json().size()).isEqualTo(1);
        assertThat(page1.json().get(0).get("id").asLong()).isEqualTo(first);
        assertThat(page1.header("Link")).contains("rel=\"next\"").contains("page=2");
        Response page2 = api.get("/api/v3/user/keys?per_page=1&page=2", grace.basic());
        assertThat(page2.json().get(0).get("id").asLong()).isEqualTo(second);

        assertThat(api.get("/api/v3/user/keys/" + first, heidi.basic()).status()).isEqualTo(404);
        assertThat(api.delete("/api/v3/user/keys/" + first, heidi.basic()).status()).isEqualTo(404);
        assertThat(api.get("/api/v3/user/keys/not-a-number", grace.basic()).status()).isEqualTo(404);

        assertThat(api.delete("/api/v3/user/keys/" + first, grace.basic()).status()).isEqualTo(204);
        assertThat(api.get("/api/v3/user/keys/" + first, grace.basic()).status()).isEqualTo(404);
        assertThat(api.delete("/api/v3/user/keys/" + first, grace.basic()).status()).isEqualTo(404);
        Response left = api.get("/api/v3/user/keys", grace.basic());
        assertThat(left.json().size()).isEqualTo(1);
        assertThat(left.json().get(0).get("id").asLong()).isEqualTo(second);
    }
}
