package dev.hearth.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.SignedJWT;
import dev.hearth.testing.ApiClient;
import dev.hearth.testing.GitCli;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * OAuth2 client credentials as a client and as an attacker would use them: clients, the token
 * endpoint's RFC 6749 answers, access tokens on the API and on git, and forged, expired and
 * orphaned tokens refused with {@code invalid_token}. Run on SQLite and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OAuthTest {
    private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

    TestHearth server;
    ApiClient api;
    TestHearth.User owner;

    @TempDir
    Path tmp;

    abstract TestHearth startServer();

    @BeforeAll
    void start() {
        server = startServer();
        api = server.api();
        owner = server.newUser("machine-owner");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    record Client(long id, String clientId, String secret) {}

    private Client newClient(String... scopes) {
        String list = scopes.length == 0 ? "" : "\"" + String.join("\",\"", scopes) + "\"";
        Response r = api.post("/api/v3/user/oauth-clients", owner.basic(), "{\"name\":\"ci\",\"scopes\":[" + list + "]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Client(r.json().get("id").asLong(), r.json().get("client_id").asString(),
                r.json().get("client_secret").asString());
    }

    private Response token(Client client, String extraForm) {
        return api.send("POST", "/oauth/token", ApiClient.basic(client.clientId(), client.secret()),
                "grant_type=client_credentials" + extraForm, FORM);
    }

    private String accessToken(Client client) {
        Response r = token(client, "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("access_token").asString();
    }

    private static void assertInvalidToken(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("Bearer").contains("error=\"invalid_token\"");
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void clientsAreCreatedWithThePasswordShownOnceListedAndDeleted() {
        Response created = api.post("/api/v3/user/oauth-clients", owner.basic(),
                "{\"name\":\"deploy bot\",\"scopes\":[\"read:repo\",\"repo\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientId = created.json().get("client_id").asString();
        assertThat(clientId).startsWith(OAuthService.CLIENT_ID_PREFIX);
        assertThat(created.json().get("client_secret").asString()).startsWith(OAuthService.SECRET_PREFIX);
        assertThat(created.json().get("scopes").toString()).isEqualTo("[\"read:repo\",\"repo\"]");

        Response list = api.get("/api/v3/user/oauth-clients", owner.basic());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(clientId).doesNotContain("client_secret").doesNotContain(OAuthService.SECRET_PREFIX);

        String secret = created.json().get("client_secret").asString();
        assertThat(token(new Client(0, clientId, secret), "").status()).isEqualTo(200);
        Response audit = api.get("/api/v3/admin/audit?per_page=100", server.admin());
        assertThat(audit.body()).contains("oauth_client.created").contains(clientId).doesNotContain(secret);

        long id = created.json().get("id").asLong();
        assertThat(api.delete("/api/v3/user/oauth-clients/" + id, owner.basic()).status()).isEqualTo(204);
        assertThat(api.delete("/api/v3/user/oauth-clients/" + id, owner.basic()).status()).isEqualTo(404);
        assertThat(api.get("/api/v3/user/oauth-clients", owner.basic()).body()).doesNotContain(clientId);
        assertThat(api.get("/api/v3/admin/audit?per_page=100", server.admin()).body()).contains("oauth_client.deleted");
    }

    @Test
    void managingClientsNeedsThePasswordAndValidInput() {
        Response byToken = api.post("/api/v3/user/oauth-clients", owner.bearer(), "{\"name\":\"x\",\"scopes\":[]}");
        assertThat(byToken.status()).isEqualTo(403);
        String jwt = accessToken(newClient("repo"));
        assertThat(api.post("/api/v3/user/oauth-clients", ApiClient.bearer(jwt), "{\"name\":\"x\",\"scopes\":[]}").status())
                .isEqualTo(403);
        assertThat(api.get("/api/v3/user/oauth-clients", null).status()).isEqualTo(401);
        Response badScope = api.post("/api/v3/user/oauth-clients", owner.basic(), "{\"name\":\"x\",\"scopes\":[\"god\"]}");
        assertThat(badScope.status()).isEqualTo(422);
        assertThat(badScope.body()).contains("scopes");
        assertThat(api.post("/api/v3/user/oauth-clients", owner.basic(), "{\"name\":\"\",\"scopes\":[]}").status()).isEqualTo(422);
        assertThat(api.post("/api/v3/user/oauth-clients", owner.basic(), "{\"name\":\"x\",\"scopes\":[],\"admin\":true}").status())
                .isEqualTo(422);
        assertThat(api.delete("/api/v3/user/oauth-clients/nope", owner.basic()).status()).isEqualTo(404);
    }

    @Test
    void theTokenEndpointAnswersRfc6749AndItsTokenActsAsTheUser() {
        Client client = newClient("repo");
        Response r = token(client, "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(r.json().get("expires_in").asLong()).isEqualTo(3600);
        assertThat(r.json().get("scope").asString()).isEqualTo("repo");
        String jwt = r.json().get("access_token").asString();

        Response me = api.get("/api/v3/user", ApiClient.bearer(jwt));
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("login").asString()).isEqualTo(owner.login());
        Response repo = api.post("/api/v3/user/repos", "token " + jwt, "{\"name\":\"made-by-a-machine\",\"private\":true}");
        assertThat(repo.status()).as(repo.body()).isEqualTo(201);

        // Client authentication by form fields works the same.
        Response byForm = api.send("POST", "/oauth/token", null, "grant_type=client_credentials&client_id="
                + client.clientId() + "&client_secret=" + URLEncoder.encode(client.secret(), StandardCharsets.UTF_8), FORM);
        assertThat(byForm.status()).as(byForm.body()).isEqualTo(200);
        assertThat(api.get("/api/v3/repos/" + owner.login() + "/made-by-a-machine",
                ApiClient.bearer(byForm.json().get("access_token").asString())).status()).isEqualTo(200);
    }

    @Test
    void aNarrowerScopeMayBeAskedForButNotAWiderOne() {
        server.newRepo(owner, "scoped-secret", true);
        Client client = newClient("read:repo", "repo");
        Response narrow = token(client, "&scope=read%3Arepo");
        assertThat(narrow.status()).as(narrow.body()).isEqualTo(200);
        assertThat(narrow.json().get("scope").asString()).isEqualTo("read:repo");
        String reader = narrow.json().get("access_token").asString();
        assertThat(api.get("/api/v3/repos/" + owner.login() + "/scoped-secret", ApiClient.bearer(reader)).status()).isEqualTo(200);
        assertThat(api.post("/api/v3/user/repos", ApiClient.bearer(reader), "{\"name\":\"nope\"}").status()).isEqualTo(403);

        Response wider = token(client, "&scope=repo%20delete_repo");
        assertThat(wider.status()).isEqualTo(400);
        assertThat(wider.json().get("error").asString()).isEqualTo("invalid_scope");
        Response unknown = token(client, "&scope=everything");
        assertThat(unknown.json().get("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void badRequestsAtTheTokenEndpointGetRfc6749Errors() {
        Client client = newClient("repo");
        String basic = ApiClient.basic(client.clientId(), client.secret());
        assertOAuthError(api.send("POST", "/oauth/token", basic, "grant_type=password&username=a&password=b", FORM),
                400, "unsupported_grant_type");
        assertOAuthError(api.send("POST", "/oauth/token", basic, "scope=repo", FORM), 400, "invalid_request");
        assertOAuthError(api.send("POST", "/oauth/token", basic, "grant_type=client_credentials&grant_type=client_credentials", FORM),
                400, "invalid_request");
        assertOAuthError(api.send("POST", "/oauth/token", basic, "{\"grant_type\":\"client_credentials\"}",
                Map.of("Content-Type", "application/json")), 400, "invalid_request");
        assertOAuthError(api.send("POST", "/oauth/token", basic,
                "grant_type=client_credentials&client_id=" + client.clientId() + "&client_secret=" + client.secret(), FORM),
                400, "invalid_request");

        Response wrongSecret = api.send("POST", "/oauth/token", ApiClient.basic(client.clientId(), client.secret() + "x"),
                "grant_type=client_credentials", FORM);
        assertOAuthError(wrongSecret, 401, "invalid_client");
        assertThat(wrongSecret.header("WWW-Authenticate")).startsWith("Basic");
        assertOAuthError(api.send("POST", "/oauth/token", ApiClient.basic("hthc_nobody", "hths_nothing"),
                "grant_type=client_credentials", FORM), 401, "invalid_client");
        assertOAuthError(api.send("POST", "/oauth/token", null, "grant_type=client_credentials", FORM), 401, "invalid_client");
        assertOAuthError(api.send("POST", "/oauth/token", "Basic !!!", "grant_type=client_credentials", FORM), 401, "invalid_client");
        // The user's own password is not a client secret.
        assertOAuthError(api.send("POST", "/oauth/token", owner.basic(), "grant_type=client_credentials", FORM), 401, "invalid_client");
    }

    private static void assertOAuthError(Response r, int status, String error) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().get("error").asString()).isEqualTo(error);
        assertThat(r.json().get("error_description").asString()).isNotBlank();
    }

    @Test
    void forgedTokensAreRefusedWithInvalidToken() throws Exception {
        String jwt = accessToken(newClient("repo"));
        String[] parts = jwt.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();

        // A flipped signature byte.
        byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
        sig[0] ^= 1;
        assertInvalidToken(api.get("/api/v3/user", ApiClient.bearer(parts[0] + "." + parts[1] + "." + b64.encodeToString(sig))));

        // alg: none, with the real claims and no signature.
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertInvalidToken(api.get("/api/v3/user", ApiClient.bearer(none + "." + parts[1] + ".")));

        // Claims raised to site_admin, the old signature kept.
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"scope\":\"repo\"", "\"scope\":\"repo site_admin\"");
        assertThat(claims).contains("site_admin");
        assertInvalidToken(api.get("/api/v3/user", ApiClient.bearer(parts[0] + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2])));

        // The same header (key id) and claims, signed with a key of the attacker's.
        SignedJWT original = SignedJWT.parse(jwt);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(original.getHeader().getKeyID()).build(),
                original.getJWTClaimsSet());
        forged.sign(new MACSigner(key));
        assertInvalidToken(api.get("/api/v3/user", ApiClient.bearer(forged.serialize())));

        // Garbage shaped like a JWT, and through git-style Basic.
        assertInvalidToken(api.get("/api/v3/user", ApiClient.bearer("eyJhbGciOiJIUzI1NiJ9.e30.AAAA")));
        assertInvalidToken(api.get("/api/v3/user", ApiClient.basic("x-access-token", parts[0] + "." + parts[1] + ".AAAA")));
        // The untouched token still works.
        assertThat(api.get("/api/v3/user", ApiClient.bearer(jwt)).status()).isEqualTo(200);
    }

    @Test
    void aDeletedClientsTokensStopAtOnce() {
        Client client = newClient("repo");
        String jwt = accessToken(client);
        assertThat(api.get("/api/v3/user", ApiClient.bearer(jwt)).status()).isEqualTo(200);
        assertThat(api.delete("/api/v3/user/oauth-clients/" + client.id(), owner.basic()).status()).isEqualTo(204);
        assertInvalidToken(api.get("/api/v3/user", ApiClient.bearer(jwt)));
        assertOAuthError(token(client, ""), 401, "invalid_client");
    }

    @Test
    void tokensExpireAndSigningKeysRotateWithoutSigningAnyoneOut() throws Exception {
        Client client = newClient("repo");
        // Past any key an earlier test made, so the next token starts a key of its own.
        server.clock().advance(Duration.ofHours(25));
        String first = accessToken(client);
        String firstKey = SignedJWT.parse(first).getHeader().getKeyID();

        server.clock().advance(Duration.ofMinutes(59));
        assertThat(api.get("/api/v3/user", ApiClient.bearer(first)).status()).isEqualTo(200);
        server.clock().advance(Duration.ofMinutes(2));
        assertInvalidToken(api.get("/api/v3/user", ApiClient.bearer(first)));

        // 23 h 30 min into the key's day: the same key still signs.
        server.clock().advance(Duration.ofMinutes(22 * 60 + 29));
        String late = accessToken(client);
        assertThat(SignedJWT.parse(late).getHeader().getKeyID()).isEqualTo(firstKey);
        // Past its day, a new key signs, and the old key's tokens live out their hour.
        server.clock().advance(Duration.ofMinutes(40));
        String fresh = accessToken(client);
        assertThat(SignedJWT.parse(fresh).getHeader().getKeyID()).isNotEqualTo(firstKey);
        assertThat(api.get("/api/v3/user", ApiClient.bearer(late)).status()).isEqualTo(200);
        assertThat(api.get("/api/v3/user", ApiClient.bearer(fresh)).status()).isEqualTo(200);
        server.clock().advance(Duration.ofMinutes(25));
        assertInvalidToken(api.get("/api/v3/user", ApiClient.bearer(late)));
        assertThat(api.get("/api/v3/user", ApiClient.bearer(fresh)).status()).isEqualTo(200);
    }

    @Test
    void gitOverHttpTakesAnAccessTokenAsThePassword() throws Exception {
        server.newRepo(owner, "machine-pushed", true);
        String jwt = accessToken(newClient("repo"));
        GitCli git = new GitCli(Files.createDirectories(tmp.resolve("home")));
        Path work = tmp.resolve("work");
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        Files.writeString(work.resolve("a.txt"), "from a machine\n");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "machine commit").ok();
        String path = "/" + owner.login() + "/machine-pushed.git";
        git.run(work, "push", "-q", server.baseUrl().replace("http://", "http://x-access-token:" + jwt + "@") + path, "main").ok();
        Path clone = tmp.resolve("clone");
        git.run(tmp, "clone", "-q", server.baseUrl().replace("http://", "http://" + owner.login() + ":" + jwt + "@") + path,
                clone.toString()).ok();
        assertThat(Files.readString(clone.resolve("a.txt"))).isEqualTo("from a machine\n");

        // Another login beside the token is not the token's user: refused.
        GitCli.Result wrong = git.run(tmp, "clone", "-q",
                server.baseUrl().replace("http://", "http://someone-else:" + jwt + "@") + path, tmp.resolve("no").toString());
        assertThat(wrong.exit()).isNotZero();
    }
}
