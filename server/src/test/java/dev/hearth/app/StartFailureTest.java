package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.config.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that fails part-way stops what it had started: nothing is left listening or running. */
class StartFailureTest {
    @TempDir
    Path dir;

    @Test
    void aTakenHttpPortStopsTheSshServerThatAlreadyStarted() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int sshPort;
        try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
            sshPort = probe.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
            Settings settings = new Settings("127.0.0.1", taken.getLocalPort(), OptionalInt.of(sshPort), dir,
                    "jdbc:sqlite:" + dir.resolve("hearth.db"), Optional.of("start-Failure-Pass-1"), "", 1L << 20, 1L << 30,
                    List.of(), List.of(), 5000, 600, Duration.ofHours(1));
            assertThatThrownBy(() -> Hearth.start(settings)).isInstanceOf(RuntimeException.class);
        }
        // SSH had started before HTTP failed to bind: its port is free again.
        try (ServerSocket again = new ServerSocket(sshPort, 1, loopback)) {
            assertThat(again.getLocalPort()).isEqualTo(sshPort);
        }
        assertThat(Files.exists(dir.resolve("hearth.db"))).as("the start got as far as the database").isTrue();
    }
}
