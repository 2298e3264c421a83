package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.client.HearthClient;
import dev.hearth.client.NewRepo;
import dev.hearth.client.Repo;
import dev.hearth.testing.TestHearth;
import org.junit.jupiter.api.Test;

/** Everything survives a restart, and the first-start work is not done twice. */
class RestartTest {
    @Test
    void dataSurvivesARestart() {
        try (TestHearth server = TestHearth.sqlite()) {
            TestHearth.User user = server.newUser("keeper");
            HearthClient client = server.client(user);
            Repo repo = client.repos().create(NewRepo.named("kept").privately(true).autoInit(true));

            server.restart();

            assertThat(server.hearth().generatedAdminPassword()).isEmpty();
            // the same client, on the same address: its connections are simply made anew
            assertThat(client.repos().get(user.login(), "kept").id()).isEqualTo(repo.id());
            assertThat(server.clientWithPassword(user).users().me().login()).isEqualTo(user.login());
            assertThat(server.adminClient().users().me().siteAdmin()).isTrue();
        }
    }
}
