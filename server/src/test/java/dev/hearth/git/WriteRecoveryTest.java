package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.activity.Activity;
import dev.hearth.testing.GitCli;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * No acknowledged change without its event: a push stopped (as by a crash) after its refs moved
 * and before its events were written is recorded when Hearth starts again, exactly once.
 */
class WriteRecoveryTest {
    @TempDir
    Path tmp;

    /** What the fault seam throws: the process "dies" here. */
    static final class Crash extends RuntimeException {
        Crash() {
            super("injected crash between the ref update and the events");
        }
    }

    @Test
    void aPushCutOffAfterItsRefsMovedIsRecordedAtTheNextStartExactlyOnce() throws IOException {
        AtomicBoolean armed = new AtomicBoolean();
        try (TestHearth server = TestHearth.withFaults(new WritePath.Faults() {
            @Override
            public void afterRefUpdate(long repositoryId) {
                if (armed.getAndSet(false)) throw new Crash();
            }
        })) {
            TestHearth.User user = server.newUser("crash");
            server.newRepo(user, "survivor", false);
            String url = server.baseUrl().replace("http://", "http://" + user.login() + ":" + user.token() + "@")
                    + "/" + user.login() + "/survivor.git";
            GitCli git = new GitCli(Files.createDirectories(tmp.resolve("home")));
            Path work = tmp.resolve("work");
            git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
            Files.writeString(work.resolve("f.txt"), "one");
            git.run(work, "add", ".").ok();
            git.run(work, "commit", "-q", "-m", "one").ok();
            git.run(work, "push", "-q", url, "main").ok();
            Files.writeString(work.resolve("f.txt"), "two");
            git.run(work, "commit", "-q", "-am", "two").ok();
            String two = git.run(work, "rev-parse", "HEAD").ok().outTrim();

            armed.set(true);
            GitCli.Result cut = git.run(work, "push", url, "main:main", "main:topic");
            assertThat(armed).as("the fault fired").isFalse();
            assertThat(cut.exit()).as("the server died mid-push: " + cut.err()).isNotZero();
            // The refs moved; their events were not written.
            assertThat(git.run(tmp, "ls-remote", url).ok().out())
                    .contains(two + "\trefs/heads/main").contains(two + "\trefs/heads/topic");
            assertThat(pushesTo(server, two)).isEmpty();

            // A young intent may be another node's write in flight: a start leaves it alone.
            server.restart();
            assertThat(pushesTo(server, two)).isEmpty();
            server.clock().advance(WritePath.SETTLE_AFTER.plusSeconds(1));
            server.restart();
            List<Activity> recorded = pushesTo(server, two);
            assertThat(recorded).hasSize(2);
            assertThat(recorded).allSatisfy(a -> assertThat(a.actor().login()).isEqualTo(user.login()));
            assertThat(recorded.stream().map(a -> ((Activity.Pushed) a).ref()))
                    .containsExactlyInAnyOrder("refs/heads/main", "refs/heads/topic");
            Activity.Pushed main = recorded.stream().map(a -> (Activity.Pushed) a)
                    .filter(p -> p.ref().equals("refs/heads/main")).findFirst().orElseThrow();
            assertThat(main.totalCommits()).isEqualTo(1);
            assertThat(main.commits().getFirst().message()).isEqualTo("two\n");
            assertThat(created(server, "refs/heads/topic")).isEqualTo(1);
            assertThat(pushAudits(server, user)).isEqualTo(2); // the first push, and the settled one
            // The audit entry keeps who pushed and from where, though a restart settled it.
            JsonNode settled = audits(server, user).getFirst(); // newest first
            assertThat(settled.get("remote_addr").asString()).isEqualTo("127.0.0.1");
            assertThat(settled.get("actor").get("login").asString()).isEqualTo(user.login());
            assertThat(settled.get("details").get("transport").asString()).isEqualTo("http");
            assertThat(settled.get("details").get("refs").size()).isEqualTo(2);
            assertThat(settled.get("details").get("recovered").asBoolean()).isTrue();

            server.restart();
            assertThat(pushesTo(server, two)).hasSize(2);
            assertThat(created(server, "refs/heads/topic")).isEqualTo(1);
            assertThat(pushAudits(server, user)).isEqualTo(2);

            // Later pushes are recorded as usual.
            Files.writeString(work.resolve("f.txt"), "three");
            git.run(work, "commit", "-q", "-am", "three").ok();
            git.run(work, "push", "-q", url, "main").ok();
            assertThat(pushesTo(server, git.run(work, "rev-parse", "HEAD").ok().outTrim())).hasSize(1);
        }
    }

