package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.client.FileWrite;
import dev.hearth.client.HearthClient;
import dev.hearth.client.NewRepo;
import dev.hearth.testing.HookReceiver;
import dev.hearth.testing.TestHearth;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The remote commands run in process against a real server, each with its own configuration
 * directory: login and its file's mode, repo/token/hook/events commands, --json, exit codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteCommandsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    TestHearth server;
    @TempDir
    Path home;

    @BeforeAll
    void start() {
        server = TestHearth.sqlite();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    record Run(int exit, String out, String err) {
        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    /** Runs {@code hearth args...} with this environment and standard input, capturing its output. */
    static Run run(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(new CliEnvironment(env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A fresh configuration directory, as for a new person at a new terminal. */
    private Map<String, String> freshEnv(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CONFIG_HOME", home.resolve(name).toString());
        env.put("HOME", home.resolve(name + "-home").toString());
        return env;
    }

    /** Logs in with the user's token through standard input; answers the environment to use afterwards. */
    private Map<String, String> loggedIn(TestHearth.User user) {
        Map<String, String> env = freshEnv(user.login());
        Run login = run(env, user.token() + "\n", "login", "--url", server.baseUrl());
        assertThat(login.exit()).as(login.err()).isZero();
        return env;
    }

    @Test
    void loginStoresUrlAndTokenReadableOnlyByTheUser() throws Exception {
        TestHearth.User ann = server.newUser("login");
        Map<String, String> env = freshEnv("login");
        Run login = run(env, ann.token() + "\n", "login", "--url", server.baseUrl());
        assertThat(login.exit()).as(login.err()).isZero();
        assertThat(login.out()).contains("Logged in to " + server.baseUrl() + " as " + ann.login());
        Path file = home.resolve("login/hearth/config.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        JsonNode stored = JSON.readTree(file.toFile());
        assertThat(stored.get("url").asString()).isEqualTo(server.baseUrl());
        assertThat(stored.get("token").asString()).isEqualTo(ann.token());
        assertThat(stored.get("login").asString()).isEqualTo(ann.login());

        // logging in again replaces the file and keeps its mode
        Run again = run(env, "", "login", "--url", server.baseUrl(), "--token", ann.token());
        assertThat(again.exit()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config.json");
        }
    }

    @Test
    void aBadTokenIsExit3AndStoresNothing() {
        Map<String, String> env = freshEnv("bad");
        Run login = run(env, "hth_not-a-token\n", "login", "--url", server.baseUrl());
        assertThat(login.exit()).isEqualTo(3);
        assertThat(login.err().strip()).startsWith("hearth: 401 ").doesNotContain("\n");
        assertThat(home.resolve("bad/hearth/config.json")).doesNotExist();
    }

    @Test
    void loginWithAPasswordCreatesAToken() {
        TestHearth.User ann = server.newUser("pw");
        Map<String, String> env = freshEnv("pw");
        Run login = run(env, ann.password() + "\n", "login", "--url", server.baseUrl(), "--user", ann.login());
        assertThat(login.exit()).as(login.err()).isZero();
        Run tokens = run(Map.of("XDG_CONFIG_HOME", env.get("XDG_CONFIG_HOME"), "HEARTH_PASSWORD", ann.password()), "",
                "token", "list", "--json");
        assertThat(tokens.exit()).as(tokens.err()).isZero();
        JsonNode made = null;
        for (JsonNode t : tokens.json()) if (t.get("name").asString().startsWith("hearth CLI on ")) made = t;
        assertThat(made).as(tokens.out()).isNotNull();
        assertThat(made.get("scopes").toString()).contains("admin:repo_hook", "delete_repo", "repo");
    }

    @Test
    void reposAreCreatedListedViewedAndDeleted() {
        TestHearth.User ann = server.newUser("cli");
        Map<String, String> env = loggedIn(ann);
        Run create = run(env, "", "repo", "create", "tool", "--private", "--description", "a tool");
        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).contains("Created " + ann.login() + "/tool (private)");
        assertThat(run(env, "", "repo", "create", "other", "--json").json().get("full_name").asString())
                .isEqualTo(ann.login() + "/other");

        Run list = run(env, "", "repo", "list");
        assertThat(list.exit()).isZero();
        List<String> lines = list.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("NAME").contains("VISIBILITY");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(ann.login() + "/tool").contains("private").contains("a tool"));
        // columns are aligned: VISIBILITY starts at the same place on every line
        int column = lines.getFirst().indexOf("VISIBILITY");
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l.charAt(column - 1)).isEqualTo(' '))
                .allSatisfy(l -> assertThat(l.charAt(column)).isNotEqualTo(' '));
        JsonNode json = run(env, "", "repo", "list", "--json").json();
        assertThat(json.size()).isEqualTo(2);

        Run view = run(env, "", "repo", "view", ann.login() + "/tool");
        assertThat(view.exit()).as(view.err()).isZero();
        assertThat(view.out()).contains("visibility:").contains("private").contains(server.baseUrl() + "/" + ann.login() + "/tool.git");

        assertThat(run(env, "", "repo", "delete", ann.login() + "/tool").exit()).as("no --yes without a terminal").isEqualTo(2);
        Run delete = run(env, "", "repo", "delete", ann.login() + "/tool", "--yes");
        assertThat(delete.exit()).as(delete.err()).isZero();
        Run gone = run(env, "", "repo", "view", ann.login() + "/tool");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err().strip()).startsWith("hearth: 404 Not found").doesNotContain("\n");
        assertThat(gone.out()).isEmpty();
    }

    @Test
    void exitCodesTellScriptsWhatWentWrong() throws Exception {
        TestHearth.User ann = server.newUser("codes");
        Map<String, String> env = loggedIn(ann);
        Run invalid = run(env, "", "repo", "create", "bad name");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).startsWith("hearth: 422 Validation failed: name: ");

        assertThat(run(env, "", "repo", "view", "no-slash").exit()).isEqualTo(2);
        assertThat(run(env, "", "repo", "list", "--bogus").exit()).isEqualTo(2);
        assertThat(run(env, "", "repo").exit()).isEqualTo(2);

        Run notLoggedIn = run(freshEnv("nobody"), "", "repo", "list");
        assertThat(notLoggedIn.exit()).isEqualTo(3);
        assertThat(notLoggedIn.err()).contains("not logged in");

        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Map<String, String> unreachable = new HashMap<>(env);
        unreachable.put("HEARTH_URL", "http://127.0.0.1:" + closedPort);
        Run network = run(unreachable, "", "repo", "list");
        assertThat(network.exit()).isEqualTo(4);
        assertThat(network.err()).startsWith("hearth: could not reach 127.0.0.1:" + closedPort);
    }

    @Test
    void environmentOverridesTheStoredLogin() {
        TestHearth.User ann = server.newUser("stored");
        TestHearth.User bob = server.newUser("env");
        Map<String, String> env = loggedIn(ann);
        env.put("HEARTH_TOKEN", bob.token());
        assertThat(run(env, "", "repo", "create", "mine").exit()).isZero();
        assertThat(server.client(bob).repos().get(bob.login(), "mine").owner().login()).isEqualTo(bob.login());
        env.put("HEARTH_URL", "http://127.0.0.1:1");
        assertThat(run(env, "", "repo", "list", "--url", server.baseUrl()).exit()).as("--url wins over HEARTH_URL").isZero();
    }

    @Test
    void tokensAreCreatedListedAndRevokedWithThePassword() {
        TestHearth.User ann = server.newUser("tok");
        Map<String, String> env = loggedIn(ann);
        Run create = run(env, ann.password() + "\n", "token", "create", "deploy", "--scope", "read:repo");
        assertThat(create.exit()).as(create.err()).isZero();
        String secret = create.out().strip();
        assertThat(secret).startsWith("hth_");

        env.put("HEARTH_PASSWORD", ann.password());
        Run list = run(env, "", "token", "list");
        assertThat(list.out()).contains("deploy").contains("read:repo").contains(secret.substring(secret.length() - 8))
                .doesNotContain(secret);
        long id = 0;
        for (JsonNode t : run(env, "", "token", "list", "--json").json()) if (t.get("name").asString().equals("deploy")) id = t.get("id").asLong();
        assertThat(run(env, "", "token", "revoke", Long.toString(id)).exit()).isZero();
        assertThat(run(env, "", "token", "list").out()).doesNotContain("deploy");

        env.put("HEARTH_PASSWORD", "wrong-password");
        assertThat(run(env, "", "token", "list").exit()).isEqualTo(3);
    }

    @Test
    void hooksAreCreatedListedAndTheirDeliveriesShown() throws Exception {
        TestHearth.User ann = server.newUser("hook");
        Map<String, String> env = freshEnv("hook");
        assertThat(run(env, ann.password() + "\n", "login", "--url", server.baseUrl(), "--user", ann.login()).exit()).isZero();
        assertThat(run(env, "", "repo", "create", "hooked").exit()).isZero();
        try (HookReceiver receiver = new HookReceiver()) {
            Run create = run(env, "", "hook", "create", ann.login() + "/hooked", receiver.url(), "--event", "push,create", "--json");
            assertThat(create.exit()).as(create.err()).isZero();
            long id = create.json().get("id").asLong();
            assertThat(run(env, "", "hook", "list", ann.login() + "/hooked").out()).contains(Long.toString(id))
                    .contains("push,create").contains(receiver.url());

            server.client(ann).contents().put(ann.login(), "hooked", "a.txt", FileWrite.of("add", "a"));
            receiver.next();
            receiver.next();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            JsonNode deliveries;
            do {
                deliveries = run(env, "", "hook", "deliveries", ann.login() + "/hooked", Long.toString(id), "--json").json();
                if (deliveries.size() == 2 && deliveries.get(0).get("status").asString().equals("OK")
                        && deliveries.get(1).get("status").asString().equals("OK")) break;
                Thread.sleep(50); // polling interval of a bounded wait
            } while (System.nanoTime() < deadline);
            assertThat(deliveries.size()).isEqualTo(2);
            Run text = run(env, "", "hook", "deliveries", ann.login() + "/hooked", Long.toString(id));
            assertThat(text.out().lines().toList()).hasSize(3).first().asString().startsWith("ID");
            assertThat(text.out()).contains("push").contains("OK").contains("200");
        }
    }

    @Test
    void eventsWatchPrintsOneLinePerEventUpToTheLimit() throws Exception {
        TestHearth.User ann = server.newUser("watch");
        Map<String, String> env = loggedIn(ann);
        HearthClient client = server.client(ann);
        client.repos().create(NewRepo.named("watched"));
        // events already recorded, replayed from --after 0, then one made while watching
        client.contents().put(ann.login(), "watched", "a.txt", FileWrite.of("first", "a"));
        CompletableFuture<Run> watch = CompletableFuture.supplyAsync(() ->
                run(env, "", "events", "watch", ann.login() + "/watched", "--after", "0", "--limit", "4"));
        String sha = client.contents().put(ann.login(), "watched", "b.txt", FileWrite.of("second", "b")).commit().sha();
        Run done = watch.get(60, TimeUnit.SECONDS);
        assertThat(done.exit()).as(done.err()).isZero();
        List<String> lines = done.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches("#\\d+ \\S+Z repository\\.created " + ann.login() + "/watched by " + ann.login());
        assertThat(lines.get(1)).contains(" create " + ann.login() + "/watched branch main by " + ann.login());
        assertThat(lines.get(2)).contains(" push " + ann.login() + "/watched refs/heads/main ").contains("(1 commit)");
        assertThat(lines.get(3)).contains(" push ").contains(sha.substring(0, 7));

        Run json = run(env, "", "events", "watch", ann.login() + "/watched", "--after", "0", "--limit", "1", "--json");
        assertThat(json.exit()).isZero();
        assertThat(JSON.readTree(json.out().strip()).get("event").asString()).isEqualTo("repository");

        Run missing = run(env, "", "events", "watch", ann.login() + "/nothing-here", "--limit", "1");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("hearth: 404 ");
    }

    @Test
    void helpDocumentsTheCommandsAndExitCodes() {
        Run help = run(Map.of(), "", "--help");
        assertThat(help.out()).contains("login", "repo", "token", "hook", "events", "HEARTH_TOKEN", "3 not logged in", "4 the server could not be reached");
        assertThat(run(Map.of(), "", "events", "watch", "--help").out()).contains("--limit", "--json", "--url");
    }
}
