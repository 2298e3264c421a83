package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.GitCli;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol edges an attacker tried on the running server: method-override headers, charsets the
 * JVM does not know, and byte sequences that are not UTF-8 (overlong forms, lone surrogates) in
 * bodies, paths and query strings.
 */
class InputEdgesTest {
    static TestHearth server;
    static ApiClient api;
    static TestHearth.User user;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        api = server.api();
        user = server.newUser("edge");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String repoPath(String name) {
        return "/api/v3/repos/" + user.login() + "/" + name;
    }

    private static void assertProblem(Response r, int status, String typeSlug) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).endsWith("/" + typeSlug);
        assertThat(r.body()).doesNotContain("Exception");
    }

    @Test
    void methodOverrideHeadersAreIgnoredOnEveryMethod() {
        server.newRepo(user, "keepme", false);
        for (String header : new String[] {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"}) {
            Response get = api.send("GET", repoPath("keepme"), user.bearer(), null, Map.of(header, "DELETE"));
            assertThat(get.status()).as(header + " " + get.body()).isEqualTo(200);
            assertThat(get.json().get("name").asString()).isEqualTo("keepme");
            for (String method : new String[] {"HEAD", "OPTIONS"}) {
                Response r = api.send(method, repoPath("keepme"), user.bearer(), null, Map.of(header, "DELETE"));
                assertThat(r.status()).as(method + " with " + header).isNotEqualTo(204);
            }
            Response post = api.send("POST", repoPath("keepme"), user.bearer(), "{}",
                    Map.of(header, "DELETE", "Content-Type", "application/json"));
            assertThat(post.status()).as("POST with " + header).isNotEqualTo(204);
            Response patch = api.send("PATCH", repoPath("keepme"), user.bearer(), "{\"description\":\"still here\"}",
                    Map.of(header, "DELETE", "Content-Type", "application/json"));
            assertThat(patch.status()).as("PATCH with " + header + " stays a PATCH: " + patch.body()).isEqualTo(200);
        }
        assertThat(api.get(repoPath("keepme"), user.bearer()).status()).isEqualTo(200);
    }

    @Test
    void unknownCharsetsAre415NamingTheCharsetBeforeAuthentication() {
        for (String charset : new String[] {"utf-7", "bogus", "x-nonsense\""}) {
            String type = "application/json; charset=" + charset;
            Response create = api.send("POST", "/api/v3/user/repos", user.bearer(), "{\"name\":\"cs\"}", Map.of("Content-Type", type));
            assertProblem(create, 415, "unsupported-media-type");
            assertThat(create.json().get("detail").asString()).contains(charset.replace("\"", ""));
            Response anonymous = api.send("POST", "/api/v3/user/repos", null, "{\"name\":\"cs\"}", Map.of("Content-Type", type));
            assertProblem(anonymous, 415, "unsupported-media-type");
        }
        String form = "application/x-www-form-urlencoded; charset=utf-7";
        Response token = api.send("POST", "/oauth/token", null, "grant_type=client_credentials", Map.of("Content-Type", form));
        assertProblem(token, 415, "unsupported-media-type");
        assertThat(token.json().get("detail").asString()).contains("utf-7");
        Response login = api.send("POST", "/login", null, "login=a&password=b", Map.of("Content-Type", form, "Accept", "text/html"));
        assertThat(login.status()).as(login.body()).isEqualTo(415);
        assertThat(login.body()).contains("utf-7").doesNotContain("Exception");

        server.newRepo(user, "charsets", false);
        String put = "{\"message\":\"add\",\"content\":\"" + Base64.getEncoder().encodeToString("hi\n".getBytes()) + "\"}";
        Response contents = api.send("PUT", repoPath("charsets") + "/contents/a.txt", user.bearer(), put,
                Map.of("Content-Type", "application/json; charset=bogus"));
        assertProblem(contents, 415, "unsupported-media-type");
        Response patch = api.send("PATCH", repoPath("charsets"), user.bearer(), "{\"description\":\"x\"}",
                Map.of("Content-Type", "application/json; charset=utf-7"));
        assertProblem(patch, 415, "unsupported-media-type");
        assertThat(api.get(repoPath("charsets") + "/contents/a.txt", user.bearer()).status())
                .as("no commit was made: the repository is still empty").isEqualTo(409);
    }

    @Test
    void jsonInAKnownCharsetOtherThanUtf8Is415AndUtf8IsFine() {
        Response latin = api.send("POST", "/api/v3/user/repos", user.bearer(), "{\"name\":\"latin\"}",
                Map.of("Content-Type", "application/json; charset=iso-8859-1"));
        assertProblem(latin, 415, "unsupported-media-type");
        assertThat(latin.json().get("detail").asString()).contains("iso-8859-1");
        Response utf8 = api.send("POST", "/api/v3/user/repos", user.bearer(), "{\"name\":\"utf8cs\",\"description\":\"caf\u00e9 \u2603 \ud83d\ude00\"}",
                Map.of("Content-Type", "application/json; charset=UTF-8"));
        assertThat(utf8.status()).as(utf8.body()).isEqualTo(201);
        assertThat(utf8.json().get("description").asString()).isEqualTo("caf\u00e9 \u2603 \ud83d\ude00");
        Response escaped = api.post("/api/v3/user/repos", user.bearer(), "{\"name\":\"pair\",\"description\":\"\\ud83d\\ude00\"}");
        assertThat(escaped.status()).as("an escaped surrogate pair is one character: " + escaped.body()).isEqualTo(201);
        assertThat(escaped.json().get("description").asString()).isEqualTo("\ud83d\ude00");
    }

    @Test
    void gitTrafficIsUntouched() throws IOException {
        server.newRepo(user, "gitok", false);
        GitCli git = new GitCli(Files.createDirectories(tmp.resolve("home")));
        Path work = tmp.resolve("work");
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        Files.writeString(work.resolve("f.txt"), "x\n");
        git.run(work, "add", "f.txt").ok();
        git.run(work, "commit", "-q", "-m", "one").ok();
        String url = server.baseUrl().replace("http://", "http://" + user.login() + ":" + user.token() + "@")
                + "/" + user.login() + "/gitok.git";
        git.run(work, "push", "-q", url, "main").ok();
        assertThat(git.run(tmp, "clone", "-q", url, tmp.resolve("copy").toString()).ok().exit()).isZero();
        assertThat(Files.readString(tmp.resolve("copy/f.txt"))).isEqualTo("x\n");
    }

    @Test
    void overlongUtf8AndLoneSurrogatesInJsonAre400AndCreateNothing() {
        byte[][] bodies = {
                bytes("{\"name\":\"ov", 0xc0, 0xae, "b\"}"),         // overlong '.'
                bytes("{\"name\":\"ov", 0xc0, 0xaf, "b\"}"),         // overlong '/'
                bytes("{\"name\":\"ov", 0xe0, 0x80, 0xae, "b\"}"),   // three-byte overlong '.'
                bytes("{\"name\":\"sur", 0xed, 0xa0, 0x80, "\"}"),   // a surrogate encoded in UTF-8
                bytes("{\"name\":\"cut", 0xe2, 0x82, "\"}"),         // a truncated sequence
                bytes("{\"name\":\"ok\",\"description\":\"\\ud800\"}"),
                bytes("{\"name\":\"ok\",\"description\":\"x\\udc00y\"}"),
                bytes("{\"name\":\"ok\",\"description\":\"\\ud800\\u0041\"}"),
                bytes("{\"name\":\"ok\",\"\\ud800\":1}"),
        };
        for (byte[] body : bodies) {
            Response r = api.sendBytes("POST", "/api/v3/user/repos", user.bearer(), body, Map.of("Content-Type", "application/json"));
            assertProblem(r, 400, "malformed-request");
            assertThat(r.json().get("detail").asString()).containsAnyOf("not valid UTF-8", "surrogate");
        }
        assertThat(api.get(repoPath("ov.b"), user.bearer()).status()).isEqualTo(404);
        assertThat(api.get(repoPath("ok"), user.bearer()).status()).isEqualTo(404);
        Response list = api.get("/api/v3/user/repos?per_page=100", user.bearer());
        assertThat(list.body()).doesNotContain("\"name\":\"ov.b\"", "\"name\":\"ov/b\"", "\"name\":\"ov\uFFFD",
                "\"name\":\"sur", "\"name\":\"cut", "\"name\":\"ok\"");
    }

    @Test
    void overlongPercentEncodingInPathsAndQueriesIs400() throws IOException {
        server.newRepo(user, "ov.p", false);
        for (String path : new String[] {repoPath("ov%C0%AEp"), repoPath("ov%E0%80%AEp"), repoPath("x%C0%AF..%C0%AFetc"),
                repoPath("ov%ED%A0%80p"), "/" + user.login() + "/ov%C0%AEp"}) {
            Response r = api.get(path, user.bearer());
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(400);
            assertThat(r.body()).doesNotContain("\"ov.p\"");
        }
        Response query = api.get("/api/v3/user/repos?sort=%C0%AE", user.bearer());
        assertProblem(query, 400, "malformed-request");
        assertThat(query.json().get("detail").asString()).contains("query string");
        assertThat(api.get(repoPath("ov.p"), user.bearer()).status()).isEqualTo(200);
        assertThat(api.get(repoPath("ov%2Ep"), user.bearer()).status()).as("a proper escape still works").isEqualTo(200);

        String raw = rawRequest("GET /api/v3/repos/" + user.login() + "/ov", new byte[] {(byte) 0xc0, (byte) 0xae},
                "p HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + user.bearer() + "\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).doesNotContain("\"ov.p\"");
    }

    /** Sends bytes as given over a plain socket, so no client library cleans them up first. */
    private static String rawRequest(String head, byte[] middle, String tail) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.hearth().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(middle);
            out.write(tail.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** Text and raw byte values, concatenated. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            else out.write((Integer) p);
        }
        return out.toByteArray();
    }
}
