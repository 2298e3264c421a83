package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cross-origin calls: the listed origin may call the API with credentials; nobody else, and git never. */
class CorsTest {
    static TestHearth server;
    static ApiClient api;
    static TestHearth.User user;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        api = server.api();
        user = server.newUser("corsy");
        server.newRepo(user, "site", false);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theListedOriginMayCallTheApiWithCredentials() {
        Response r = api.send("GET", "/api/v3/user", user.bearer(), null, Map.of("Origin", TestHearth.CORS_ORIGIN));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(TestHearth.CORS_ORIGIN);
        assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(r.headers().allValues("Vary").toString()).contains("Origin");
        assertThat(r.header("Access-Control-Expose-Headers")).contains("Link");
    }

    @Test
    void preflightFromTheListedOrigin() {
        Response r = api.send("OPTIONS", "/api/v3/user/repos", null, null, Map.of("Origin", TestHearth.CORS_ORIGIN,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(r.status()).isBetween(200, 204);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(TestHearth.CORS_ORIGIN);
        assertThat(r.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(r.header("Access-Control-Allow-Headers").toLowerCase()).contains("authorization").contains("content-type");
        assertThat(r.header("Access-Control-Max-Age")).isEqualTo("600");
    }

    @Test
    void otherOriginsGetNoCorsHeaders() {
        Response r = api.send("GET", "/api/v3/user", user.bearer(), null, Map.of("Origin", "https://evil.example.net"));
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
        Response preflight = api.send("OPTIONS", "/api/v3/user/repos", null, null, Map.of("Origin", "https://evil.example.net",
                "Access-Control-Request-Method", "DELETE"));
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void gitEndpointsNeverAnswerCrossOrigin() {
        String path = "/" + user.login() + "/site.git/info/refs?service=git-upload-pack";
        Response r = api.send("GET", path, null, null, Map.of("Origin", TestHearth.CORS_ORIGIN));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        Response preflight = api.send("OPTIONS", "/" + user.login() + "/site.git/git-upload-pack", null, null,
                Map.of("Origin", TestHearth.CORS_ORIGIN, "Access-Control-Request-Method", "POST"));
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }
}
