package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.GitCli;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protected branches: the API in GitHub's shape, and the rules on pushes and on commits through
 * the API; run on SQLite and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BranchProtectionTest {
    TestHearth server;
    ApiClient api;
    TestHearth.User owner;
    TestHearth.User writer;

    @TempDir
    Path tmp;
    GitCli git;

    abstract TestHearth startServer();

    @BeforeAll
    void start() {
        server = startServer();
        api = server.api();
        owner = server.newUser("guard");
        writer = server.newUser("dev");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void cli() throws IOException {
        git = new GitCli(Files.createDirectories(tmp.resolve("home")));
    }

    private String url(String repo, TestHearth.User as) {
        return server.baseUrl().replace("http://", "http://" + as.login() + ":" + as.token() + "@") + "/" + owner.login() + "/" + repo + ".git";
    }

    private String protection(String repo, String branch) {
        return "/api/v3/repos/" + owner.login() + "/" + repo + "/branches/" + branch + "/protection";
    }

    private static final String GITHUB_BODY = """
            {"required_status_checks":null,"enforce_admins":%s,"required_pull_request_reviews":null,
             "restrictions":%s,"allow_force_pushes":%s,"allow_deletions":false}""";

    /** A repository with main and release/1, each one commit, and a working copy at main. */
    private Path repoWithBranches(String repo) throws IOException {
        server.newRepo(owner, repo, false);
        api.put("/api/v3/repos/" + owner.login() + "/" + repo + "/collaborators/" + writer.login(), owner.bearer(), "{\"permission\":\"write\"}");
        Path work = tmp.resolve("work-" + repo);
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        Files.writeString(work.resolve("f.txt"), "one");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "one").ok();
        git.run(work, "push", "-q", url(repo, owner), "main", "main:release/1").ok();
        return work;
    }

    @Test
    void protectionInGitHubsShape() {
        server.newRepo(owner, "shape", true);
        api.put("/api/v3/repos/" + owner.login() + "/shape/collaborators/" + writer.login(), owner.bearer(), "{\"permission\":\"write\"}");
        TestHearth.User stranger = server.newUser("nosy");
        String body = GITHUB_BODY.formatted("true", "{\"users\":[\"" + writer.login() + "\"],\"teams\":[]}", "false");
        Response put = api.put(protection("shape", "release/*"), owner.bearer(), body);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("enforce_admins").get("enabled").asBoolean()).isTrue();
        assertThat(put.json().get("allow_force_pushes").get("enabled").asBoolean()).isFalse();
        assertThat(put.json().get("restrictions").get("users").get(0).get("login").asString()).isEqualTo(writer.login());
        assertThat(api.get(protection("shape", "release/*"), owner.bearer()).json().get("url").asString()).endsWith("/protection");

        assertThat(api.put(protection("shape", "main"), writer.bearer(), body).status()).isEqualTo(403);
        assertThat(api.put(protection("shape", "main"), stranger.bearer(), body).status()).isEqualTo(404);
        assertThat(api.put(protection("shape", "main"), owner.bearer(),
                "{\"required_status_checks\":{\"strict\":true,\"contexts\":[]}}").status()).isEqualTo(422);
        assertThat(api.put(protection("shape", "main"), owner.bearer(),
                GITHUB_BODY.formatted("false", "{\"users\":[\"no-such-user\"]}", "false")).status()).isEqualTo(422);
        assertThat(api.get(protection("shape", "main"), owner.bearer()).status()).isEqualTo(404);
        assertThat(api.delete(protection("shape", "release/*"), owner.bearer()).status()).isEqualTo(204);
        assertThat(api.get(protection("shape", "release/*"), owner.bearer()).status()).isEqualTo(404);
    }

    @Test
    void forcePushesAndDeletionsAreRefusedWithTheReason() throws IOException {
        Path work = repoWithBranches("strict");
        assertThat(api.put(protection("strict", "main"), owner.bearer(), GITHUB_BODY.formatted("true", "null", "false")).status()).isEqualTo(200);
        assertThat(api.put(protection("strict", "release/*"), owner.bearer(), GITHUB_BODY.formatted("true", "null", "false")).status()).isEqualTo(200);
        String before = git.run(tmp, "ls-remote", url("strict", owner)).ok().out();

        git.run(work, "commit", "-q", "--amend", "-m", "rewritten").ok();
        GitCli.Result force = git.run(work, "push", "--force", url("strict", owner), "main");
        assertThat(force.exit()).isNotZero();
        assertThat(force.err()).contains("[remote rejected] main -> main (protected branch: force-push not allowed)");

        GitCli.Result delete = git.run(work, "push", url("strict", owner), ":release/1");
        assertThat(delete.err()).contains("[remote rejected] release/1 (protected branch: deletion not allowed)");
        assertThat(git.run(tmp, "ls-remote", url("strict", owner)).ok().out()).isEqualTo(before);

        // Without enforce_admins the owner may; a writer still may not.
        assertThat(api.put(protection("strict", "main"), owner.bearer(), GITHUB_BODY.formatted("false", "null", "false")).status()).isEqualTo(200);
        assertThat(git.run(work, "push", "--force", url("strict", writer), "main").exit()).isNotZero();
        git.run(work, "push", "-q", "--force", url("strict", owner), "main").ok();
    }

    @Test
    void restrictionsApplyToPushesAndToCommitsThroughTheApi() throws IOException {
        Path work = repoWithBranches("restricted");
        assertThat(api.put(protection("restricted", "main"), owner.bearer(),
                GITHUB_BODY.formatted("false", "{\"users\":[]}", "false")).status()).isEqualTo(200);
        Files.writeString(work.resolve("f.txt"), "two");
        git.run(work, "commit", "-q", "-am", "two").ok();
        GitCli.Result push = git.run(work, "push", url("restricted", writer), "main");
        assertThat(push.err()).contains("(protected branch: you are not allowed to push to main)");

        String content = Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8));
        Response viaApi = api.put("/api/v3/repos/" + owner.login() + "/restricted/contents/new.txt", writer.bearer(),
                "{\"message\":\"m\",\"content\":\"" + content + "\"}");
        assertThat(viaApi.status()).isEqualTo(403);
        assertThat(viaApi.json().get("detail").asString()).contains("protected branch");
        assertThat(api.put("/api/v3/repos/" + owner.login() + "/restricted/contents/new.txt", writer.bearer(),
                "{\"message\":\"m\",\"content\":\"" + content + "\",\"branch\":\"release/1\"}").status()).isEqualTo(201);
        git.run(work, "push", "-q", url("restricted", owner), "main").ok();
    }
}
