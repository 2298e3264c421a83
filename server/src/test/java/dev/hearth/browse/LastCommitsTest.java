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

    @Test
    void answersKeptOnDiskServeARestartAndStopALaterWalk() throws IOException {
        Path bare = bareClone("disk.git");
        try (Repository repo = openBare(bare)) {
            ObjectId tip = repo.resolve("main");
            LastCommitStore store = new LastCommitStore();
            LastCommits first = new LastCommits(1 << 20, store);
            Map<String, LastCommits.LastCommit> answer = first.of(repo, tip, "dir");
            assertThat(shas(answer)).isEqualTo(gitLog(bare, "main", "dir"));
            assertThat(first.walks()).isEqualTo(1);
            assertThat(LastCommitStore.folder(bare, "dir").resolve(tip.name())).isRegularFile();

            LastCommits restarted = new LastCommits(1 << 20, store); // empty memory, the same disk
            assertThat(restarted.of(repo, tip, "dir")).as("read back whole: sha, summary, author, time")
                    .containsExactlyEntriesOf(answer);
            assertThat(restarted.walks()).isZero();

            // One commit pushed on top: a new instance walks it and stops at the answer kept for its parent.
            ObjectId newer = pushOneCommit(bare, "dir/a.txt");
            LastCommits afterPush = new LastCommits(1 << 20, store);
            assertThat(shas(afterPush.of(repo, newer, "dir"))).isEqualTo(gitLog(bare, "main", "dir"))
                    .containsEntry("a.txt", newer.name());
            assertThat(afterPush.commitsVisited()).isLessThanOrEqualTo(2);
            LastCommits memoryOnly = new LastCommits(1 << 20);
            assertThat(shas(memoryOnly.of(repo, newer, "dir"))).isEqualTo(gitLog(bare, "main", "dir"));
            assertThat(memoryOnly.commitsVisited()).as("what the kept answer saved").isGreaterThan(10);

            // A page of a bare commit sha reads what is kept but keeps nothing of its own.
            ObjectId old = repo.resolve("main~3");
            assertThat(shas(new LastCommits(1 << 20, store).of(repo, old, "dir", false))).isEqualTo(gitLog(bare, "main~3", "dir"));
            assertThat(LastCommitStore.folder(bare, "dir").resolve(old.name())).doesNotExist();
            assertThat(LastCommitStore.folder(bare, "dir").resolve(newer.name())).isRegularFile();
        }
    }

    @Test
    void aDamagedOrTruncatedFileIsIgnoredAndWrittenAgain() throws IOException {
        Path bare = bareClone("damaged.git");
        try (Repository repo = openBare(bare)) {
            ObjectId tip = repo.resolve("main");
            LastCommitStore store = new LastCommitStore();
            new LastCommits(1 << 20, store).of(repo, tip, "dir");
            Path kept = LastCommitStore.folder(bare, "dir").resolve(tip.name());
            byte[] whole = Files.readAllBytes(kept);
            Map<String, String> expected = gitLog(bare, "main", "dir");

            byte[] flipped = whole.clone();
            flipped[whole.length / 2] ^= 0x20;
            for (byte[] damaged : List.of(flipped, java.util.Arrays.copyOf(whole, whole.length - 9), new byte[0])) {
                Files.write(kept, damaged);
                LastCommits reader = new LastCommits(1 << 20, store);
                assertThat(shas(reader.of(repo, tip, "dir"))).isEqualTo(expected);
                assertThat(reader.walks()).as("computed again, not read").isEqualTo(1);
                assertThat(Files.readAllBytes(kept)).as("written again").isEqualTo(whole);
            }
            // Another directory's answer under this directory's name is not taken either.
            Files.copy(LastCommitStore.folder(bare, "dir").resolve(tip.name()), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            new LastCommits(1 << 20, store).of(repo, tip, "dir/sub");
            Files.copy(LastCommitStore.folder(bare, "dir/sub").resolve(tip.name()), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            LastCommits reader = new LastCommits(1 << 20, store);
            assertThat(shas(reader.of(repo, tip, "dir"))).isEqualTo(expected);
            assertThat(reader.walks()).isEqualTo(1);
        }
    }

    @Test
    void keepsOnlyTheNewestAnswersOfTheNewestDirectories() throws IOException {
        Path bare = bareClone("pruned.git");
        try (Repository repo = openBare(bare)) {
            LastCommitStore store = new LastCommitStore(2, 3);
            List<String> commits = git.run(bare, "rev-list", "--reverse", "main").ok().out().lines().toList();
            for (String sha : commits) new LastCommits(1 << 20, store).of(repo, ObjectId.fromString(sha), "dir");
            try (var files = Files.list(LastCommitStore.folder(bare, "dir"))) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .containsExactlyInAnyOrder(commits.get(commits.size() - 1), commits.get(commits.size() - 2));
            }
            ObjectId tip = repo.resolve("main");
            for (String dir : List.of("dir/sub", "dir/sub/deep", "")) new LastCommits(1 << 20, store).of(repo, tip, dir);
            assertThat(store.directories(bare, 10)).containsExactly("", "dir/sub/deep", "dir/sub");
            try (var folders = Files.list(LastCommitStore.folder(bare, "").getParent())) {
                assertThat(folders).hasSize(3);
            }
        }
    }

    @Test
    void refreshComputesTheRootAndTheFoldersShownAtANewHead() throws IOException {
        Path bare = bareClone("refreshed.git");
        try (Repository repo = openBare(bare)) {
            LastCommitStore store = new LastCommitStore();
            new LastCommits(1 << 20, store).of(repo, repo.resolve("main"), "dir/sub");
            ObjectId newer = pushOneCommit(bare, "dir/sub/y.txt");

            LastCommits maintenance = new LastCommits(1 << 20, store);
            assertThat(maintenance.refresh(repo, newer)).as("the root, the folder shown, the large folder")
                    .containsExactly("", "dir/sub", "many");
            LastCommits page = new LastCommits(1 << 20, store);
            assertThat(shas(page.of(repo, newer, "dir/sub"))).isEqualTo(gitLog(bare, "main", "dir/sub"))
                    .containsEntry("y.txt", newer.name());
            assertThat(shas(page.of(repo, newer, ""))).isEqualTo(gitLog(bare, "main", ""));
            assertThat(page.walks()).as("both read from disk").isZero();

            // How large is large: with 10, "dir" (12 entries) is computed too, never shown; "dir/t" (1) is not.
            assertThat(new LastCommits(1 << 20, store).refresh(repo, newer, 10)).containsExactlyInAnyOrder("", "dir/sub", "many", "dir");
            LastCommits large = new LastCommits(1 << 20, store);
            assertThat(shas(large.of(repo, newer, "dir"))).isEqualTo(gitLog(bare, "main", "dir"));
            assertThat(large.walks()).isZero();
        }
    }

    /** A bare copy of the history, for a test that writes into it. */
    static Path bareClone(String name) {
        Path bare = tmp.resolve(name);
        git.run(tmp, "clone", "-q", "--bare", work.toString(), bare.toString()).ok();
        return bare;
    }

    static Repository openBare(Path bare) throws IOException {
        return new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build();
    }

    /** Pushes one commit changing {@code path} to the bare repository's main; returns it. */
    static ObjectId pushOneCommit(Path bare, String path) throws IOException {
        Path clone = tmp.resolve("push-" + bare.getFileName() + "-" + (++day));
        git.run(tmp, "clone", "-q", bare.toString(), clone.toString()).ok();
        Files.writeString(clone.resolve(path), "changed on day " + day + "\n");
        git.run(clone, env(day), "commit", "-q", "-a", "-m", "Change " + path).ok();
        git.run(clone, "push", "-q", "origin", "HEAD:main").ok();
        return ObjectId.fromString(git.run(clone, "rev-parse", "HEAD").ok().outTrim());
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
