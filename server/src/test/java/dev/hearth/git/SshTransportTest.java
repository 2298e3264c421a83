package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.app.Hearth;
import dev.hearth.config.Settings;
import dev.hearth.testing.ApiClient;
import dev.hearth.testing.GitCli;
import dev.hearth.testing.Response;
import dev.hearth.testing.SshCli;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real git and ssh clients against Hearth's SSH server, with keys made by ssh-keygen. */
class SshTransportTest {
    static final long MAX_OBJECT = 1L << 20;
    static TestHearth server;
    static Path keyDir;
    static SshCli ssh;
    static TestHearth.User owner;
    static SshCli.Key ownerKey;

    @TempDir
    Path tmp;
    GitCli git;

    @BeforeAll
    static void start() throws IOException {
        server = TestHearth.start(null, MAX_OBJECT);
        keyDir = Files.createTempDirectory("hearth-ssh");
        ssh = new SshCli(keyDir);
        owner = server.newUser("owner");
        ownerKey = keyFor(owner, "ed25519", 0);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        org.eclipse.jgit.util.FileUtils.delete(keyDir.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
    }

    @BeforeEach
    void cli() throws IOException {
        git = new GitCli(Files.createDirectories(tmp.resolve("home")));
    }

    /** A new key of this type, registered for the user through the API. */
    static SshCli.Key keyFor(TestHearth.User user, String type, int bits) {
        SshCli.Key key = ssh.newKey(type, bits);
        Response r = server.api().post("/api/v3/user/keys", user.basic(),
                "{\"title\":\"test\",\"key\":\"" + key.publicText() + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return key;
    }

    private static Map<String, String> env(SshCli.Key key) {
        return Map.of("GIT_SSH_COMMAND", ssh.gitSshCommand(key, server.sshPort()));
    }

    private GitCli.Result gitAs(SshCli.Key key, Path dir, String... args) {
        return git.run(dir, env(key), args);
    }

    private static String url(String repo) {
        return server.sshUrl(owner.login(), repo);
    }

    /** A working copy with one commit per given content, pushed over SSH as the owner to main. */
    private Path seeded(String repo, String... contents) throws IOException {
        Path work = tmp.resolve("seed-" + repo);
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        for (int i = 0; i < contents.length; i++) {
            Files.writeString(work.resolve("file.txt"), contents[i]);
            git.run(work, "add", "file.txt").ok();
            git.run(work, "commit", "-q", "-m", "commit " + i).ok();
        }
        gitAs(ownerKey, work, "push", "-q", url(repo), "main").ok();
        return work;
    }

    @Test
    void protectedBranchesHoldOverSshToo() throws IOException {
        server.newRepo(owner, "guarded", false);
        Path work = seeded("guarded", "one");
        gitAs(ownerKey, work, "push", "-q", url("guarded"), "main:release/1").ok();
        String rules = "{\"enforce_admins\":true,\"allow_force_pushes\":false,\"allow_deletions\":false,\"restrictions\":null}";
        for (String branch : new String[] {"main", "release/*"}) {
            Response r = server.api().put("/api/v3/repos/" + owner.login() + "/guarded/branches/" + branch + "/protection",
                    owner.bearer(), rules);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        String before = gitAs(ownerKey, tmp, "ls-remote", url("guarded")).ok().out();
        git.run(work, "commit", "-q", "--amend", "-m", "rewritten").ok();
        GitCli.Result force = gitAs(ownerKey, work, "push", "--force", url("guarded"), "main");
        assertThat(force.exit()).isNotZero();
        assertThat(force.err()).contains("[remote rejected] main -> main (protected branch: force-push not allowed)");
        GitCli.Result delete = gitAs(ownerKey, work, "push", url("guarded"), ":release/1");
        assertThat(delete.err()).contains("[remote rejected] release/1 (protected branch: deletion not allowed)");
        assertThat(gitAs(ownerKey, tmp, "ls-remote", url("guarded")).ok().out()).isEqualTo(before);
    }

    @Test
    void cloneEmptyPushCloneAndFetch() throws IOException {
        Response created = server.newRepo(owner, "basic", false);
        assertThat(created.json().get("ssh_url").asString()).isEqualTo(url("basic"));
        Path first = tmp.resolve("first");
        GitCli.Result empty = gitAs(ownerKey, tmp, "clone", url("basic"), first.toString()).ok();
        assertThat(empty.err()).contains("empty repository");

        Files.writeString(first.resolve("hello.txt"), "hello\n");
        git.run(first, "add", ".").ok();
        git.run(first, "commit", "-q", "-m", "first").ok();
        gitAs(ownerKey, first, "push", "-q", "origin", "HEAD:main").ok();
        Response meta = server.api().get("/api/v3/repos/" + owner.login() + "/basic", null);
        assertThat(meta.json().get("pushed_at").isNull()).isFalse();

        // Without ".git", and with another login name: the key alone says who this is.
        Path second = tmp.resolve("second");
        String otherLogin = "ssh://somebody@127.0.0.1:" + server.sshPort() + "/" + owner.login() + "/basic";
        gitAs(ownerKey, tmp, "clone", "-q", otherLogin, second.toString()).ok();
        assertThat(second.resolve("hello.txt")).hasContent("hello");

        Files.writeString(first.resolve("more.txt"), "more\n");
        git.run(first, "add", ".").ok();
        git.run(first, "commit", "-q", "-m", "second").ok();
        gitAs(ownerKey, first, "push", "-q", "origin", "HEAD:main").ok();
        gitAs(ownerKey, second, "fetch", "-q", "origin").ok();
        assertThat(git.run(second, "rev-parse", "origin/main").ok().outTrim())
                .isEqualTo(git.run(first, "rev-parse", "HEAD").ok().outTrim());
    }

    @Test
    void protocolV2IsSpokenOverSsh() throws IOException {
        server.newRepo(owner, "v2", false);
        seeded("v2", "one", "two", "three");
        Path clone = tmp.resolve("clone");
        GitCli.Result r = git.run(tmp, Map.of("GIT_SSH_COMMAND", ssh.gitSshCommand(ownerKey, server.sshPort()),
                "GIT_TRACE_PACKET", "1"), "-c", "protocol.version=2", "clone", "--depth", "1", url("v2"), clone.toString()).ok();
        // Over SSH git names the trace after the command ("clone<"), over HTTP after the helper ("git<").
        assertThat(r.err()).containsPattern("packet: +clone< version 2").containsPattern("clone< fetch=.*shallow");
        assertThat(git.run(clone, "rev-list", "--count", "HEAD").ok().outTrim()).isEqualTo("1");

        GitCli.Result v0 = git.run(tmp, Map.of("GIT_SSH_COMMAND", ssh.gitSshCommand(ownerKey, server.sshPort()),
                "GIT_TRACE_PACKET", "1"), "-c", "protocol.version=0", "ls-remote", url("v2")).ok();
        assertThat(v0.err()).doesNotContain("< version 2");
        assertThat(v0.out()).contains("refs/heads/main");
    }

    @Test
    void partialCloneFetchesBlobsOnDemand() throws IOException {
        server.newRepo(owner, "partial", false);
        seeded("partial", "old content", "new content");
        Path clone = tmp.resolve("clone");
        gitAs(ownerKey, tmp, "clone", "-q", "--filter=blob:none", url("partial"), clone.toString()).ok();
        assertThat(clone.resolve("file.txt")).hasContent("new content");
        String missing = git.run(clone, "rev-list", "--objects", "--all", "--missing=print").ok().out();
        assertThat(missing).containsPattern("(?m)^\\?[0-9a-f]{40}");
        gitAs(ownerKey, clone, "checkout", "-q", "HEAD~1").ok();
        assertThat(clone.resolve("file.txt")).hasContent("old content");
    }

    @Test
    void ecdsaAndRsaKeysWorkToo() throws IOException {
        server.newRepo(owner, "kinds", false);
        seeded("kinds", "content");
        TestHearth.User other = server.newUser("other");
        for (SshCli.Key key : List.of(keyFor(other, "ecdsa", 256), keyFor(other, "ecdsa", 521), keyFor(other, "rsa", 2048))) {
            assertThat(gitAs(key, tmp, "ls-remote", url("kinds")).ok().out()).contains("refs/heads/main");
        }
    }

    @Test
    void privateRepositoriesFollowTheAccessLevels() throws IOException {
        server.newRepo(owner, "private", true);
        seeded("private", "secret");
        TestHearth.User reader = server.newUser("reader");
        TestHearth.User writer = server.newUser("writer");
        TestHearth.User stranger = server.newUser("stranger");
        SshCli.Key readerKey = keyFor(reader, "ed25519", 0);
        SshCli.Key writerKey = keyFor(writer, "ed25519", 0);
        SshCli.Key strangerKey = keyFor(stranger, "ed25519", 0);
        String base = "/api/v3/repos/" + owner.login() + "/private/collaborators/";
        assertThat(server.api().put(base + reader.login(), owner.bearer(), "{\"permission\":\"read\"}").status()).isEqualTo(201);
        assertThat(server.api().put(base + writer.login(), owner.bearer(), "{\"permission\":\"write\"}").status()).isEqualTo(201);

        GitCli.Result hidden = gitAs(strangerKey, tmp, "clone", url("private"), tmp.resolve("s1").toString());
        GitCli.Result missing = gitAs(strangerKey, tmp, "clone", url("no-such-repo"), tmp.resolve("s2").toString());
        assertThat(hidden.exit()).isNotZero();
        assertThat(hidden.err()).contains("Repository not found");
        assertThat(hidden.err().replace("s1", "s2")).isEqualTo(missing.err());
        GitCli.Result hiddenPush = gitAs(strangerKey, tmp, "ls-remote", "--heads", url("private"));
        assertThat(hiddenPush.err()).contains("Repository not found");

        Path readerClone = tmp.resolve("reader");
        gitAs(readerKey, tmp, "clone", "-q", url("private"), readerClone.toString()).ok();
        assertThat(readerClone.resolve("file.txt")).hasContent("secret");
        Files.writeString(readerClone.resolve("file.txt"), "changed by reader");
        git.run(readerClone, "commit", "-q", "-am", "reader change").ok();
        GitCli.Result readerPush = gitAs(readerKey, readerClone, "push", "origin", "HEAD:main");
        assertThat(readerPush.exit()).isNotZero();
        assertThat(readerPush.err()).contains("Permission to " + owner.login() + "/private denied to " + reader.login()
                + " (read access; pushing needs write)");

        Path writerClone = tmp.resolve("writer");
        gitAs(writerKey, tmp, "clone", "-q", url("private"), writerClone.toString()).ok();
        Files.writeString(writerClone.resolve("file.txt"), "changed by writer");
        git.run(writerClone, "commit", "-q", "-am", "writer change").ok();
        gitAs(writerKey, writerClone, "push", "-q", "origin", "HEAD:main").ok();
        assertThat(gitAs(ownerKey, tmp, "ls-remote", url("private"), "refs/heads/main").ok().out())
                .startsWith(git.run(writerClone, "rev-parse", "HEAD").ok().outTrim());
    }

    @Test
    void unknownAndDeletedKeysAreDenied() {
        server.newRepo(owner, "keys", false);
        SshCli.Key unknown = ssh.newKey("ed25519", 0);
        GitCli.Result stranger = gitAs(unknown, tmp, "ls-remote", url("keys"));
        assertThat(stranger.exit()).isNotZero();
        assertThat(stranger.err()).contains("Permission denied (publickey)");

        TestHearth.User leaving = server.newUser("leaving");
        SshCli.Key key = ssh.newKey("ed25519", 0);
        Response added = server.api().post("/api/v3/user/keys", leaving.basic(), "{\"key\":\"" + key.publicText() + "\"}");
        assertThat(added.status()).isEqualTo(201);
        gitAs(key, tmp, "ls-remote", url("keys")).ok();
        assertThat(server.api().delete("/api/v3/user/keys/" + added.json().get("id").asLong(), leaving.basic()).status())
                .isEqualTo(204);
        GitCli.Result after = gitAs(key, tmp, "ls-remote", url("keys"));
        assertThat(after.exit()).isNotZero();
        assertThat(after.err()).contains("Permission denied (publickey)");
    }

    @Test
    void anythingButAGitCommandIsRefusedWithOneLine() throws IOException {
        server.newRepo(owner, "target", false);
        seeded("target", "content");
        String before = gitAs(ownerKey, tmp, "ls-remote", url("target")).ok().out();
        Path marker = tmp.resolve("marker");
        String repo = owner.login() + "/target.git";
        String[] commands = {
            "git-upload-pack '" + repo + "'; touch " + marker,
            "git-upload-pack '" + repo + "' && touch " + marker,
            "git-upload-pack '" + repo + "$(touch " + marker + ")'",
            "git-upload-pack '" + repo + "`touch " + marker + "`'",
            "git-upload-pack '" + repo + "'\ntouch " + marker,
            "sh",
            "sh -c 'touch " + marker + "'",
            "git-upload-pack --help",
            "git-upload-pack '--upload-pack=touch " + marker + "'",
            "git-upload-pack -o'" + repo + "'",
            "git-upload-pack '../../etc'",
            "git-upload-pack '" + owner.login() + "/../target.git'",
            "git-upload-pack '/" + owner.login() + "/target.git/../../x'",
            "git-upload-pack '" + repo + "' extra",
            "git-upload-pack \"" + repo + "\"",
            "git-upload-pack " + repo,
            "git-upload-pack '" + repo,
            "git upload-pack '" + repo + "'",
            "git-upload-archive '" + repo + "'",
            "scp -t /tmp",
        };
        for (String command : commands) {
            SshCli.Result r = ssh.ssh(ownerKey, server.sshPort(), List.of("-T"), command);
            assertThat(r.exit()).as(command).isEqualTo(1);
            assertThat(r.out()).as(command).isEmpty();
            assertThat(r.err().lines().toList()).as(command).containsExactly(
                    "Hearth runs only git-upload-pack and git-receive-pack '<owner>/<repo>.git' over SSH; use git clone, fetch or push");
        }
        assertThat(marker).doesNotExist();
        assertThat(gitAs(ownerKey, tmp, "ls-remote", url("target")).ok().out()).isEqualTo(before);
    }

    @Test
    void shellsSubsystemsAndForwardingAreRefused() {
        SshCli.Result shell = ssh.ssh(ownerKey, server.sshPort(), List.of("-T"));
        assertThat(shell.exit()).isEqualTo(1);
        assertThat(shell.err().lines().toList()).containsExactly("Hi " + owner.login()
                + "! You've authenticated, but Hearth does not provide shell access; use git clone ssh://git@host:port/<owner>/<repo>.git");

        SshCli.Result withTerminal = ssh.ssh(ownerKey, server.sshPort(), List.of("-tt", "-q"));
        assertThat(withTerminal.exit()).isEqualTo(1);
        assertThat(withTerminal.out() + withTerminal.err()).contains("does not provide shell access");

        SshCli.Result sftp = ssh.ssh(ownerKey, server.sshPort(), List.of("-s"), "sftp");
        assertThat(sftp.exit()).isNotZero();
        assertThat(sftp.out()).isEmpty();

        SshCli.Result forward = ssh.ssh(ownerKey, server.sshPort(), List.of("-W", "127.0.0.1:" + server.sshPort()));
        assertThat(forward.exit()).isNotZero();
        assertThat(forward.err()).contains("prohibited");
    }

    @Test
    void pushRulesAreTheSameAsOverHttp() throws IOException {
        server.newRepo(owner, "rules", false);
        Path work = seeded("rules", "content");
        String before = gitAs(ownerKey, tmp, "ls-remote", url("rules")).ok().out();

        GitCli.Result deleteDefault = gitAs(ownerKey, work, "push", url("rules"), ":main");
        assertThat(deleteDefault.exit()).isNotZero();
        assertThat(deleteDefault.err()).contains("[remote rejected] main (the default branch cannot be deleted");

        byte[] noise = new byte[(int) (2 * MAX_OBJECT)];
        new Random(42).nextBytes(noise);
        Files.write(work.resolve("noise.bin"), noise);
        git.run(work, "add", "noise.bin").ok();
        git.run(work, "commit", "-q", "-m", "too big").ok();
        GitCli.Result big = gitAs(ownerKey, work, "push", url("rules"), "HEAD:main");
        assertThat(big.exit()).isNotZero();
        assertThat(big.err()).contains("remote unpack failed");
        assertThat(gitAs(ownerKey, tmp, "ls-remote", url("rules")).ok().out()).isEqualTo(before);
    }

    @Test
    void theHostKeyIsKeptAcrossRestarts() throws IOException {
        try (TestHearth own = TestHearth.sqlite()) {
            TestHearth.User user = own.newUser("restart");
            SshCli.Key key = ssh.newKey("ed25519", 0);
            assertThat(own.api().post("/api/v3/user/keys", user.basic(), "{\"key\":\"" + key.publicText() + "\"}").status())
                    .isEqualTo(201);
            Path hostKeyFile = own.dataDir().resolve("ssh/host_ed25519");
            assertThat(Files.getPosixFilePermissions(hostKeyFile)).containsExactlyInAnyOrder(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            String hostKey = Files.readString(hostKeyFile);
            // Pinned under one alias whatever the port, so the second run accepts only the same key.
            Path knownHosts = tmp.resolve("known_hosts_restart");
            List<String> pin = List.of("-o", "HostKeyAlias=hearth-restart", "-o", "UserKnownHostsFile=" + knownHosts, "-T");
            assertThat(ssh.ssh(key, own.sshPort(), pin).err()).contains("Hi " + user.login() + "!");
            assertThat(Files.readString(knownHosts)).contains("hearth-restart ssh-ed25519 ");

            own.restart();
            assertThat(Files.readString(hostKeyFile)).isEqualTo(hostKey);
            List<String> strict = List.of("-o", "HostKeyAlias=hearth-restart", "-o", "UserKnownHostsFile=" + knownHosts,
                    "-o", "StrictHostKeyChecking=yes", "-T");
            SshCli.Result again = ssh.ssh(key, own.sshPort(), strict);
            assertThat(again.err()).contains("Hi " + user.login() + "!").doesNotContain("IDENTIFICATION HAS CHANGED");
            assertThat(again.exit()).isEqualTo(1);
        }
    }

    private Settings settings(OptionalInt sshPort) {
        return new Settings("127.0.0.1", 0, sshPort, tmp.resolve("data"), "jdbc:sqlite:" + tmp.resolve("data/hearth.db"),
                Optional.of(TestHearth.ADMIN_PASSWORD), "", MAX_OBJECT, 1L << 30, java.util.List.of(), java.util.List.of(), 1_000_000, 1_000_000,
                java.time.Duration.ofHours(1));
    }

    @Test
    void aTakenSshPortStopsTheStartWithAClearMessage() {
        assertThatThrownBy(() -> Hearth.start(settings(OptionalInt.of(server.sshPort()))))
                .hasMessageStartingWith("cannot start SSH on 127.0.0.1:" + server.sshPort());
        // Everything the failed start opened is closed again: the same data directory starts cleanly.
        try (Hearth again = Hearth.start(settings(OptionalInt.of(0)))) {
            assertThat(again.sshPort()).isPositive().isNotEqualTo(server.sshPort());
        }
    }

    @Test
    void withSshOffThereIsNoSshUrl() {
        try (Hearth off = Hearth.start(settings(OptionalInt.empty()))) {
            assertThat(off.sshPort()).isZero();
            Response repo = new ApiClient("http://127.0.0.1:" + off.port()).post("/api/v3/user/repos",
                    ApiClient.basic("admin", TestHearth.ADMIN_PASSWORD), "{\"name\":\"plain\"}");
            assertThat(repo.status()).isEqualTo(201);
            assertThat(repo.json().has("clone_url")).isTrue();
            assertThat(repo.json().has("ssh_url")).isFalse();
        }
        assertThat(tmp.resolve("data/ssh")).doesNotExist();
    }

    @Test
    void anUnreadableHostKeyStopsTheStartInsteadOfBeingReplaced() throws IOException {
        try (Hearth first = Hearth.start(settings(OptionalInt.of(0)))) {
            assertThat(first.sshPort()).isPositive();
        }
        Path hostKey = tmp.resolve("data/ssh/host_ed25519");
        assertThat(Files.readString(hostKey)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        Files.writeString(hostKey, "damaged\n");
        assertThatThrownBy(() -> Hearth.start(settings(OptionalInt.of(0))))
                .hasMessageContaining("the host key " + hostKey + " cannot be read");
        assertThat(hostKey).hasContent("damaged");
    }
}
