package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.GitCli;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits through the contents API and uploads, checked with the real git CLI. */
class ContentWriteTest {
    static final long MAX_OBJECT = 64 * 1024;
    static TestHearth server;
    static ApiClient api;
    static TestHearth.User owner;

    @TempDir
    Path tmp;
    GitCli git;

    @BeforeAll
    static void start() {
        server = TestHearth.start(null, MAX_OBJECT);
        api = server.api();
        owner = server.newUser("writer");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void cli() throws IOException {
        git = new GitCli(Files.createDirectories(tmp.resolve("home")));
    }

    private static String contents(String repo, String path) {
        StringBuilder p = new StringBuilder();
        for (String part : path.split("/", -1)) {
            if (!p.isEmpty()) p.append('/');
            p.append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return "/api/v3/repos/" + owner.login() + "/" + repo + "/contents/" + p;
    }

    private static String put(String message, String content, String sha, String branch) {
        StringBuilder json = new StringBuilder("{\"message\":\"" + message + "\",\"content\":\""
                + Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)) + "\"");
        if (sha != null) json.append(",\"sha\":\"").append(sha).append('"');
        if (branch != null) json.append(",\"branch\":\"").append(branch).append('"');
        return json.append('}').toString();
    }

    private Path cloneOf(String repo) {
        Path dir = tmp.resolve("clone-" + repo + "-" + System.nanoTime());
        git.run(tmp, "clone", "-q", server.baseUrl() + "/" + owner.login() + "/" + repo + ".git", dir.toString()).ok();
        return dir;
    }

    @Test
    void createUpdateAndDeleteAFileAsGitSeesIt() throws IOException {
        server.newRepo(owner, "files", false);
        String path = "docs/naïve file.md";
        Response created = api.put(contents("files", path), owner.bearer(), put("add notes", "first\n", null, null));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String blob = created.json().get("content").get("sha").asString();
        String commit = created.json().get("commit").get("sha").asString();
        assertThat(created.json().get("content").get("path").asString()).isEqualTo(path);
        assertThat(created.json().get("content").get("name").asString()).isEqualTo("naïve file.md");
        assertThat(created.json().get("commit").get("parents").size()).isZero();

        Path clone = cloneOf("files");
        assertThat(clone.resolve(path)).hasContent("first");
        assertThat(git.run(clone, "rev-parse", "HEAD").ok().outTrim()).isEqualTo(commit);
        assertThat(git.run(clone, "rev-parse", "HEAD:" + path).ok().outTrim()).isEqualTo(blob);
        assertThat(git.run(clone, "log", "-1", "--format=%an <%ae>|%s").ok().outTrim())
                .isEqualTo(owner.login() + " <" + owner.login() + "@example.com>|add notes");

        Response noSha = api.put(contents("files", path), owner.bearer(), put("again", "second\n", null, null));
        assertThat(noSha.status()).isEqualTo(422);
        assertThat(noSha.json().get("errors").get(0).get("field").asString()).isEqualTo("sha");
        Response stale = api.put(contents("files", path), owner.bearer(), put("again", "second\n", "0".repeat(40), null));
        assertThat(stale.status()).isEqualTo(409);

        Response updated = api.put(contents("files", path), owner.bearer(), put("second words", "second\n", blob, null));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("commit").get("parents").get(0).get("sha").asString()).isEqualTo(commit);
        String newBlob = updated.json().get("content").get("sha").asString();

