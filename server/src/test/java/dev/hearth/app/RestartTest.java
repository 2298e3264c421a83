package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import org.junit.jupiter.api.Test;

/** Everything survives a restart, and the first-start work is not done twice. */
class RestartTest {
    @Test
    void dataSurvivesARestart() {
        try (TestHearth server = TestHearth.sqlite()) {
            TestHearth.User user = server.newUser("keeper");
            Response repo = server.api().post("/api/v3/user/repos", user.bearer(), "{\"name\":\"kept\",\"private\":true,\"auto_init\":true}");
            assertThat(repo.status()).isEqualTo(201);

            server.restart();

            assertThat(server.hearth().generatedAdminPassword()).isEmpty();
            Response again = server.api().get("/api/v3/repos/" + user.login() + "/kept", user.bearer());
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("id").asLong()).isEqualTo(repo.json().get("id").asLong());
            assertThat(server.api().get("/api/v3/user", user.basic()).status()).isEqualTo(200);
            assertThat(server.api().get("/api/v3/user", server.admin()).status()).isEqualTo(200);
        }
    }
}