    @Test
    void aFailingEventWriteIsRetriedAndNeverReportedAsAFailedPush() throws IOException {
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        try (TestHearth server = TestHearth.withFaults(new WritePath.Faults() {
            @Override
            public void recordingEvents(long repositoryId, int attempt) {
                attempts.incrementAndGet();
                if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new org.jdbi.v3.core.ConnectionException(new java.sql.SQLException("[SQLITE_BUSY] injected"));
                }
            }
        })) {
            TestHearth.User user = server.newUser("busy");
            server.newRepo(user, "survivor", false);
            String url = server.baseUrl().replace("http://", "http://" + user.login() + ":" + user.token() + "@")
                    + "/" + user.login() + "/survivor.git";
            GitCli git = new GitCli(Files.createDirectories(tmp.resolve("home")));
            Path work = tmp.resolve("work");
            git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
            Files.writeString(work.resolve("f.txt"), "one");
            git.run(work, "add", ".").ok();
            git.run(work, "commit", "-q", "-m", "one").ok();

            // Two failures, then success: recorded at once, once.
            failures.set(2);
            git.run(work, "push", "-q", url, "main").ok();
            String one = git.run(work, "rev-parse", "HEAD").ok().outTrim();
            assertThat(attempts).hasValue(3);
            assertThat(pushesTo(server, one)).hasSize(1);

            // Failing every try: git still hears "ok" (the ref moved); the intent stays to be settled.
            Files.writeString(work.resolve("f.txt"), "two");
            git.run(work, "commit", "-q", "-am", "two").ok();
            String two = git.run(work, "rev-parse", "HEAD").ok().outTrim();
            failures.set(WritePath.EVENT_ATTEMPTS);
            GitCli.Result push = git.run(work, "push", url, "main");
            assertThat(push.exit()).as(push.err()).isZero();
            assertThat(push.err()).doesNotContain("rejected").doesNotContain("error");
            assertThat(git.run(tmp, "ls-remote", url).ok().out()).contains(two + "\trefs/heads/main");
            assertThat(pushesTo(server, two)).isEmpty();

            // Without a restart, the sweep settles it once it is old enough to be nobody's write in flight.
            server.clock().advance(WritePath.SETTLE_AFTER.plusSeconds(1));
            long deadline = System.nanoTime() + WritePath.SWEEP_EVERY.multipliedBy(6).toNanos();
            while (pushesTo(server, two).isEmpty() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // polling, bounded by the deadline
            }
            assertThat(pushesTo(server, two)).as("settled by the sweep").hasSize(1);
            server.restart();
            assertThat(pushesTo(server, two)).hasSize(1);
            assertThat(pushesTo(server, one)).hasSize(1);
            assertThat(pushAudits(server, user)).isEqualTo(2);
        }
    }

    private static List<Activity> pushesTo(TestHearth server, String sha) {
        return server.hearth().activity().after(0, 10_000).stream().map(e -> e.activity())
                .filter(a -> a instanceof Activity.Pushed p && p.after().equals(sha)).toList();
    }

    private static long created(TestHearth server, String ref) {
        return server.hearth().activity().after(0, 10_000).stream().map(e -> e.activity())
                .filter(a -> a instanceof Activity.RefCreated c && c.ref().equals(ref)).count();
    }

    private static long pushAudits(TestHearth server, TestHearth.User user) {
        return audits(server, user).size();
    }

    /** The git.push entries of the user's repository, newest first. */
    private static List<JsonNode> audits(TestHearth server, TestHearth.User user) {
        Response r = server.api().get("/api/v3/admin/audit?per_page=100", server.admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode e : r.json()) {
            if (e.get("action").asString().equals("git.push") && e.get("target").asString().equals(user.login() + "/survivor")) {
                out.add(e);
            }
        }
        return out;
    }
}
