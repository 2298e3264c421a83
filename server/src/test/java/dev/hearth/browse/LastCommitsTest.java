package dev.hearth.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.git.RepoMaintenance;
import dev.hearth.testing.GitCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LastCommits} against the real git CLI: for every entry of a directory, the answer must
 * be what {@code git log -1 --format=%H <commit> -- <dir>/<entry>} prints. One history (built
 * once per class) holds the cases that trip a walk: merges whose sides change different entries,
 * a merge that resolves a conflict, a merge that takes one side, an entry deleted and re-added
 * with its old content, a rename, a folder changed deep inside, a mode-only change, a file that
 * becomes a folder, names with spaces and unicode, files only the root commit touched, one commit
 * that changes more than 512 paths (its Bloom filter says "maybe" to everything), and an empty commit.
 */
class LastCommitsTest {
    static final long DAY0 = 1_704_110_400L; // 2024-01-01T12:00:00Z

    @TempDir
    static Path tmp;
    static GitCli git;
    static Path work;
    static int day;

    @BeforeAll
    static void buildHistory() throws IOException {
        git = new GitCli(Files.createDirectories(tmp.resolve("home")));
        work = tmp.resolve("work");
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();

        write("README.md", "readme\n");
        write("LICENSE", "only in the root commit\n");
        write("dir/a.txt", "a1\n");
        write("dir/b.txt", "b1\n");
        write("dir/untouched.txt", "never changed again\n");
        write("dir/sub/deep/x.txt", "x1\n");
        write("dir/sub/y.txt", "y1\n");
        write("dir/naïve file.md", "unicode\n");
        write("dir/with space.txt", "spaced\n");
        write("dir/gone.txt", "gone\n");
        write("dir/t", "a file that becomes a folder\n");
        write("dir/run.sh", "#!/bin/sh\n");
        commit("Root commit");

        write("dir/a.txt", "a2\n");
        commit("Change a");

        git("checkout", "-q", "-b", "feature");
        write("dir/b.txt", "b2 on feature\n");
        commit("Feature changes b");
        write("dir/feature.txt", "new on feature\n");
        commit("Feature adds a file");

        git("checkout", "-q", "main");
        write("dir/sub/deep/x.txt", "x2\n");
        commit("Deep change");
        Files.delete(work.resolve("dir/gone.txt"));
        commit("Delete gone");
        merge("feature", "Merge feature (sides changed different entries)");

        write("dir/gone.txt", "gone\n"); // the same content as before it was deleted
        commit("Re-add gone");
        git("mv", "dir/with space.txt", "dir/renamed space.txt");
        commit("Rename a spaced file");
        Files.setPosixFilePermissions(work.resolve("dir/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        commit("Make run.sh executable");
        Files.delete(work.resolve("dir/t"));
        write("dir/t/inner.txt", "now a folder\n");
        commit("File t becomes a folder");

        // A conflict on a.txt, resolved to a third content; b.txt taken from the topic side.
        git("checkout", "-q", "-b", "topic");
        write("dir/a.txt", "a on topic\n");
        write("dir/b.txt", "b on topic\n");
        commit("Topic changes a and b");
        git("checkout", "-q", "main");
        write("dir/a.txt", "a on main\n");
        commit("Main changes a");
        day++;
        git.run(work, env(day), "-c", "core.quotepath=off", "merge", "-q", "--no-ff", "-m", "Merge topic", "topic"); // conflicts
        write("dir/a.txt", "a resolved\n");
        write("dir/b.txt", "b on topic\n");
        git("add", "-A");
        git(env(day), "commit", "-q", "--no-edit");

        // A merge whose first parent is TREESAME for everything but whose second parent is older.
        git("checkout", "-q", "-b", "old", "HEAD~3");
        write("dir/sub/y.txt", "y on an old branch\n");
        commit("Old branch changes y");
        git("checkout", "-q", "main");
        merge("old", "Merge old");

        for (int i = 0; i < 600; i++) write(String.format("many/f%03d.txt", i), "file " + i + "\n");
        write("dir/b.txt", "b beside 600 new files\n");
        commit("Add 600 files and change b"); // more than 512 changed paths: no usable Bloom filter

        day++;
        git(env(day), "commit", "-q", "--allow-empty", "-m", "Empty commit");
        write("dir/sub/y.txt", "y last\n");
        commit("Change y again");
    }

    @Test
    void everyEntryOfEveryDirectoryAtTheTipIsWhatGitLogSays() throws IOException {
        try (Repository repo = open()) {
            LastCommits lastCommits = new LastCommits(1 << 20);
            ObjectId tip = repo.resolve("main");
            for (String dir : List.of("", "dir", "dir/sub", "dir/sub/deep", "dir/t")) {
                assertThat(shas(lastCommits.of(repo, tip, dir))).as(dir).isEqualTo(gitLog("main", dir));
            }
        }
    }

    @Test
    void everyCommitOfTheHistoryAgreesWithGitWithAFreshOrASharedCache() throws IOException {
        List<String> commits = git("rev-list", "--reverse", "--all").lines().toList();
        assertThat(commits).hasSizeGreaterThan(15);
        try (Repository repo = open()) {
            LastCommits shared = new LastCommits(1 << 20); // oldest first: later walks meet cached answers
            for (String sha : commits) {
                Map<String, String> expected = gitLog(sha, "dir");
                assertThat(shas(new LastCommits(1 << 20).of(repo, ObjectId.fromString(sha), "dir"))).as(sha).isEqualTo(expected);
                assertThat(shas(shared.of(repo, ObjectId.fromString(sha), "dir"))).as(sha + " shared").isEqualTo(expected);
            }
            assertThat(shared.cachedAnswers()).isGreaterThanOrEqualTo(commits.size());
        }
    }

    @Test
    void theSameAnswersWithTheCommitGraphThatMaintenanceWrites() throws IOException {
        Path bare = tmp.resolve("graph.git");
        git.run(tmp, "clone", "-q", "--bare", work.toString(), bare.toString()).ok();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build()) {
            ObjectId tip = repo.resolve("main");
            Map<String, Map<String, String>> without = new HashMap<>();
            for (String dir : List.of("", "dir", "dir/sub")) without.put(dir, shas(new LastCommits(1 << 20).of(repo, tip, dir)));

            RepoMaintenance.GraphWrite written = RepoMaintenance.writeCommitGraph(repo);
            assertThat(written.commits()).isEqualTo(Long.parseLong(git.run(bare, "rev-list", "--count", "--all").ok().outTrim()));
            assertThat(written.filtersComputed()).isEqualTo(written.commits());
            LastCommits withGraph = new LastCommits(1 << 20);
            assertThat(withGraph.graph(repo)).as("the graph is read, with Bloom filters")
                    .hasValueSatisfying(g -> assertThat(g.getChangedPathFilter(0)).isNotNull());
            for (String dir : List.of("", "dir", "dir/sub")) {
                assertThat(shas(new LastCommits(1 << 20).of(repo, tip, dir))).as(dir).isEqualTo(without.get(dir)).isEqualTo(gitLog(bare, "main", dir));
            }
            for (String sha : git.run(bare, "rev-list", "--all").ok().out().lines().toList()) {
                assertThat(shas(new LastCommits(1 << 20).of(repo, ObjectId.fromString(sha), "dir"))).as(sha).isEqualTo(gitLog(bare, sha, "dir"));
            }

            // Commits pushed after the graph was written are read as objects, the rest from the graph.
            Path other = tmp.resolve("other");
            git.run(tmp, "clone", "-q", bare.toString(), other.toString()).ok();
            Files.writeString(other.resolve("dir/a.txt"), "a after the graph\n");
            git.run(other, env(++day), "commit", "-q", "-a", "-m", "After the graph").ok();
            git.run(other, "push", "-q", "origin", "HEAD:newer").ok();
            ObjectId newer = repo.resolve("newer");
            assertThat(shas(new LastCommits(1 << 20).of(repo, newer, "dir"))).isEqualTo(gitLog(bare, "newer", "dir"));

            // Rewriting reuses the filters of the commits the old file has.
            RepoMaintenance.GraphWrite again = RepoMaintenance.writeCommitGraph(repo);
            assertThat(again.filtersReused()).isEqualTo(written.commits());
            assertThat(again.filtersComputed()).isEqualTo(1);
            assertThat(shas(new LastCommits(1 << 20).of(repo, newer, "dir"))).isEqualTo(gitLog(bare, "newer", "dir"));
        }
    }

    @Test
    void describesTheCommitAsGitDoes() throws IOException {
        try (Repository repo = open()) {
            LastCommits.LastCommit c = new LastCommits(1 << 20).of(repo, repo.resolve("main"), "dir").get("renamed space.txt");
            List<String> expected = git("log", "-1", "--format=%H%n%s%n%an%n%ae%n%at", "main", "--", ":(literal)dir/renamed space.txt").lines().toList();
            assertThat(c.sha()).isEqualTo(expected.get(0));
            assertThat(c.summary()).isEqualTo(expected.get(1)).isEqualTo("Rename a spaced file");
            assertThat(c.authorName()).isEqualTo(expected.get(2));
            assertThat(c.authorEmail()).isEqualTo(expected.get(3));
            assertThat(c.authorDate().getEpochSecond()).isEqualTo(Long.parseLong(expected.get(4)));
        }
    }

    @Test
    void aPathThatIsNoDirectoryAndAnEmptyRootListNothing() throws IOException {
        try (Repository repo = open()) {
            LastCommits lastCommits = new LastCommits(1 << 20);
            ObjectId tip = repo.resolve("main");
            assertThat(lastCommits.of(repo, tip, "no/such/dir")).isEmpty();
            assertThat(lastCommits.of(repo, tip, "dir/a.txt")).isEmpty();
            assertThat(lastCommits.of(repo, tip, "/dir/sub/")).containsOnlyKeys("deep", "y.txt");
        }
        Path empty = tmp.resolve("empty");
        git.run(tmp, "init", "-q", "-b", "main", empty.toString()).ok();
        git.run(empty, "commit", "-q", "--allow-empty", "-m", "Nothing").ok();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(empty.resolve(".git").toFile()).setMustExist(true).build()) {
            assertThat(new LastCommits(1 << 20).of(repo, repo.resolve("main"), "")).isEmpty();
        }
    }

