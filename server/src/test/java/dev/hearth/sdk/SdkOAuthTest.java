package dev.hearth.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.client.Auth;
import dev.hearth.client.HearthClient;
import dev.hearth.client.NewRepo;
import dev.hearth.client.TokenRequestException;
import dev.hearth.testing.ApiClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SDK's OAuth2 client credentials against the real token endpoint: it fetches a token,
 * replaces it before it expires, fetches a new one when the server says the old one is no
 * longer good, and reports a client the server no longer knows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkOAuthTest {
    TestHearth server;
    TestHearth.User owner;

    @BeforeAll
    void start() {
        server = TestHearth.sqlite();
        owner = server.newUser("robot-owner");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    record Client(long id, String clientId, String secret) {}

    private Client newClient() {
        Response r = server.api().post("/api/v3/user/oauth-clients", owner.basic(), "{\"name\":\"sdk\",\"scopes\":[\"repo\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Client(r.json().get("id").asLong(), r.json().get("client_id").asString(), r.json().get("client_secret").asString());
    }

    @Test
    void aClientActsAsItsUserAndRenewsItsTokenBeforeItExpires() {
        Client c = newClient();
        // The SDK reads the same clock as the server, so both see time move together.
        try (HearthClient sdk = HearthClient.builder().baseUrl(server.baseUrl()).clock(server.clock())
                .auth(Auth.clientCredentials(c.clientId(), c.secret(), null)).build()) {
            assertThat(sdk.users().me().login()).isEqualTo(owner.login());
            assertThat(sdk.repos().create(NewRepo.named("by-oauth").privately(true)).fullName())
                    .isEqualTo(owner.login() + "/by-oauth");
            for (int hour = 0; hour < 3; hour++) {
                server.clock().advance(Duration.ofMinutes(50));
                assertThat(sdk.repos().get(owner.login(), "by-oauth").isPrivate()).isTrue();
            }
        }
    }

    @Test
    void aTokenTheServerNoLongerTakesIsReplacedAndTheCallRetried() {
        Client c = newClient();
        // This SDK keeps real time while the server's clock runs ahead: its token expires
        // on the server long before the SDK thinks so, and only the 401 tells it.
        try (HearthClient sdk = HearthClient.builder().baseUrl(server.baseUrl())
                .auth(Auth.clientCredentials(c.clientId(), c.secret(), "repo")).build()) {
            assertThat(sdk.users().me().login()).isEqualTo(owner.login());
            server.clock().advance(Duration.ofHours(2));
            assertThat(sdk.users().me().login()).isEqualTo(owner.login());
        }
    }

    @Test
    void aDeletedClientIsReportedAsTheTokenEndpointRefusesIt() {
        Client c = newClient();
        try (HearthClient sdk = HearthClient.builder().baseUrl(server.baseUrl())
                .auth(Auth.clientCredentials(c.clientId(), c.secret(), null)).build()) {
            assertThat(sdk.users().me().login()).isEqualTo(owner.login());
            assertThat(server.api().delete("/api/v3/user/oauth-clients/" + c.id(), owner.basic()).status()).isEqualTo(204);
            assertThatThrownBy(() -> sdk.users().me())
                    .isInstanceOfSatisfying(TokenRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.error()).isEqualTo("invalid_client");
                    });
        }
        assertThat(server.api().get("/api/v3/user", ApiClient.bearer("eyJ.e30.x")).header("WWW-Authenticate"))
                .contains("invalid_token");
    }
}
