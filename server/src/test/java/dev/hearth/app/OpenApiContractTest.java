package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.GitCli;
import dev.hearth.testing.HookReceiver;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real answers of a running server match the response schemas of {@code openapi/hearth.yaml}:
 * every call asserts its status, then {@link OpenApiContract#check} validates the body against
 * the schema the document gives that operation and status.
 */
class OpenApiContractTest {
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]+}");
    private static final String REPO = "/api/v3/repos/{owner}/{repo}";

    static TestHearth server;
    static OpenApiContract contract;
    static TestHearth.User owner;
    static TestHearth.User peer;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        contract = OpenApiContract.load();
        owner = server.newUser("contract");
        peer = server.newUser("peer");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void usersTokensKeysAndOAuthClients() throws Exception {
        String login = "made-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        JsonNode made = call("POST", "/api/v3/admin/users").as(server.admin())
                .json("{\"login\":\"" + login + "\",\"email\":\"" + login + "@example.com\",\"password\":\"First-Passw0rd-1\"}")
                .expect(201).json();
        assertThat(made.get("login").asString()).isEqualTo(login);
        call("PATCH", "/api/v3/admin/users/{login}", login).as(server.admin()).json("{\"password\":\"Second-Passw0rd-2\"}").expect(200);
        call("GET", "/api/v3/admin/audit").as(server.admin()).expect(200);
        String basic = ApiClient.basic(login, "Second-Passw0rd-2");
        call("GET", "/api/v3/user").as(basic).expect(200);
        call("GET", "/api/v3/users/{login}", login).as(peer.bearer()).expect(200);

        long token = call("POST", "/api/v3/users/{login}/tokens", login).as(basic)
                .json("{\"name\":\"ci\",\"scopes\":[\"read:repo\"]}").expect(201).json().get("id").asLong();
        assertThat(call("GET", "/api/v3/users/{login}/tokens", login).as(basic).expect(200).json()).hasSize(1);
        call("DELETE", "/api/v3/users/{login}/tokens/{id}", login, Long.toString(token)).as(basic).expect(204);

        long key = call("POST", "/api/v3/user/keys").as(basic)
                .json("{\"title\":\"laptop\",\"key\":\"" + ed25519PublicKey() + "\"}").expect(201).json().get("id").asLong();
        call("GET", "/api/v3/user/keys").as(basic).expect(200);
        call("GET", "/api/v3/user/keys/{id}", Long.toString(key)).as(basic).expect(200);
        call("DELETE", "/api/v3/user/keys/{id}", Long.toString(key)).as(basic).expect(204);

        JsonNode client = call("POST", "/api/v3/user/oauth-clients").as(basic)
                .json("{\"name\":\"robot\",\"scopes\":[\"read:repo\"]}").expect(201).json();
        call("GET", "/api/v3/user/oauth-clients").as(basic).expect(200);
        call("POST", "/oauth/token")
                .as(ApiClient.basic(client.get("client_id").asString(), client.get("client_secret").asString()))
                .form("grant_type=client_credentials").expect(200);
        call("DELETE", "/api/v3/user/oauth-clients/{id}", Long.toString(client.get("id").asLong())).as(basic).expect(204);

        call("GET", "/api/v3/rate_limit").as(basic).expect(200);
        call("GET", "/api/v3/openapi.json").expect(200);
    }

    @Test
    void repositoriesAndCollaborators() {
        String name = "described";
        call("POST", "/api/v3/user/repos").as(owner.bearer()).json("{\"name\":\"" + name + "\",\"description\":\"first\"}").expect(201);
        call("GET", "/api/v3/user/repos").as(owner.bearer()).expect(200);
        call("GET", "/api/v3/users/{login}/repos", owner.login()).as(peer.bearer()).expect(200);
        call("GET", REPO, owner.login(), name).as(peer.bearer()).expect(200);
        JsonNode changed = call("PATCH", REPO, owner.login(), name).as(owner.bearer())
                .json("{\"description\":\"second\"}").expect(200).json();
        assertThat(changed.get("description").asString()).isEqualTo("second");

        call("PUT", REPO + "/collaborators/{login}", owner.login(), name, peer.login()).as(owner.bearer())
                .json("{\"permission\":\"read\"}").expect(201);
        call("PUT", REPO + "/collaborators/{login}", owner.login(), name, peer.login()).as(owner.bearer())
                .json("{\"permission\":\"write\"}").expect(204);
        assertThat(call("GET", REPO + "/collaborators", owner.login(), name).as(owner.bearer()).expect(200).json()).isNotEmpty();
        call("DELETE", REPO + "/collaborators/{login}", owner.login(), name, peer.login()).as(owner.bearer()).expect(204);
        call("DELETE", REPO, owner.login(), name).as(owner.bearer()).expect(204);
    }

    @Test
    void contentsCommitsRefsAndGitData() throws IOException {
        String name = "content";
        server.newRepo(owner, name, false);
        String first = call("PUT", REPO + "/contents/{path}", owner.login(), name, "README.md").as(owner.bearer())
                .json(putFile("first", "# Hello\n", null)).expect(201).json().get("commit").get("sha").asString();
        JsonNode added = call("PUT", REPO + "/contents/{path}", owner.login(), name, "src/notes.txt").as(owner.bearer())
                .json(putFile("notes", "one\n", null)).expect(201).json();
        JsonNode updated = call("PUT", REPO + "/contents/{path}", owner.login(), name, "src/notes.txt").as(owner.bearer())
                .json(putFile("more notes", "one\ntwo\n", added.get("content").get("sha").asString())).expect(200).json();
        String head = updated.get("commit").get("sha").asString();
        String blob = updated.get("content").get("sha").asString();

        call("GET", REPO + "/contents", owner.login(), name).as(peer.bearer()).expect(200);
        call("GET", REPO + "/contents/{path}", owner.login(), name, "src").as(peer.bearer()).expect(200);
        call("GET", REPO + "/contents/{path}", owner.login(), name, "src/notes.txt").as(peer.bearer()).expect(200);
        call("GET", REPO + "/readme", owner.login(), name).as(peer.bearer()).expect(200);
        assertThat(call("GET", REPO + "/commits", owner.login(), name).as(peer.bearer()).expect(200).json()).hasSize(3);
        call("GET", REPO + "/commits/{ref}", owner.login(), name, head).as(peer.bearer()).expect(200);
        call("GET", REPO + "/compare/{basehead}", owner.login(), name, first + "..." + head).as(peer.bearer()).expect(200);
        String tree = call("GET", REPO + "/git/commits/{sha}", owner.login(), name, head).as(peer.bearer()).expect(200)
                .json().get("tree").get("sha").asString();
        call("GET", REPO + "/git/trees/{sha}", owner.login(), name, tree).query("recursive=1").as(peer.bearer()).expect(200);
        call("GET", REPO + "/git/blobs/{sha}", owner.login(), name, blob).as(peer.bearer()).expect(200);

        pushTag(name, "v1.0");
        assertThat(call("GET", REPO + "/tags", owner.login(), name).as(peer.bearer()).expect(200).json()).hasSize(1);
        call("GET", REPO + "/branches", owner.login(), name).as(peer.bearer()).expect(200);
        call("GET", REPO + "/branches/{branch}", owner.login(), name, "main").as(peer.bearer()).expect(200);
        call("GET", REPO + "/git/refs", owner.login(), name).as(peer.bearer()).expect(200);
        call("GET", REPO + "/git/refs/{ref}", owner.login(), name, "tags").as(peer.bearer()).expect(200);
        call("GET", REPO + "/git/ref/{ref}", owner.login(), name, "tags/v1.0").as(peer.bearer()).expect(200);
        call("GET", REPO + "/git/matching-refs/{ref}", owner.login(), name, "heads/ma").as(peer.bearer()).expect(200);

        call("PUT", REPO + "/branches/{branch}/protection", owner.login(), name, "main").as(owner.bearer())
                .json("{\"allow_force_pushes\":false,\"allow_deletions\":false}").expect(200);
        call("GET", REPO + "/branches/{branch}/protection", owner.login(), name, "main").as(owner.bearer()).expect(200);
        call("DELETE", REPO + "/branches/{branch}/protection", owner.login(), name, "main").as(owner.bearer()).expect(204);

        call("DELETE", REPO + "/contents/{path}", owner.login(), name, "src/notes.txt").as(owner.bearer())
                .json("{\"message\":\"gone\",\"sha\":\"" + blob + "\"}").expect(200);
    }

    @Test
    void hooksAndDeliveries() {
        String name = "hooked";
        server.newRepo(owner, name, false);
        try (HookReceiver receiver = new HookReceiver()) {
            String id = Long.toString(call("POST", REPO + "/hooks", owner.login(), name).as(owner.basic())
                    .json("{\"name\":\"web\",\"config\":{\"url\":\"" + receiver.url() + "/hook\",\"content_type\":\"json\"},\"events\":[\"push\"]}")
                    .expect(201).json().get("id").asLong());
            call("GET", REPO + "/hooks", owner.login(), name).as(owner.basic()).expect(200);
            call("GET", REPO + "/hooks/{id}", owner.login(), name, id).as(owner.basic()).expect(200);
            call("PATCH", REPO + "/hooks/{id}", owner.login(), name, id).as(owner.basic())
                    .json("{\"add_events\":[\"create\"]}").expect(200);
            call("POST", REPO + "/hooks/{id}/pings", owner.login(), name, id).as(owner.basic()).json("{}").expect(204);
            assertThat(receiver.next().header("X-GitHub-Event")).isEqualTo("ping");

            String delivery = Long.toString(awaitDelivered(name, id).get("id").asLong());
            call("GET", REPO + "/hooks/{id}/deliveries/{delivery}", owner.login(), name, id, delivery).as(owner.basic()).expect(200);
            call("POST", REPO + "/hooks/{id}/deliveries/{delivery}/attempts", owner.login(), name, id, delivery)
                    .as(owner.basic()).json("{}").expect(202);
            receiver.next();
            call("DELETE", REPO + "/hooks/{id}", owner.login(), name, id).as(owner.basic()).expect(204);
        }
    }

    /**
     * The ping's delivery once the sender has recorded the receiver's answer, which it does just
     * after the receiver answered, so the listing is read again until then (a bounded number of times).
     */
    private static JsonNode awaitDelivered(String repo, String hook) {
        for (int i = 0; i < 500; i++) {
            JsonNode list = call("GET", REPO + "/hooks/{id}/deliveries", owner.login(), repo, hook).as(owner.basic()).expect(200).json();
            if (!list.isEmpty() && list.get(0).path("status").asString("").equals("OK")) return list.get(0);
        }
        throw new AssertionError("the ping's delivery was not marked OK after 500 reads");
    }

    @Test
    void errorsAreProblemDetails() {
        call("GET", "/api/v3/user").as(ApiClient.bearer("not-a-token")).expect(401);
        call("GET", REPO, owner.login(), "no-such-repo").as(owner.bearer()).expect(404);
        JsonNode invalid = call("POST", "/api/v3/user/repos").as(owner.bearer())
                .json("{\"name\":\"no spaces allowed\",\"colour\":\"red\"}").expect(422).json();
        assertThat(invalid.get("errors")).isNotEmpty();
        call("POST", "/api/v3/user/repos").as(owner.bearer()).json("[1, 2").expect(400);
        call("PATCH", "/api/v3/admin/users/{login}", peer.login()).as(owner.bearer()).json("{\"password\":\"Another-Passw0rd-3\"}").expect(403);
        server.newRepo(owner, "taken", false);
        call("POST", "/api/v3/user/repos").as(owner.bearer()).json("{\"name\":\"taken\"}").expect(409);
    }

    @Test
    void aRenamedFieldFailsNamingTheOperationStatusAndPath() {
        server.newRepo(owner, "renamed", false);
        JsonNode repo = call("GET", REPO, owner.login(), "renamed").as(owner.bearer()).expect(200).json();
        ObjectNode changed = (ObjectNode) repo.deepCopy();
        ObjectNode repoOwner = (ObjectNode) changed.get("owner");
        repoOwner.set("username", repoOwner.remove("login"));

        assertThatThrownBy(() -> contract.check("GET", REPO, 200, changed.toString()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET " + REPO + " 200")
                .hasMessageContaining("$.owner")
                .hasMessageContaining("'login'");
        assertThatThrownBy(() -> contract.check("GET", REPO + "/no-such-thing", 200, repo.toString()))
                .hasMessageContaining("no operation");
        assertThatThrownBy(() -> contract.check("DELETE", REPO, 200, ""))
                .hasMessageContaining("no response 200");
    }

    /** Pushes an annotated tag of the default branch's head with the real git CLI. */
    private static void pushTag(String repo, String tag) throws IOException {
        GitCli git = new GitCli(Files.createDirectories(tmp.resolve("home-" + repo)));
        String url = server.baseUrl().replace("http://", "http://" + owner.login() + ":" + owner.token() + "@")
                + "/" + owner.login() + "/" + repo + ".git";
        Path work = tmp.resolve("work-" + repo);
        git.run(tmp, "clone", "-q", url, work.toString()).ok();
        git.run(work, "tag", "-a", tag, "-m", "Release " + tag).ok();
        git.run(work, "push", "-q", "origin", tag).ok();
        try {
            server.hearth().maintenance().awaitIdle(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String putFile(String message, String content, String sha) {
        String encoded = Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
        return "{\"message\":\"" + message + "\",\"content\":\"" + encoded + "\"" + (sha == null ? "" : ",\"sha\":\"" + sha + "\"") + "}";
    }

    /** A fresh OpenSSH {@code ssh-ed25519} public key line. */
    private static String ed25519PublicKey() throws GeneralSecurityException, IOException {
        byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(blob)) {
            byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
            out.writeInt(type.length);
            out.write(type);
            out.writeInt(raw.length);
            out.write(raw);
        }
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " contract@example";
    }

    private static Call call(String method, String template, String... args) {
        return new Call(method, template, args);
    }

    /** One request to one documented operation: sent, its status asserted, its body checked. */
    static final class Call {
        private final String method;
        private final String template;
        private final String path;
        private String query = "";
        private String auth;
        private String body;
        private final Map<String, String> headers = new HashMap<>();

        Call(String method, String template, String... args) {
            this.method = method;
            this.template = template;
            Matcher m = PARAMETER.matcher(template);
            StringBuilder path = new StringBuilder();
            int next = 0;
            while (m.find()) {
                assertThat(next).as("arguments for " + template).isLessThan(args.length);
                String arg = args[next++];
                // A contents path keeps its slashes; every other parameter is one segment.
                String encoded = m.group().equals("{path}") || m.group().equals("{ref}") ? arg : URLEncoder.encode(arg, StandardCharsets.UTF_8);
                m.appendReplacement(path, Matcher.quoteReplacement(encoded));
            }
            m.appendTail(path);
            assertThat(next).as("arguments for " + template).isEqualTo(args.length);
            this.path = path.toString();
        }

        Call query(String query) {
            this.query = "?" + query;
            return this;
        }

        Call as(String auth) {
            this.auth = auth;
            return this;
        }

        Call json(String json) {
            this.body = json;
            headers.put("Content-Type", "application/json");
            return this;
        }

        Call form(String form) {
            this.body = form;
            headers.put("Content-Type", "application/x-www-form-urlencoded");
            return this;
        }

        Response expect(int status) {
            Response r = server.api().send(method, path + query, auth, body, headers);
            assertThat(r.status()).as(method + " " + path + query + " answered " + r.body()).isEqualTo(status);
            contract.check(method, template, status, r.body());
            return r;
        }
    }
}
