package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.cli.RemoteCommandsTest.Run;
import dev.hearth.testing.ApiClient;
import dev.hearth.testing.TestHearth;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth admin reset-password} on a running server's data directory (SQLite). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCommandTest {
    TestHearth server;
    @TempDir
    Path empty;

    @BeforeAll
    void start() {
        server = TestHearth.sqlite();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private int status(String login, String password) {
        return server.api().get("/api/v3/user", ApiClient.basic(login, password)).status();
    }

    @Test
    void aGeneratedPasswordIsPrintedOnceAndReplacesTheOld() {
        TestHearth.User kim = server.newUser("kim");
        Run run = RemoteCommandsTest.run(Map.of(), "", "admin", "reset-password", kim.login(), "--data", server.dataDir().toString());
        assertThat(run.exit()).as(run.err()).isZero();
        String password = run.out().lines().filter(l -> l.startsWith("New password: ")).findFirst().orElseThrow()
                .substring("New password: ".length());
        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        assertThat(status(kim.login(), kim.password())).isEqualTo(401);
        assertThat(status(kim.login(), password)).isEqualTo(200);
    }

    @Test
    void aChosenPasswordComesFromStandardInputAndTheDataDirectoryFromTheEnvironment() {
        TestHearth.User lee = server.newUser("lee");
        Run run = RemoteCommandsTest.run(Map.of("HEARTH_DATA", server.dataDir().toString()), "Chosen-Pass-42\n",
                "admin", "reset-password", "--password-stdin", lee.login());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("signed out their browser sessions").doesNotContain("Chosen-Pass-42").doesNotContain("New password");
        assertThat(status(lee.login(), "Chosen-Pass-42")).isEqualTo(200);
    }

    @Test
    void refusalsSayWhyAndChangeNothing() {
        TestHearth.User mo = server.newUser("mo");
        String data = server.dataDir().toString();
        Run weak = RemoteCommandsTest.run(Map.of(), "password\n", "admin", "reset-password", "--password-stdin", mo.login(), "--data", data);
        assertThat(weak.exit()).isEqualTo(2);
        assertThat(weak.err()).startsWith("hearth: password ");
        Run unknown = RemoteCommandsTest.run(Map.of(), "", "admin", "reset-password", "nobody-here", "--data", data);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("No user 'nobody-here'");
        Run noData = RemoteCommandsTest.run(Map.of(), "", "admin", "reset-password", mo.login(), "--data", empty.toString());
        assertThat(noData.exit()).isEqualTo(1);
        assertThat(noData.err()).contains("No Hearth database in");
        assertThat(empty.toFile().list()).as("nothing created where no Hearth was").isEmpty();
        assertThat(RemoteCommandsTest.run(Map.of(), "", "admin", "reset-password").exit()).as("no login").isEqualTo(2);
        assertThat(status(mo.login(), mo.password())).isEqualTo(200);
    }
}
