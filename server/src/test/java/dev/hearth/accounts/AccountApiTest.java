package dev.hearth.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hearth.client.HearthClient;
import dev.hearth.client.NewToken;
import dev.hearth.client.Problem;
import dev.hearth.client.ProblemException;
import dev.hearth.client.Token;
import dev.hearth.testing.ApiClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Users, tokens and authentication over real HTTP; run on SQLite and on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccountApiTest {
    TestHearth server;
    ApiClient api;

    abstract TestHearth startServer();

    @BeforeAll
    void start() {
        server = startServer();
        api = server.api();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String userJson(String login, String email, String password) {
        return "{\"login\":\"" + login + "\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void healthAndReadiness() {
        Response health = api.get("/healthz", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("ok");
        Response ready = api.get("/readyz", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("database").asString()).isEqualTo("ok");
        assertThat(ready.json().get("storage").asString()).isEqualTo("ok");
    }

    @Test
    void siteAdminCreatesUsersWithGitHubFields() {
        Response r = api.post("/api/v3/admin/users", server.admin(), userJson("Carol-1", "carol1@example.com", "Tr0ub4dor&3xyz"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("login").asString()).isEqualTo("Carol-1");
        assertThat(r.json().get("id").asLong()).isPositive();
        assertThat(r.json().get("type").asString()).isEqualTo("User");
        assertThat(r.json().get("site_admin").asBoolean()).isFalse();
        assertThat(r.json().get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        Response me = api.get("/api/v3/user", ApiClient.basic("carol-1", "Tr0ub4dor&3xyz"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("login").asString()).isEqualTo("Carol-1");
        assertThat(me.json().get("email").asString()).isEqualTo("carol1@example.com");
    }

    @Test
    void takenLoginOrEmailIsAConflictInAnyLetterCase() {
        assertThat(api.post("/api/v3/admin/users", server.admin(), userJson("dave", "dave@example.com", "Secret-99-xyz")).status())
                .isEqualTo(201);
        Response sameLogin = api.post("/api/v3/admin/users", server.admin(), userJson("DAVE", "other@example.com", "Secret-99-xyz"));
        assertThat(sameLogin.status()).isEqualTo(409);
        assertThat(sameLogin.header("Content-Type")).startsWith("application/problem+json");
        Response sameEmail = api.post("/api/v3/admin/users", server.admin(), userJson("dave2", "DAVE@example.com", "Secret-99-xyz"));
        assertThat(sameEmail.status()).isEqualTo(409);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-lead", "trail-", "dou--ble", "has space", "dot.ted", "", "api", "admin", "Settings", "orgs",
            "notifications", "search", "Ünïcode", "a/b",
            "toolongtoolongtoolongtoolongtoolongtoolo"})
    void invalidLoginsAre422(String login) {
        Response r = api.post("/api/v3/admin/users", server.admin(), userJson(login, "x" + Math.abs(login.hashCode()) + "@example.com", "Good-Passw0rd"));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("login");
    }

    @Test
    void invalidEmailAndWeakPasswordsAre422() {
        Response email = api.post("/api/v3/admin/users", server.admin(), userJson("erin", "not-an-email", "Good-Passw0rd"));
        assertThat(email.status()).isEqualTo(422);
        assertThat(email.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        for (String weak : new String[] {"short1", "password", "12345678", "erin-is-me-1", "aaaaaaaaaaaa"}) {
            Response r = api.post("/api/v3/admin/users", server.admin(), userJson("erin", "erin@example.com", weak));
            assertThat(r.status()).as(weak).isEqualTo(422);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        }
    }

    @Test
    void onlySiteAdminsCreateUsers() {
        TestHearth.User frank = server.newUser("frank");
        Response byUser = api.post("/api/v3/admin/users", frank.basic(), userJson("mallory", "m@example.com", "Good-Passw0rd"));
        assertThat(byUser.status()).isEqualTo(403);
        Response anonymous = api.post("/api/v3/admin/users", null, userJson("mallory", "m@example.com", "Good-Passw0rd"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Hearth\"");
    }

    @Test
    void aSiteAdminResetsAPasswordAndNobodyElseDoes() {
        TestHearth.User hana = server.newUser("hana");
        TestHearth.User ivan = server.newUser("ivan");
        String path = "/api/v3/admin/users/" + hana.login();
        assertThat(api.send("PATCH", path, ivan.basic(), "{\"password\":\"Ivan-Chose-This-1\"}", java.util.Map.of()).status()).isEqualTo(403);
        assertThat(api.send("PATCH", path, null, "{\"password\":\"Ivan-Chose-This-1\"}", java.util.Map.of()).status()).isEqualTo(401);
        Response weak = api.send("PATCH", path, server.admin(), "{\"password\":\"password\"}", java.util.Map.of());
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(api.send("PATCH", path, server.admin(), "{\"password\":\"Fine-Pass-77\",\"site_admin\":true}",
                java.util.Map.of()).status()).as("unknown fields").isEqualTo(422);
        assertThat(api.send("PATCH", "/api/v3/admin/users/nobody-at-all", server.admin(), "{\"password\":\"Fine-Pass-77\"}",
                java.util.Map.of()).status()).isEqualTo(404);
        assertThat(api.get("/api/v3/user", hana.basic()).status()).as("nothing refused changed anything").isEqualTo(200);

        Response reset = api.send("PATCH", path, server.admin(), "{\"password\":\"Fine-Pass-77\"}", java.util.Map.of());
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("login").asString()).isEqualTo(hana.login());
        assertThat(api.get("/api/v3/user", hana.basic()).status()).isEqualTo(401);
        assertThat(api.get("/api/v3/user", ApiClient.basic(hana.login(), "Fine-Pass-77")).status()).isEqualTo(200);
        assertThat(api.get("/api/v3/user", hana.bearer()).status()).as("tokens stay").isEqualTo(200);
    }

    @Test
    void everyCredentialFormWorksAndWrongOnesAre401() {
        TestHearth.User gina = server.newUser("gina");
        for (String auth : new String[] {gina.basic(), gina.bearer(), "token " + gina.token(),
                ApiClient.basic(gina.login(), gina.token()), ApiClient.basic(gina.token(), "x-oauth-basic")}) {
            Response me = api.get("/api/v3/user", auth);
            assertThat(me.status()).as(auth).isEqualTo(200);
            assertThat(me.json().get("login").asString()).isEqualTo(gina.login());
        }
        for (String bad : new String[] {ApiClient.basic(gina.login(), "wrong-password"), ApiClient.bearer("hth_nope"),
                ApiClient.basic("nobody-here", "whatever-pw"), "Basic !!!", "Digest abc", "Bearer ",
                ApiClient.basic("someone-else", gina.token())}) {
            Response r = api.get("/api/v3/user", bad);
            assertThat(r.status()).as(bad).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Hearth\"");
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v3/user", null).status()).isEqualTo(401);
    }

    @Test
    void tokensAreShownOnceListedWithoutSecretAndRevocable() {
        TestHearth.User hal = server.newUser("hal");
        Response created = api.post("/api/v3/users/" + hal.login() + "/tokens", hal.basic(),
                "{\"name\":\"ci\",\"scopes\":[\"read:repo\"]}");
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().get("token").asString();
        assertThat(secret).startsWith("hth_");
        assertThat(created.json().get("token_last_eight").asString()).isEqualTo(secret.substring(secret.length() - 8));
        long id = created.json().get("id").asLong();

        Response list = api.get("/api/v3/users/" + hal.login() + "/tokens", hal.basic());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret).doesNotContain("\"token\"");
        assertThat(list.json().size()).isEqualTo(2);

        assertThat(api.get("/api/v3/user", ApiClient.bearer(secret)).status()).isEqualTo(200);
        assertThat(api.delete("/api/v3/users/" + hal.login() + "/tokens/" + id, hal.basic()).status()).isEqualTo(204);
        assertThat(api.get("/api/v3/user", ApiClient.bearer(secret)).status()).isEqualTo(401);
        assertThat(api.delete("/api/v3/users/" + hal.login() + "/tokens/" + id, hal.basic()).status()).isEqualTo(404);
    }

    @Test
    void expiredTokensAreRefusedLikeWrongOnes() {
        TestHearth.User ida = server.newUser("ida");
        HearthClient withPassword = server.clientWithPassword(ida);
        Instant expires = server.clock().instant().plus(Duration.ofHours(1));
        Token created = withPassword.tokens().create(ida.login(), new NewToken("short", List.of("repo"), expires));
        assertThat(created.expiresAt()).isEqualTo(expires.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        HearthClient withToken = HearthClient.builder().baseUrl(server.baseUrl()).token(created.token()).build();
        assertThat(withToken.users().me().login()).isEqualTo(ida.login());
        server.clock().advance(Duration.ofHours(2));
        ProblemException expired = catchThrowableOfType(ProblemException.class, () -> withToken.users().me());
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.problem().detail()).isEqualTo("Bad credentials");

        ProblemException past = catchThrowableOfType(ProblemException.class, () -> withPassword.tokens()
                .create(ida.login(), new NewToken("old", List.of(), Instant.parse("2001-01-01T00:00:00Z"))));
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.fieldErrors()).extracting(Problem.FieldError::field).containsExactly("expires_at");
    }

    @Test
    void tokenManagementNeedsThePasswordOrASiteAdmin() {
        TestHearth.User jo = server.newUser("jo");
        TestHearth.User kim = server.newUser("kim");
        String path = "/api/v3/users/" + jo.login() + "/tokens";
        String body = "{\"name\":\"x\",\"scopes\":[\"repo\"]}";
        assertThat(api.post(path, jo.bearer(), body).status()).isEqualTo(403);
        assertThat(api.post(path, kim.basic(), body).status()).isEqualTo(403);
        assertThat(api.get(path, kim.basic()).status()).isEqualTo(403);
        assertThat(api.post(path, null, body).status()).isEqualTo(401);
        assertThat(api.post(path, server.admin(), body).status()).isEqualTo(201);
        assertThat(api.post("/api/v3/users/no-such-user/tokens", server.admin(), body).status()).isEqualTo(404);
    }

    @Test
    void unknownScopesAre422() {
        TestHearth.User lee = server.newUser("lee");
        Response r = api.post("/api/v3/users/" + lee.login() + "/tokens", lee.basic(), "{\"name\":\"x\",\"scopes\":[\"root\"]}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("scopes");
    }

    @Test
    void publicProfilesHideTheEmail() {
        TestHearth.User mo = server.newUser("mo");
        Response r = api.get("/api/v3/users/" + mo.login(), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("email")).isFalse();
        assertThat(api.get("/api/v3/users/no-such-user", null).status()).isEqualTo(404);
    }
}