        assertThat(api.send("DELETE", contents("files", path), owner.bearer(),
                "{\"message\":\"rm\",\"sha\":\"" + blob + "\"}", Map.of("Content-Type", "application/json")).status()).isEqualTo(409);
        assertThat(api.send("DELETE", contents("files", "nope.txt"), owner.bearer(),
                "{\"message\":\"rm\",\"sha\":\"" + blob + "\"}", Map.of("Content-Type", "application/json")).status()).isEqualTo(404);
        Response deleted = api.send("DELETE", contents("files", path), owner.bearer(),
                "{\"message\":\"remove notes\",\"sha\":\"" + newBlob + "\"}", Map.of("Content-Type", "application/json"));
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().get("content").isNull()).isTrue();

        git.run(clone, "pull", "-q").ok();
        assertThat(Files.exists(clone.resolve(path))).isFalse();
        assertThat(git.run(clone, "rev-list", "--count", "HEAD").ok().outTrim()).isEqualTo("3");
        assertThat(git.run(clone, "log", "--format=%s").ok().out()).isEqualTo("remove notes\nsecond words\nadd notes\n");
        assertThat(git.run(clone, "fsck", "--strict").exit()).isZero();
    }

    @Test
    void badPathsAre422AndCommitNothing() {
        server.newRepo(owner, "paths", false);
        assertThat(api.put(contents("paths", "a.txt"), owner.bearer(), put("a", "a", null, null)).status()).isEqualTo(201);
        for (String bad : new String[] {".git/config", ".GIT/x", "a/../b", "..", "x/./y", "a.txt/inside", "git~1/x", "x\\y"}) {
            Response r = api.put(contents("paths", bad), owner.bearer(), put("bad", "x", null, null));
            assertThat(r.status()).as(bad + ": " + r.body()).isIn(400, 404, 422);
            assertThat(r.status()).as(bad).isNotEqualTo(201);
        }
        Path clone = cloneOf("paths");
        assertThat(git.run(clone, "rev-list", "--count", "HEAD").ok().outTrim()).isEqualTo("1");
        assertThat(api.put(contents("paths", "b.txt"), owner.bearer(), "{\"message\":\"m\",\"content\":\"%%%\"}").status()).isEqualTo(422);
    }

    @Test
    void writesNeedWriteAccess() {
        server.newRepo(owner, "guarded", true);
        TestHearth.User reader = server.newUser("reader");
        TestHearth.User stranger = server.newUser("stranger");
        api.put("/api/v3/repos/" + owner.login() + "/guarded/collaborators/" + reader.login(), owner.bearer(), "{\"permission\":\"read\"}");
        String body = put("m", "x", null, null);
        assertThat(api.put(contents("guarded", "f.txt"), null, body).status()).isEqualTo(401);
        assertThat(api.put(contents("guarded", "f.txt"), stranger.bearer(), body).status()).isEqualTo(404);
        assertThat(api.put(contents("guarded", "f.txt"), reader.bearer(), body).status()).isEqualTo(403);
        String readOnly = api.post("/api/v3/users/" + owner.login() + "/tokens", owner.basic(),
                "{\"name\":\"ro\",\"scopes\":[\"read:repo\"]}").json().get("token").asString();
        assertThat(api.put(contents("guarded", "f.txt"), ApiClient.bearer(readOnly), body).status()).isEqualTo(403);
        assertThat(api.put(contents("guarded", "f.txt"), owner.bearer(), body).status()).isEqualTo(201);
    }

    @Test
    void branchesMustExistExceptTheFirstCommit() {
        server.newRepo(owner, "branches", false);
        assertThat(api.put(contents("branches", "a.txt"), owner.bearer(), put("a", "a", null, "elsewhere")).status()).isEqualTo(404);
        assertThat(api.put(contents("branches", "a.txt"), owner.bearer(), put("a", "a", null, null)).status()).isEqualTo(201);
        assertThat(api.put(contents("branches", "b.txt"), owner.bearer(), put("b", "b", null, "feature")).status()).isEqualTo(404);
        assertThat(git.run(tmp, "ls-remote", server.baseUrl() + "/" + owner.login() + "/branches.git").ok().out())
                .contains("refs/heads/main").doesNotContain("feature");
    }

    @Test
    void filesLargerThanTheObjectLimitAre413() {
        server.newRepo(owner, "large", false);
        Response r = api.put(contents("large", "big.txt"), owner.bearer(), put("big", "x".repeat((int) MAX_OBJECT + 1), null, null));
        assertThat(r.status()).isEqualTo(413);
        assertThat(git.run(tmp, "ls-remote", server.baseUrl() + "/" + owner.login() + "/large.git").ok().outTrim()).isEmpty();
    }

    /** A multipart/form-data body with text fields and file parts. */
    private static final class Form {
        final String boundary = "hearth-" + System.nanoTime();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Form field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Form file(String filename, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        byte[] bytes() {
            write("--" + boundary + "--\r\n");
            return out.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Response upload(String repo, Form form) {
        return upload(api, repo, form);
    }

    private static Response upload(ApiClient client, String repo, Form form) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "multipart/form-data; boundary=" + form.boundary);
        return client.sendBytes("POST", "/api/v3/repos/" + owner.login() + "/" + repo + "/uploads", owner.bearer(), form.bytes(), headers);
    }

    @Test
    void uploadsCommitAllFilesAtOnce() {
        server.newRepo(owner, "uploads", false);
        byte[] binary = new byte[5000];
        for (int i = 0; i < binary.length; i++) binary[i] = (byte) i;
        Response r = upload("uploads", new Form().field("branch", "main").field("message", "two files").field("path", "assets/img")
                .file("logo.bin", binary).file("read me.txt", "hello\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("files").size()).isEqualTo(2);

        Path clone = cloneOf("uploads");
        assertThat(clone.resolve("assets/img/logo.bin")).hasBinaryContent(binary);
        assertThat(clone.resolve("assets/img/read me.txt")).hasContent("hello");
        assertThat(git.run(clone, "rev-list", "--count", "HEAD").ok().outTrim()).isEqualTo("1");
        assertThat(git.run(clone, "log", "-1", "--format=%s").ok().outTrim()).isEqualTo("two files");
        assertThat(git.run(clone, "rev-parse", "HEAD").ok().outTrim()).isEqualTo(r.json().get("commit").get("sha").asString());
    }

    @Test
    void badUploadsChangeNothing() {
        server.newRepo(owner, "refused", false);
        assertThat(upload("refused", new Form().field("message", "m").file("..", new byte[] {1})).status()).isEqualTo(422);
        assertThat(upload("refused", new Form().field("message", "m").field("path", "x/.git").file("a", new byte[] {1})).status())
                .isEqualTo(422);
        assertThat(upload("refused", new Form().field("message", "m")).status()).isEqualTo(422);
        assertThat(upload("refused", new Form().file("a.txt", new byte[] {1})).status()).isEqualTo(422);
        // A refused upload may leave its connection closed: send it on a connection of its own.
        Response tooBig = upload(new ApiClient(server.baseUrl()), "refused", new Form().field("message", "m").file("big.bin", new byte[(int) MAX_OBJECT + 10]));
        assertThat(tooBig.status()).as(tooBig.body()).isEqualTo(413);
        assertThat(api.send("POST", "/api/v3/repos/" + owner.login() + "/refused/uploads", owner.bearer(), "{}",
                Map.of("Content-Type", "application/json")).status()).isEqualTo(415);
        assertThat(git.run(tmp, "ls-remote", server.baseUrl() + "/" + owner.login() + "/refused.git").ok().outTrim()).isEmpty();
    }
}
