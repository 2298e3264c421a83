package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.GitCli;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What crashes leave behind is removed: a stale ref lock no longer blocks its branch (at once,
 * before the next push; and at start), abandoned temporary packs, a repository folder without a
 * row and unfinished deletions go at the next start; what may still be in use stays.
 */
class LeftoversTest {
    @TempDir
    Path tmp;

    private static void age(Path p, Duration by) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(by)));
    }

    private static Path write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    @Test
    void staleLocksTempPacksOrphansAndTrashAreCleanedWhatIsInUseStays() throws IOException {
        try (TestHearth server = TestHearth.sqlite()) {
            TestHearth.User user = server.newUser("crashy");
            server.newRepo(user, "kept", false);
            String url = server.baseUrl().replace("http://", "http://" + user.login() + ":" + user.token() + "@")
                    + "/" + user.login() + "/kept.git";
            GitCli git = new GitCli(Files.createDirectories(tmp.resolve("home")));
            Path work = tmp.resolve("work");
            git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
            Files.writeString(work.resolve("f.txt"), "one");
            git.run(work, "add", ".").ok();
            git.run(work, "commit", "-q", "-m", "one").ok();
            git.run(work, "push", "-q", url, "main").ok();

            Path repos = server.dataDir().resolve("repos");
            Path gitDir;
            try (Stream<Path> found = Files.find(repos, 3, (p, a) -> p.getFileName().toString().endsWith(".git") && a.isDirectory())) {
                gitDir = found.findFirst().orElseThrow();
            }
            // A crash's lock on main: the next push clears it (it is older than any real lock) and goes through.
            age(write(gitDir.resolve("refs/heads/main.lock"), "0".repeat(40) + "\n"), Duration.ofMinutes(5));
            Files.writeString(work.resolve("f.txt"), "two");
            git.run(work, "commit", "-q", "-am", "two").ok();
            GitCli.Result push = git.run(work, "push", url, "main");
            assertThat(push.exit()).as(push.err()).isZero();

            Path staleLock = write(gitDir.resolve("refs/heads/topic.lock"), "x");
            age(staleLock, Duration.ofMinutes(5));
            Path freshLock = write(gitDir.resolve("refs/heads/busy.lock"), "x");
            Path oldIncoming = write(gitDir.resolve("objects/pack/incoming_123.pack"), "partial");
            age(oldIncoming, Duration.ofHours(2));
            Path oldGc = write(gitDir.resolve("objects/pack/gc_456.pack_tmp"), "partial");
            age(oldGc, Duration.ofHours(2));
            Path liveIncoming = write(gitDir.resolve("objects/pack/incoming_789.pack"), "still arriving");
            Path orphan = write(repos.resolve("ab/cd/999999.git/HEAD"), "ref: refs/heads/main\n").getParent();
            age(orphan, Duration.ofHours(2));
            Path young = write(repos.resolve("ab/cd/999998.git/HEAD"), "ref: refs/heads/main\n").getParent();
            Path trash = write(repos.resolve(".trash/7-x.git/HEAD"), "x").getParent();
            age(trash, Duration.ofMinutes(5));

            server.restart();
            assertThat(staleLock).doesNotExist();
            assertThat(oldIncoming).doesNotExist();
            assertThat(oldGc).doesNotExist();
            assertThat(orphan).doesNotExist();
            assertThat(trash).doesNotExist();
            assertThat(freshLock).as("a lock this young may be held").exists();
            assertThat(liveIncoming).as("a receive may still be writing it").exists();
            assertThat(young).as("a create may be under way").exists();

            Path clone = tmp.resolve("clone");
            git.run(tmp, "clone", "-q", url, clone.toString()).ok();
            assertThat(Files.readString(clone.resolve("f.txt"))).isEqualTo("two");
        }
    }
}
