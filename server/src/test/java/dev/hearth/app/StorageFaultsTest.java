package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.testing.GitCli;
import dev.hearth.testing.Postgres;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hearth on storage that refuses writes, as after a restart on a full disk: token reads still
 * answer, {@code /readyz} says which part cannot be written, writes that fail for space answer
 * 507, and a deleted repository's files are closed at once so its space comes back.
 */
class StorageFaultsTest {
    @TempDir
    Path tmp;

    private static final String POSTGRES = System.getenv().getOrDefault("HEARTH_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES)) {
            c.createStatement().execute(statement);
        }
    }

    @Test
    void tokenReadsNeedNoWriteAndReadyzNamesTheDatabase() throws Exception {
        // Hearth connects as a role of its own, which is then made to refuse every write
        // (SQLSTATE 25006) while reads work: what a database that cannot write looks like.
        String role = "hearth_ro_" + Long.toHexString(System.nanoTime());
        sql("CREATE ROLE " + role + " LOGIN SUPERUSER");
        try (Postgres pg = new Postgres()) {
            String url = pg.url().replace("user=postgres", "user=" + role);
            try (TestHearth server = TestHearth.start(url, 100L << 20)) {
                TestHearth.User user = server.newUser("reader");
                server.newRepo(user, "kept", true);
                Response ready = server.api().get("/readyz", null);
                assertThat(ready.status()).as(ready.body()).isEqualTo(200);
                assertThat(ready.json().get("database").asString()).isEqualTo("ok");

                sql("ALTER ROLE " + role + " SET default_transaction_read_only = on");
                sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
                // Until the pool has replaced its cut connections, a request may meet one (a test
                // artefact, not the fault under test): wait for /readyz to see the refusal.
                ready = untilDatabaseSays(server, "not writable");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().get("status").asString()).isEqualTo("unavailable");
                assertThat(ready.json().get("storage").asString()).isEqualTo("ok");
                // The token's last-used time is due for an update, which the database refuses.
                server.clock().advance(Duration.ofMinutes(5));
                for (int i = 0; i < 3; i++) {
                    Response me = server.api().get("/api/v3/user", user.bearer());
                    assertThat(me.status()).as(me.body()).isEqualTo(200);
                    assertThat(me.json().get("login").asString()).isEqualTo(user.login());
                }
                Response repos = server.api().get("/api/v3/user/repos", user.bearer());
                assertThat(repos.status()).as(repos.body()).isEqualTo(200);
                assertThat(repos.body()).contains("\"kept\"");

                // A write is refused, and not as a bug: nothing internal reaches the client.
                Response write = server.api().post("/api/v3/user/repos", user.bearer(), "{\"name\":\"refused\"}");
                assertThat(write.status()).isGreaterThanOrEqualTo(500);
                assertThat(write.body()).doesNotContain("read-only").doesNotContain("Exception");

                sql("ALTER ROLE " + role + " RESET default_transaction_read_only");
                sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
            }
        } finally {
            sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
            sql("DROP ROLE IF EXISTS " + role);
        }
    }

    private static Response untilDatabaseSays(TestHearth server, String state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Response r;
        do {
            r = server.api().get("/readyz", null);
        } while (!r.json().get("database").asString().equals(state) && System.nanoTime() < deadline);
        assertThat(r.json().get("database").asString()).as(r.body()).isEqualTo(state);
        return r;
    }

    @Test
    void readyzNamesTheRepositoryStorageWhenItRefusesFiles() throws Exception {
        try (TestHearth server = TestHearth.sqlite()) {
            Path repos = server.dataDir().resolve("repos");
            // An immutable directory refuses new files even to root: a real refusal by the file system.
            assumeTrue(run("chattr", "+i", repos.toString()) == 0, "chattr +i is not available here");
            try {
                Response ready = server.api().get("/readyz", null);
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().get("storage").asString()).isEqualTo("not writable");
                assertThat(ready.json().get("database").asString()).isEqualTo("ok");
            } finally {
                assertThat(run("chattr", "-i", repos.toString())).isZero();
            }
            assertThat(server.api().get("/readyz", null).status()).isEqualTo(200);
        }
    }

    @Test
    void writesThatFailForSpaceAnswer507AndReadsGoOn() throws Exception {
        Path db = tmp.resolve("full.db");
        String url = "jdbc:sqlite:" + db;
        TestHearth.User user;
        try (TestHearth first = TestHearth.start(url, 100L << 20)) {
            user = first.newUser("filler");
        }
        // SQLite's own limit on the database's size, set to the size it has: every write that
        // needs a page more fails with SQLITE_FULL, "database or disk is full", as on a full disk.
        long pages;
        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery("PRAGMA page_count")) {
            rs.next();
            pages = rs.getLong(1);
        }
        try (TestHearth server = TestHearth.start(url + "?max_page_count=" + pages, 100L << 20)) {
            Response full = null;
            for (int i = 0; i < 500 && full == null; i++) {
                Response r = server.api().post("/api/v3/users/" + user.login() + "/tokens", user.basic(),
                        "{\"name\":\"t" + i + "\",\"scopes\":[\"repo\"]}");
                if (r.status() != 201) full = r;
            }
            assertThat(full).as("the database never filled up").isNotNull();
            assertThat(full.status()).as(full.body()).isEqualTo(507);
            assertThat(full.json().get("type").asString()).isEqualTo("https://hearth.dev/problems/insufficient-storage");
            assertThat(full.json().get("detail").asString()).contains("out of storage space");
            assertThat(full.body()).doesNotContainIgnoringCase("sqlite").doesNotContain("Exception");
            assertThat(server.api().get("/api/v3/user", user.bearer()).status()).isEqualTo(200);
        }
    }

    @Test
    void deletingARepositoryClosesItsFilesAtOnce() throws IOException {
        try (TestHearth server = TestHearth.sqlite()) {
            TestHearth.User owner = server.newUser("deleter");
            long id = server.newRepo(owner, "packed", false).json().get("id").asLong();
            GitCli git = new GitCli(Files.createDirectories(tmp.resolve("home")));
            Path work = tmp.resolve("work");
            git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
            for (int i = 0; i < 3; i++) {
                Files.writeString(work.resolve("f" + i), "content " + i + "\n".repeat(i + 1));
                git.run(work, "add", ".").ok();
                git.run(work, "commit", "-q", "-m", "c" + i).ok();
            }
            String url = server.baseUrl().replace("http://", "http://" + owner.login() + ":" + owner.token() + "@")
                    + "/" + owner.login() + "/packed.git";
            git.run(work, "push", "-q", url, "main").ok();
            git.run(tmp, "clone", "-q", url, tmp.resolve("copy").toString()).ok(); // reads the pack
            Path dir = new dev.hearth.repos.RepoStore(server.dataDir().resolve("repos")).pathOf(id);
            assertThat(openFilesUnder(dir.getParent(), id)).as("the clone read the pack").isNotEmpty();

            Response deleted = server.api().delete("/api/v3/repos/" + owner.login() + "/packed", owner.bearer());
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(openFilesUnder(dir.getParent(), id)).isEmpty();
            assertThat(dir).doesNotExist();
        }
    }

    /** This process's open files (from /proc/self/fd) in repository {@code id}'s directory or its trash copy. */
    private static List<String> openFilesUnder(Path parent, long id) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                if (target.contains("/" + id + ".git/") || target.contains("/.trash/" + id + "-")) open.add(target);
            }
        }
        return open;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
