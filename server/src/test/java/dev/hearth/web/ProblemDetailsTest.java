package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input of every kind gets the right status and an RFC 9457 body, and changes nothing. */
class ProblemDetailsTest {
    static TestHearth server;
    static ApiClient api;
    static TestHearth.User user;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        api = server.api();
        user = server.newUser("pd");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertProblem(Response r, int status, String typeSlug) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).endsWith("/" + typeSlug);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("title").asString()).isNotBlank();
        assertThat(r.json().get("detail").asString()).isNotBlank();
        assertThat(r.json().get("request_id").asString()).isEqualTo(r.header("X-Request-Id"));
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static int repoCount() {
        return api.get("/api/v3/user/repos", user.bearer()).json().size();
    }

    @Test
    void malformedJsonIs400() {
        for (String body : new String[] {"{", "{\"name\":}", "not json", "[1,2]", "\"text\"", "{\"name\":\"a\"} trailing", ""}) {
            Response r = api.post("/api/v3/user/repos", user.bearer(), body);
            assertProblem(r, 400, "malformed-request");
        }
        assertThat(repoCount()).isZero();
    }

    @Test
    void unknownFieldsAre422NamingTheField() {
        Response r = api.post("/api/v3/user/repos", user.bearer(), "{\"name\":\"ok\",\"colour\":\"red\"}");
        assertProblem(r, 422, "validation-failed");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("colour");
        assertThat(repoCount()).isZero();
    }

    @Test
    void wrongTypesAre422NamingTheField() {
        for (String body : new String[] {"{\"name\":5}", "{\"name\":\"ok\",\"private\":\"yes\"}", "{\"name\":\"ok\",\"private\":1}",
                "{\"name\":[\"a\"]}", "{\"name\":{\"a\":1}}", "{\"name\":true}"}) {
            Response r = api.post("/api/v3/user/repos", user.bearer(), body);
            assertProblem(r, 422, "validation-failed");
            assertThat(r.json().get("errors").get(0).get("field").asString()).as(body).isIn("name", "private");
        }
        Response missing = api.post("/api/v3/user/repos", user.bearer(), "{\"description\":\"no name\"}");
        assertProblem(missing, 422, "validation-failed");
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(repoCount()).isZero();
    }

    @Test
    void hugeBodiesAre413() {
        String huge = "{\"name\":\"x\",\"description\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        Response r = api.post("/api/v3/user/repos", user.bearer(), huge);
        assertProblem(r, 413, "too-large");
        assertThat(repoCount()).isZero();
    }

    @Test
    void otherMediaTypesAre415() {
        Response r = api.send("POST", "/api/v3/user/repos", user.bearer(), "<repo name='x'/>", Map.of("Content-Type", "application/xml"));
        assertProblem(r, 415, "unsupported-media-type");
    }

    @Test
    void curlsDefaultContentTypeIsReadAsJsonAsGitHubDoes() {
        Response r = api.send("POST", "/api/v3/user/repos", user.bearer(), "{\"name\":\"via-curl\"}",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(api.delete("/api/v3/repos/" + user.login() + "/via-curl", user.bearer()).status()).isEqualTo(204);
    }

    @Test
    void unknownRoutesAre404Problems() {
        assertProblem(api.get("/api/v3/does/not/exist", null), 404, "not-found");
    }

    @Test
    void urisJettyRefusesAreProblemsToo() {
        for (String path : new String[] {"/api/v3/repos/a/%00", "/%2e%2e/x.git/info/refs?service=git-upload-pack"}) {
            Response r = api.get(path, null);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("request_id").asString()).isEqualTo(r.header("X-Request-Id"));
            assertThat(r.body()).doesNotContain("<html");
        }
    }

    @Test
    void internalErrorsShowNoStackTraceButARequestId() throws Exception {
        long id = server.newRepo(user, "broken", false).json().get("id").asLong();
        Path dir = new dev.hearth.repos.RepoStore(server.dataDir().resolve("repos")).pathOf(id);
        org.eclipse.jgit.util.FileUtils.delete(dir.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
        Response r = api.get("/" + user.login() + "/broken.git/info/refs?service=git-upload-pack", null);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains(r.header("X-Request-Id"));
        assertThat(r.body()).doesNotContain("Exception").doesNotContain(dir.toString()).doesNotContain("\tat ");
        assertThat(api.delete("/api/v3/repos/" + user.login() + "/broken", user.bearer()).status()).isEqualTo(204);
    }

    @Test
    void requestIdsAreEchoedOrGenerated() {
        Response echoed = api.send("GET", "/api/v3/repos/nobody/nothing", null, null, Map.of("X-Request-Id", "abc-123"));
        assertThat(echoed.header("X-Request-Id")).isEqualTo("abc-123");
        assertThat(echoed.json().get("request_id").asString()).isEqualTo("abc-123");
        Response unsafe = api.send("GET", "/healthz", null, null, Map.of("X-Request-Id", "<script>"));
        assertThat(unsafe.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }
}
