package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.GitCli;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trees on the write side: a push deeper than the depth limit or with a folder past the entry
 * limit is refused naming the limit (the real git CLI, a server with small limits); a path too
 * deep for the contents API is a 422; and a branch holding a very deep tree (pushed before the
 * limit) answers API commits with a 422, not a 500.
 */
class TreeLimitsTest {
    static final int DEPTH = 40;
    static final int ENTRIES = 500;
    static TestHearth small;
    static TestHearth standard;
    static TestHearth.User owner;
    static TestHearth.User owner2;

    @TempDir
    Path tmp;
    GitCli git;

    @BeforeAll
    static void start() {
        small = TestHearth.withTreeLimits(DEPTH, ENTRIES);
        // As if the trees had been pushed before there was a depth limit.
        standard = TestHearth.withTreeLimits(100_000, 100_000);
        owner = small.newUser("trees");
        owner2 = standard.newUser("deep");
    }

    @AfterAll
    static void stop() {
        small.close();
        standard.close();
    }

    @BeforeEach
    void cli() throws IOException {
        git = new GitCli(Files.createDirectories(tmp.resolve("home")));
    }

    private static String url(TestHearth server, TestHearth.User user, String repo) {
        return server.baseUrl().replace("http://", "http://" + user.login() + ":" + user.token() + "@")
                + "/" + user.login() + "/" + repo + ".git";
    }

    private Path work(String name) {
        Path work = tmp.resolve("work-" + name);
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        return work;
    }

    /** {@code levels} folders named {@code d} under {@code root}, a file at the bottom: a path {@code levels + 1} deep. */
    private static Path nested(Path root, int levels) throws IOException {
        Path dir = root;
        for (int i = 0; i < levels; i++) dir = dir.resolve("d");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("f.txt"), "bottom\n");
        return dir;
    }

    private GitCli.Result commitAndPush(Path work, String repo) {
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "tree").ok();
        return git.run(work, "push", url(small, owner, repo), "main");
    }

    @Test
    void aPushDeeperThanTheLimitIsRefusedNamingIt() throws IOException {
        small.newRepo(owner, "deep", false);
        Path work = work("deep");
        nested(work.resolve("ok"), DEPTH - 2); // ok/d/.../f.txt: DEPTH deep
        GitCli.Result fine = commitAndPush(work, "deep");
        assertThat(fine.exit()).as(fine.err()).isZero();

        nested(work.resolve("too"), DEPTH - 1);
        GitCli.Result refused = commitAndPush(work, "deep");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("remote unpack failed").contains("more than " + DEPTH + " folders deep");
        assertThat(git.run(tmp, "ls-remote", url(small, owner, "deep"), "main").ok().out())
                .startsWith(git.run(work, "rev-parse", "HEAD~1").ok().outTrim());
    }

    @Test
    void aDeepTreeThatAlsoSitsShallowIsMeasuredWhereItIsDeepest() throws IOException {
        small.newRepo(owner, "shared", false);
        Path work = work("shared");
        // The same 30-level folder twice: at depth 1 (31 deep) and under 15 more levels (46 deep).
        // A walk that visits each tree once, at the first place it meets it, would see only 31.
        Path bottom = nested(work.resolve("a"), 30);
        Path deep = work.resolve("z");
        for (int i = 0; i < 15; i++) deep = deep.resolve("l");
        Files.createDirectories(deep);
        Path copy = deep.resolve("a");
        nested(copy, 30);
        assertThat(Files.readString(bottom.resolve("f.txt"))).isEqualTo("bottom\n");
        GitCli.Result refused = commitAndPush(work, "shared");
        assertThat(refused.exit()).as(refused.err()).isNotZero();
        assertThat(refused.err()).contains("more than " + DEPTH + " folders deep");
    }

    @Test
    void aFolderWithMoreEntriesThanTheLimitIsRefusedNamingIt() throws IOException {
        small.newRepo(owner, "wide", false);
        Path work = work("wide");
        Path dir = Files.createDirectories(work.resolve("many"));
        for (int i = 0; i < ENTRIES; i++) Files.writeString(dir.resolve("f" + i), "");
        GitCli.Result fine = commitAndPush(work, "wide");
        assertThat(fine.exit()).as(fine.err()).isZero();
        Files.writeString(dir.resolve("one-more"), "");
        GitCli.Result refused = commitAndPush(work, "wide");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("remote unpack failed").contains("more than " + ENTRIES + " entries");
    }

    private static String put(String text) {
        return "{\"message\":\"m\",\"content\":\"" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    @Test
    void aContentsPathThousandsOfLevelsDeepIsA422() {
        standard.newRepo(owner2, "api-deep", false);
        String path = "d/".repeat(999) + "f.txt";
        Response r = standard.api().put("/api/v3/repos/" + owner2.login() + "/api-deep/contents/" + path, owner2.bearer(), put("x"));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains(Integer.toString(RepoPath.MAX_DEPTH));
        String fine = "d/".repeat(RepoPath.MAX_DEPTH - 1) + "f.txt";
        Response ok = standard.api().put("/api/v3/repos/" + owner2.login() + "/api-deep/contents/" + fine, owner2.bearer(), put("x"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    }

    @Test
    void anApiCommitOnABranchHoldingAVeryDeepTreeIsA422NotA500() throws IOException {
        standard.newRepo(owner2, "held", false);
        Path work = work("held");
        git.run(work, "commit", "-q", "--allow-empty", "-m", "root").ok();
        // 5,000 levels, pushed before there was a limit (this server's is 100,000): built with
        // JGit, as no file system holds a path that long.
        ObjectId tree;
        try (Repository db = new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).build();
             ObjectInserter ins = db.newObjectInserter()) {
            TreeFormatter leaf = new TreeFormatter();
            leaf.append("f.txt", FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, "bottom\n".getBytes(StandardCharsets.UTF_8)));
            tree = ins.insert(leaf);
            for (int i = 0; i < 5_000; i++) {
                TreeFormatter up = new TreeFormatter();
                up.append("d", FileMode.TREE, tree);
                tree = ins.insert(up);
            }
            ins.flush();
        }
        String commit = git.run(work, "commit-tree", tree.name(), "-p", "HEAD", "-m", "deep").ok().outTrim();
        GitCli.Result push = git.run(work, "push", url(standard, owner2, "held"), commit + ":refs/heads/main");
        assertThat(push.exit()).as(push.err()).isZero();
        Response r = standard.api().put("/api/v3/repos/" + owner2.login() + "/held/contents/README.md", owner2.bearer(), put("hi"));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("nested too deeply");
        assertThat(git.run(tmp, "ls-remote", url(standard, owner2, "held"), "main").ok().out()).startsWith(commit);
    }
}
