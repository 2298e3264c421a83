package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: help that lists every setting, bad configuration exits 2, first start prints the admin password once. */
class CliTest {
    @TempDir
    Path data;

    private static String help(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void helpListsCommandsAndSettings() {
        assertThat(help("--help")).contains("serve").contains("hearth.conf");
        String serve = help("serve", "--help");
        for (String s : new String[] {"--port", "--host", "--data", "--database-url", "HEARTH_PORT", "HEARTH_HOST",
                "HEARTH_DATA", "HEARTH_DATABASE_URL", "HEARTH_ADMIN_PASSWORD", "HEARTH_MAX_OBJECT_SIZE",
                "--ssh-port", "HEARTH_SSH_PORT"}) {
            assertThat(serve).contains(s);
        }
    }

    private Process serve(Map<String, String> env, String... args) throws IOException {
        return serve(env, null, args);
    }

    private Process serve(Map<String, String> env, Path stdout, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("HEARTH_"));
        pb.environment().put("HEARTH_SSH_PORT", "0"); // SSH off: these runs must not claim port 2222
        pb.environment().putAll(env);
        if (stdout != null) pb.redirectOutput(stdout.toFile());
        return pb.start();
    }

    @Test
    void badConfigurationExitsWith2AndOneLineNamingTheKey() throws Exception {
        Process p = serve(Map.of("HEARTH_PORT", "eighty"), "--data", data.toString());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("hearth: HEARTH_PORT: 'eighty' is not a port number (0-65535)");
    }

    @Test
    void weakAdminPasswordIsABadSetting() throws Exception {
        Process p = serve(Map.of("HEARTH_ADMIN_PASSWORD", "short"), "--data", data.toString(), "--port", "0");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err).startsWith("hearth: HEARTH_ADMIN_PASSWORD: ");
    }

    @Test
    void firstStartCreatesTheAdminAndPrintsItsPasswordOnce() throws Exception {
        Path firstLog = data.resolve("first.out");
        Process first = serve(Map.of(), firstLog, "--data", data.toString(), "--port", "0");
        String password;
        try {
            String url = awaitUrl(first, firstLog);
            String line = awaitLine(first, firstLog, "Created the site admin");
            password = line.substring(line.lastIndexOf(' ') + 1);
            assertThat(new ApiClient(url).get("/api/v3/user", ApiClient.basic("admin", password)).status()).isEqualTo(200);
        } finally {
            first.destroy();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        Path secondLog = data.resolve("second.out");
        Process second = serve(Map.of(), secondLog, "--data", data.toString(), "--port", "0");
        try {
            String url = awaitUrl(second, secondLog);
            assertThat(new ApiClient(url).get("/api/v3/user", ApiClient.basic("admin", password)).status()).isEqualTo(200);
        } finally {
            second.destroy();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(secondLog)).contains("Hearth is listening").doesNotContain("password");
    }

    private static String awaitUrl(Process p, Path log) throws Exception {
        String line = awaitLine(p, log, "Hearth is listening on ");
        return line.substring("Hearth is listening on ".length()).split(" ")[0];
    }

    /** Waits, bounded, for a line the server prints once it has reached that point. */
    private static String awaitLine(Process p, Path log, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith(prefix)) return line;
            }
            if (p.waitFor(50, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the server ended before printing '" + prefix + "': " + Files.readString(log));
            }
        }
        throw new AssertionError("no line '" + prefix + "' within 60 s: " + Files.readString(log));
    }
}
