package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.GitCli;
import dev.hearth.testing.TestHearth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile git-upload-pack and git-receive-pack requests, crafted by hand and sent anonymously
 * over real HTTP: a flood of haves is refused once past the limit, malformed pkt-lines and bodies
 * are the client's fault (400), and a want of an object nobody advertised is refused with JGit's
 * words, not a 500. A normal clone and fetch still work.
 */
class GitNegotiationLimitsTest {
    static TestHearth server;
    static TestHearth.User owner;
    static String head;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        server = TestHearth.sqlite();
        owner = server.newUser("nego");
        server.newRepo(owner, "pub", false);
        GitCli git = new GitCli(Files.createDirectories(tmp.resolve("home")));
        Path work = tmp.resolve("seed");
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        Files.writeString(work.resolve("a.txt"), "hello\n");
        git.run(work, "add", "a.txt").ok();
        git.run(work, "commit", "-q", "-m", "first").ok();
        git.run(work, "push", "-q", authUrl("pub"), "main").ok();
        head = git.run(work, "rev-parse", "HEAD").ok().outTrim();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String authUrl(String repo) {
        return server.baseUrl().replace("http://", "http://" + owner.login() + ":" + owner.token() + "@")
                + "/" + owner.login() + "/" + repo + ".git";
    }

    private static byte[] pkt(String line) {
        return (String.format("%04x", line.length() + 4) + line).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(body);
        }
        return out.toByteArray();
    }

    private static HttpResponse<String> post(String service, byte[] body, boolean gzip, String auth) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/" + owner.login() + "/pub.git/" + service))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-" + service + "-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (gzip) r.header("Content-Encoding", "gzip");
        if (auth != null) r.header("Authorization", auth);
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** want head, a flush, {@code haves} random haves, done: what the attack sent (with two million). */
    private static byte[] negotiation(String want, int haves) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(pkt("want " + want + " multi_ack_detailed side-band-64k ofs-delta\n"));
        body.write("0000".getBytes(StandardCharsets.US_ASCII));
        Random random = new Random(42);
        byte[] id = new byte[20];
        for (int i = 0; i < haves; i++) {
            random.nextBytes(id);
            body.write(pkt("have " + HexFormat.of().formatHex(id) + "\n"));
        }
        body.write(pkt("done\n"));
        return body.toByteArray();
    }

    @Test
    void aFloodOfHavesIsRefusedPastTheLimit() throws Exception {
        byte[] body = gzip(negotiation(head, UploadRequestLimits.MAX_HAVES + 1_000));
        HttpResponse<String> r = post("git-upload-pack", body, true, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.body()).contains("more than " + UploadRequestLimits.MAX_HAVES + " 'have' lines");
    }

    @Test
    void haveLinesWithinTheLimitAreServed() throws Exception {
        HttpResponse<String> r = post("git-upload-pack", gzip(negotiation(head, 1_000)), true, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/x-git-upload-pack-result");
    }

    @Test
    void aBodyThatInflatesPastTheByteLimitIsRefused() throws Exception {
        byte[] zeros = new byte[(int) UploadRequestLimits.MAX_BYTES + 4096];
        Arrays.fill(zeros, (byte) '0'); // "0000" flushes, all the way: tiny compressed, huge inflated
        HttpResponse<String> r = post("git-upload-pack", gzip(zeros), true, null);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("larger than");
    }

    @Test
    void malformedPktLinesAreTheClientsFault() throws Exception {
        for (String bad : new String[] {"0003", "0001", "zzzzwant", "00"}) {
            HttpResponse<String> r = post("git-upload-pack", bad.getBytes(StandardCharsets.US_ASCII), false, null);
            assertThat(r.statusCode()).as("upload-pack body %s", bad).isEqualTo(400);
            assertThat(r.body()).as("upload-pack body %s", bad).startsWith("Malformed git request");
        }
        for (String bad : new String[] {"0003", "zzzz"}) {
            HttpResponse<String> r = post("git-receive-pack", bad.getBytes(StandardCharsets.US_ASCII), false, owner.basic());
            assertThat(r.statusCode()).as("receive-pack body %s", bad).isEqualTo(400);
        }
    }

    @Test
    void aTruncatedGzipBodyIsTheClientsFault() throws Exception {
        byte[] fetch = gzip(negotiation(head, 10));
        ByteArrayOutputStream commands = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            commands.write(pkt("0".repeat(40) + " " + head + " refs/heads/b" + i + (i == 0 ? "\0report-status" : "") + "\n"));
        }
        commands.write("0000".getBytes(StandardCharsets.US_ASCII));
        byte[] push = gzip(commands.toByteArray());
        for (double at : new double[] {0.01, 0.5}) {
            int cut = (int) Math.max(5, fetch.length * at);
            assertThat(post("git-upload-pack", Arrays.copyOf(fetch, cut), true, null).statusCode())
                    .as("fetch cut at %d", cut).isEqualTo(400);
            cut = (int) Math.max(5, push.length * at);
            assertThat(post("git-receive-pack", Arrays.copyOf(push, cut), true, owner.basic()).statusCode())
                    .as("push cut at %d", cut).isEqualTo(400);
        }
    }

    @Test
    void aWantOfAnUnadvertisedObjectIsRefusedWithJGitsWords() throws Exception {
        String unknown = "1234567890123456789012345678901234567890";
        HttpResponse<String> r = post("git-upload-pack", negotiation(unknown, 0), false, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("want " + unknown + " not valid");
    }

    @Test
    void aFloodOfHavesOverSshIsRefusedWithAGitError() throws Exception {
        dev.hearth.testing.SshCli ssh = new dev.hearth.testing.SshCli(Files.createDirectories(tmp.resolve("ssh")));
        dev.hearth.testing.SshCli.Key key = ssh.newKey("ed25519", 0);
        assertThat(server.api().post("/api/v3/user/keys", owner.basic(),
                "{\"title\":\"t\",\"key\":\"" + key.publicText() + "\"}").status()).isEqualTo(201);
        Path body = tmp.resolve("flood.bin");
        Files.write(body, negotiation(head, UploadRequestLimits.MAX_HAVES + 1_000));
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("ssh"));
        command.addAll(ssh.options(key, server.sshPort()));
        command.addAll(java.util.List.of("git@127.0.0.1", "git-upload-pack '" + owner.login() + "/pub.git'"));
        Path out = tmp.resolve("flood.out");
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(body.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HOME", tmp.toString());
        pb.environment().remove("SSH_AUTH_SOCK");
        Process p = pb.start();
        try {
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String answer = Files.readString(out, StandardCharsets.ISO_8859_1);
        assertThat(answer).contains("ERR more than " + UploadRequestLimits.MAX_HAVES + " 'have' lines");
        assertThat(answer).doesNotContain("PACK");
    }

    @Test
    void aNormalCloneAndFetchStillWork() throws IOException {
        GitCli git = new GitCli(Files.createDirectories(tmp.resolve("home2")));
        Path clone = tmp.resolve("clone");
        String anonymous = server.baseUrl() + "/" + owner.login() + "/pub.git";
        git.run(tmp, "clone", "-q", anonymous, clone.toString()).ok();
        assertThat(Files.readString(clone.resolve("a.txt"))).isEqualTo("hello\n");
        git.run(clone, "-c", "protocol.version=2", "fetch", "-q", "origin").ok();
        git.run(clone, "-c", "protocol.version=0", "fetch", "-q", "origin").ok();
    }
}
