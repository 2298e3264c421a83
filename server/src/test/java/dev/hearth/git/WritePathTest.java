package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.GitCli;
import dev.hearth.testing.Response;
import dev.hearth.testing.SshCli;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The one write path as git sees it, over HTTP and SSH alike: atomic pushes all or nothing,
 * non-atomic pushes per ref, and every push audited with who and from where.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WritePathTest {
    TestHearth server;
    Path keyDir;
    SshCli ssh;
    TestHearth.User owner;
    SshCli.Key ownerKey;

    abstract TestHearth startServer();

    @TempDir
    Path tmp;
    GitCli git;

    @BeforeAll
    void start() throws IOException {
        server = startServer();
        keyDir = Files.createTempDirectory("hearth-ssh");
        ssh = new SshCli(keyDir);
        owner = server.newUser("atom");
        ownerKey = ssh.newKey("ed25519", 0);
        Response r = server.api().post("/api/v3/user/keys", owner.basic(),
                "{\"title\":\"test\",\"key\":\"" + ownerKey.publicText() + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        org.eclipse.jgit.util.FileUtils.delete(keyDir.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
    }

    @BeforeEach
    void cli() throws IOException {
        git = new GitCli(Files.createDirectories(tmp.resolve("home")));
    }

    /** A remote over one transport: its URL and the environment git needs for it. */
    record Remote(String url, Map<String, String> env) {}

    private Remote remote(String transport, String repo) {
        return transport.equals("ssh")
                ? new Remote(server.sshUrl(owner.login(), repo),
                        Map.of("GIT_SSH_COMMAND", ssh.gitSshCommand(ownerKey, server.sshPort())))
                : new Remote(server.baseUrl().replace("http://", "http://" + owner.login() + ":" + owner.token() + "@")
                        + "/" + owner.login() + "/" + repo + ".git", Map.of());
    }

    /** {@code git push [options] <remote> [refspecs]}: the leading arguments that start with '-' are options. */
    private GitCli.Result push(Path work, Remote remote, String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("push"));
        int i = 0;
        while (i < args.length && args[i].startsWith("-")) all.add(args[i++]);
        all.add(remote.url());
        while (i < args.length) all.add(args[i++]);
        return git.run(work, remote.env(), all.toArray(String[]::new));
    }

    private String refs(Remote remote) {
        return git.run(tmp, remote.env(), "ls-remote", remote.url()).ok().out();
    }

    /** A repository with one commit on main, pushed, and its working copy. */
    private Path seeded(String repo, Remote remote) throws IOException {
        server.newRepo(owner, repo, false);
        Path work = tmp.resolve("work-" + repo);
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        Files.writeString(work.resolve("f.txt"), "one");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "one").ok();
        push(work, remote, "-q", "main").ok();
        return work;
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "ssh"})
    void anAtomicPushWithARefusedRefChangesNothing(String transport) throws IOException {
        String repo = "atomic-" + transport;
        Remote remote = remote(transport, repo);
        Path work = seeded(repo, remote);
        String before = refs(remote);

        GitCli.Result deleteDefault = push(work, remote, "--atomic", "main:feature", ":main");
        assertThat(deleteDefault.exit()).isNotZero();
        assertThat(deleteDefault.err())
                .contains("! [remote rejected] main (the default branch cannot be deleted")
                .contains("! [remote rejected] main -> feature (atomic push failed)");
        assertThat(refs(remote)).isEqualTo(before);

        Response protect = server.api().put("/api/v3/repos/" + owner.login() + "/" + repo + "/branches/main/protection",
                owner.bearer(), "{\"enforce_admins\":true,\"allow_force_pushes\":false,\"allow_deletions\":false,"
                        + "\"restrictions\":null}");
        assertThat(protect.status()).as(protect.body()).isEqualTo(200);
        git.run(work, "commit", "-q", "--amend", "-m", "rewritten").ok();
        GitCli.Result force = push(work, remote, "--atomic", "--force", "main:feature", "main:other", "main");
        assertThat(force.exit()).isNotZero();
        assertThat(force.err())
                .contains("! [remote rejected] main -> main (protected branch: force-push not allowed)")
                .contains("! [remote rejected] main -> feature (atomic push failed)")
                .contains("! [remote rejected] main -> other (atomic push failed)");
        assertThat(refs(remote)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "ssh"})
    void aPushWithoutAtomicKeepsPerRefResults(String transport) throws IOException {
        String repo = "per-ref-" + transport;
        Remote remote = remote(transport, repo);
        Path work = seeded(repo, remote);
        String main = git.run(work, "rev-parse", "main").ok().outTrim();

        GitCli.Result mixed = push(work, remote, "main:feature", ":main");
        assertThat(mixed.exit()).isNotZero();
        assertThat(mixed.err()).contains("* [new branch]      main -> feature")
                .contains("! [remote rejected] main (the default branch cannot be deleted");
        assertThat(refs(remote)).contains(main + "\trefs/heads/feature").contains(main + "\trefs/heads/main");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "ssh"})
    void pushesAreAuditedWithThePusherAndTheirAddress(String transport) throws IOException {
        String repo = "audited-" + transport;
        Remote remote = remote(transport, repo);
        Path work = seeded(repo, remote);
        String main = git.run(work, "rev-parse", "main").ok().outTrim();

        Response audit = server.api().get("/api/v3/admin/audit?per_page=100", server.admin());
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        JsonNode entry = null;
        for (JsonNode e : audit.json()) {
            if (e.get("action").asString().equals("git.push") && e.get("target").asString().equals(owner.login() + "/" + repo)) {
                assertThat(entry).as("one entry per push").isNull();
                entry = e;
            }
        }
        assertThat(entry).as(audit.body()).isNotNull();
        assertThat(entry.get("actor").get("login").asString()).isEqualTo(owner.login());
        assertThat(entry.get("actor").get("id").asLong()).isEqualTo(owner.id());
        assertThat(entry.get("remote_addr").asString()).isEqualTo("127.0.0.1");
        assertThat(entry.get("details").get("transport").asString()).isEqualTo(transport);
        JsonNode ref = entry.get("details").get("refs").get(0);
        assertThat(ref.get("ref").asString()).isEqualTo("refs/heads/main");
        assertThat(ref.get("after").asString()).isEqualTo(main);
        if (transport.equals("http")) {
            assertThat(entry.get("request_id").asString()).isNotBlank();
        } else {
            assertThat(entry.get("request_id").isNull()).isTrue();
        }
        assertThat(entry.toString()).doesNotContain(owner.token()).doesNotContain(owner.password());
    }

    @Test
    void commitsThroughTheApiAreAuditedAsPushesToo() {
        server.newRepo(owner, "api-audited", false);
        Response put = server.api().put("/api/v3/repos/" + owner.login() + "/api-audited/contents/a.txt", owner.bearer(),
                "{\"message\":\"m\",\"content\":\"YQ==\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        String sha = put.json().get("commit").get("sha").asString();
        Response audit = server.api().get("/api/v3/admin/audit?per_page=100", server.admin());
        JsonNode entry = null;
        for (JsonNode e : audit.json()) {
            if (e.get("action").asString().equals("git.push") && e.get("target").asString().equals(owner.login() + "/api-audited")) {
                entry = e;
            }
        }
        assertThat(entry).as(audit.body()).isNotNull();
        assertThat(entry.get("actor").get("login").asString()).isEqualTo(owner.login());
        assertThat(entry.get("remote_addr").asString()).isEqualTo("127.0.0.1");
        assertThat(entry.get("details").get("refs").get(0).get("after").asString()).isEqualTo(sha);
        assertThat(entry.get("details").get("refs").get(0).get("type").asString()).isEqualTo("create");
    }

    @Test
    void theReadmeOfAutoInitIsCommittedThroughTheWritePath() {
        Response created = server.api().post("/api/v3/user/repos", owner.bearer(),
                "{\"name\":\"auto-init\",\"auto_init\":true,\"description\":\"Made with a README\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Response branch = server.api().get("/api/v3/repos/" + owner.login() + "/auto-init/branches/main", owner.bearer());
        assertThat(branch.status()).as(branch.body()).isEqualTo(200);
        String sha = branch.json().get("commit").get("sha").asString();
        Response readme = server.api().get("/api/v3/repos/" + owner.login() + "/auto-init/readme", owner.bearer());
        assertThat(readme.status()).as(readme.body()).isEqualTo(200);

        // The same bookkeeping as any other commit: an audit entry and a push event of that commit.
        JsonNode entry = null;
        for (JsonNode e : server.api().get("/api/v3/admin/audit?per_page=100", server.admin()).json()) {
            if (e.get("action").asString().equals("git.push") && e.get("target").asString().equals(owner.login() + "/auto-init")) {
                entry = e;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.get("actor").get("login").asString()).isEqualTo(owner.login());
        assertThat(entry.get("details").get("refs").get(0).get("after").asString()).isEqualTo(sha);
        boolean pushed = server.hearth().activity().after(0, 10_000).stream().anyMatch(e ->
                e.activity() instanceof dev.hearth.activity.Activity.Pushed p
                        && p.repo().fullName().equals(owner.login() + "/auto-init") && p.after().equals(sha));
        assertThat(pushed).as("a push event for the README commit").isTrue();
    }
}