    /** What git says for every entry of {@code dir} at {@code rev}, one {@code git log -1} per entry. */
    static Map<String, String> gitLog(String rev, String dir) {
        return gitLog(work, rev, dir);
    }

    static Map<String, String> gitLog(Path repo, String rev, String dir) {
        Map<String, String> expected = new LinkedHashMap<>();
        String treeish = dir.isEmpty() ? rev : rev + ":" + dir;
        List<String> names = new ArrayList<>();
        for (String name : git.run(repo, "-c", "core.quotepath=off", "ls-tree", "-z", "--name-only", treeish).ok().out().split("\0")) {
            if (!name.isEmpty()) names.add(name);
        }
        for (String name : names) {
            String path = dir.isEmpty() ? name : dir + "/" + name;
            expected.put(name, git.run(repo, "log", "-1", "--format=%H", rev, "--", ":(literal)" + path).ok().outTrim());
        }
        return expected;
    }

    static Map<String, String> shas(Map<String, LastCommits.LastCommit> answer) {
        Map<String, String> shas = new LinkedHashMap<>();
        answer.forEach((name, c) -> shas.put(name, c.sha()));
        return shas;
    }

    static Repository open() throws IOException {
        return new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).setMustExist(true).build();
    }

    static void write(String path, String content) throws IOException {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Commits everything, a day after the previous commit (git's order never rests on equal times). */
    static void commit(String message) {
        day++;
        git("add", "-A");
        git(env(day), "commit", "-q", "-m", message);
    }

    static void merge(String branch, String message) {
        day++;
        git(env(day), "merge", "-q", "--no-ff", "-m", message, branch);
    }

    static Map<String, String> env(int day) {
        String date = "@" + (DAY0 + day * 86_400L) + " +0000";
        return Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date);
    }

    static String git(String... args) {
        return git(Map.of(), args);
    }

    static String git(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = "core.quotepath=off";
        System.arraycopy(args, 0, all, 2, args.length);
        return git.run(work, env, all).ok().out();
    }
}
