package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.TransportLimits;
import dev.hearth.testing.GitCli;
import dev.hearth.testing.Response;
import dev.hearth.testing.SshCli;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that hold connections open by saying nothing, or next to nothing, against a server
 * with a 2 s idle timeout: an HTTP body dripped a byte at a time, an HTTP request whose body
 * never comes, an SSH session and an SSH git command that never send are all closed well before
 * the deadline; a 40 MB push at normal speed, whose checking is silent, still goes through.
 */
class SlowClientTest {
    static final Duration IDLE = Duration.ofSeconds(2);
    /** Far more than the idle timeout, far less than the defaults the attack lived under. */
    static final long DEADLINE_MS = 15_000;
    static TestHearth server;
    static TestHearth.User owner;
    static SshCli ssh;
    static SshCli.Key key;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        server = TestHearth.withTransportLimits(new TransportLimits(IDLE, 256, IDLE, Duration.ofSeconds(30), 50, 200));
        owner = server.newUser("slow");
        server.newRepo(owner, "r", false);
        ssh = new SshCli(Files.createDirectories(tmp.resolve("ssh")));
        key = ssh.newKey("ed25519", 0);
        Response r = server.api().post("/api/v3/user/keys", owner.basic(),
                "{\"title\":\"test\",\"key\":\"" + key.publicText() + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Socket requestHead(int contentLength) throws IOException {
        Socket s = new Socket("127.0.0.1", server.hearth().port());
        s.setSoTimeout(200);
        String head = "POST /" + owner.login() + "/r.git/git-upload-pack HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-git-upload-pack-request\r\nContent-Length: " + contentLength + "\r\n\r\n";
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** Whether the server closed the connection (after an answer or none) within the deadline, dripping meanwhile. */
    private static boolean closedByServer(Socket s, boolean drip) throws IOException {
        long end = System.currentTimeMillis() + DEADLINE_MS;
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[4096];
        while (System.currentTimeMillis() < end) {
            try {
                if (drip) {
                    out.write('0');
                    out.flush();
                }
            } catch (IOException e) {
                return true; // reset: the server has closed it
            }
            try {
                if (in.read(buf) < 0) return true;
            } catch (SocketTimeoutException e) {
                // nothing yet: drip again (the read timeout paces the drip: 5 bytes a second)
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anHttpBodyDrippedAByteAtATimeIsCutOff() throws IOException {
        try (Socket s = requestHead(100_000)) {
            assertThat(closedByServer(s, true)).as("closed within %d ms", DEADLINE_MS).isTrue();
        }
    }

    @Test
    void anHttpRequestWhoseBodyNeverComesIsClosed() throws IOException {
        try (Socket s = requestHead(100_000)) {
            assertThat(closedByServer(s, false)).as("closed within %d ms", DEADLINE_MS).isTrue();
        }
    }

    private static Process sshProcess(String... remote) throws IOException {
        List<String> command = new ArrayList<>(List.of("ssh"));
        command.addAll(ssh.options(key, server.sshPort()));
        command.add("git@127.0.0.1");
        command.addAll(List.of(remote));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD); // stdin stays an open pipe that never sends
        pb.environment().put("HOME", tmp.toString());
        pb.environment().remove("SSH_AUTH_SOCK");
        return pb.start();
    }

    @Test
    void anSshGitCommandThatNeverSendsIsClosed() throws Exception {
        Process p = sshProcess("git-upload-pack '" + owner.login() + "/r.git'");
        try {
            assertThat(p.waitFor(DEADLINE_MS, TimeUnit.MILLISECONDS)).as("ssh ended within %d ms", DEADLINE_MS).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void anSshSessionThatAuthenticatesAndSendsNothingIsClosed() throws Exception {
        Process p = sshProcess("-N");
        try {
            assertThat(p.waitFor(DEADLINE_MS, TimeUnit.MILLISECONDS)).as("ssh ended within %d ms", DEADLINE_MS).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void a40MegabytePushGoesThroughOverHttpAndSsh() throws IOException {
        GitCli git = new GitCli(Files.createDirectories(tmp.resolve("home")));
        Path work = tmp.resolve("big");
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        byte[] blob = new byte[40 << 20];
        new Random(7).nextBytes(blob);
        Files.write(work.resolve("big.bin"), blob);
        git.run(work, "add", "big.bin").ok();
        git.run(work, "commit", "-q", "-m", "big").ok();
        String http = server.baseUrl().replace("http://", "http://" + owner.login() + ":" + owner.token() + "@")
                + "/" + owner.login() + "/r.git";
        // Streamed as it is compressed, as git does for large files: the client is never silent for long.
        git.run(work, "config", "core.bigFileThreshold", "1m").ok();
        git.run(work, "push", "-q", http, "main").ok();
        server.newRepo(owner, "r2", false);
        git.run(work, Map.of("GIT_SSH_COMMAND", ssh.gitSshCommand(key, server.sshPort())),
                "push", "-q", server.sshUrl(owner.login(), "r2"), "main").ok();
        Path back = tmp.resolve("back");
        git.run(tmp, Map.of("GIT_SSH_COMMAND", ssh.gitSshCommand(key, server.sshPort())),
                "clone", "-q", server.sshUrl(owner.login(), "r2"), back.toString()).ok();
        assertThat(Files.mismatch(back.resolve("big.bin"), work.resolve("big.bin"))).isEqualTo(-1);
    }
}
