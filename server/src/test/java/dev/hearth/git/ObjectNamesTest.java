package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.GitCli;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names as real repositories have them are accepted (git/git has {@code NUL}, Linux has
 * {@code aux.c}); names that reach {@code .git} on some OS, or leave the tree, are refused; the
 * same for pushes (real git CLI, trees written raw) and for paths written through the contents API.
 */
class ObjectNamesTest {
    static TestHearth server;
    static ApiClient api;
    static TestHearth.User owner;

    @TempDir
    Path tmp;
    GitCli git;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        api = server.api();
        owner = server.newUser("names");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void cli() throws IOException {
        git = new GitCli(Files.createDirectories(tmp.resolve("home")));
    }

    private static String url(String repo) {
        return server.baseUrl().replace("http://", "http://" + owner.login() + ":" + owner.token() + "@")
                + "/" + owner.login() + "/" + repo + ".git";
    }

    /** A working copy with one pushed commit. */
    private Path seeded(String repo) throws IOException {
        server.newRepo(owner, repo, false);
        Path work = tmp.resolve("work-" + repo);
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        Files.writeString(work.resolve("file.txt"), "fine");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "fine").ok();
        git.run(work, "push", "-q", url(repo), "main").ok();
        return work;
    }

    /** One tree entry: mode and name, written raw, bypassing git's own name checks. */
    private record Entry(String mode, String name) {}

    /** A commit on top of HEAD whose tree has these entries, all pointing at {@code object}. */
    private String commitWith(Path work, String object, Entry... entries) throws IOException {
        Entry[] sorted = entries.clone();
        Arrays.sort(sorted, (a, b) -> Arrays.compare(a.name().getBytes(StandardCharsets.UTF_8), b.name().getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Entry e : sorted) {
            body.write((e.mode() + " " + e.name() + "\0").getBytes(StandardCharsets.UTF_8));
            body.write(HexFormat.of().parseHex(object));
        }
        Path file = Files.createTempFile(tmp, "tree", ".bin");
        Files.write(file, body.toByteArray());
        String tree = git.run(work, "hash-object", "-t", "tree", "-w", "--literally", file.toString()).ok().outTrim();
        return git.run(work, "commit-tree", tree, "-p", "HEAD", "-m", "names").ok().outTrim();
    }

    @Test
    void namesThatAreOnlyAwkwardOnWindowsArePushed() throws IOException {
        Path work = seeded("windowsy");
        String blob = git.run(work, "rev-parse", "HEAD:file.txt").ok().outTrim();
        String[] names = {"NUL", "AUX", "CON", "COM1", "LPT1", "PRN", "aux.c", "nul.txt", "con.h", "trailing.", "trailing ",
                "dots...", ".hidden.", "git", ".gitignore", ".github", "gitmodules", "12:00 notes.txt", "what?", "star*",
                "a<b>", "pipe|x", "quote\"d", "back\\slash", "ctrl\u0001char", ".git-blame-ignore-revs", "a.git"};
        Entry[] entries = Arrays.stream(names).map(n -> new Entry("100644", n)).toArray(Entry[]::new);
        String commit = commitWith(work, blob, entries);
        GitCli.Result push = git.run(work, "push", url("windowsy"), commit + ":refs/heads/main");
        assertThat(push.exit()).as(push.err()).isZero();
        Path clone = tmp.resolve("clone");
        git.run(tmp, "clone", "-q", url("windowsy"), clone.toString()).ok();
        assertThat(git.run(clone, "ls-tree", "-z", "--name-only", "HEAD").ok().out().split("\0")).contains(names);
    }

    @Test
    void namesThatReachDotGitOrLeaveTheTreeAreRefused() throws IOException {
        Path work = seeded("dangerous");
        String before = git.run(tmp, "ls-remote", url("dangerous")).ok().out();
        String blob = git.run(work, "rev-parse", "HEAD:file.txt").ok().outTrim();
        String[] names = {".git", ".GIT", ".Git", ".git.", ".git ", ".git..", ".git. ", "git~1", "GIT~1", "git~1.",
                ".git\u200c", ".g\u200cit", ".git\ufeff", ".GI\u200dT", ".", "..", ".. ", "a/b", ".gitmodules.", "GITMOD~1.",
                ".git::$INDEX_ALLOCATION", ".GIT:stream", "git~1:x", ".gitmodules:$DATA", "..\\evil", "a\\..\\..\\b",
                "a\\.git\\config", ".git.\\hooks", "x\\gitmod~1"};
        for (String name : names) {
            String commit = commitWith(work, blob, new Entry("100644", name));
            GitCli.Result push = git.run(work, "push", url("dangerous"), commit + ":refs/heads/main");
            assertThat(push.exit()).as("'" + name + "': " + push.err()).isNotZero();
            assertThat(push.err()).as(name).contains("remote unpack failed");
        }
        // A .gitmodules that is a symbolic link, and a folder named .git.
        String link = commitWith(work, blob, new Entry("120000", ".gitmodules"));
        assertThat(git.run(work, "push", url("dangerous"), link + ":refs/heads/main").err()).contains("remote unpack failed");
        String inner = git.run(work, "rev-parse", "HEAD^{tree}").ok().outTrim();
        String folder = commitWith(work, inner, new Entry("40000", ".GIT."));
        assertThat(git.run(work, "push", url("dangerous"), folder + ":refs/heads/main").err()).contains("remote unpack failed");
        assertThat(git.run(tmp, "ls-remote", url("dangerous")).ok().out()).isEqualTo(before);
    }

    private static String contents(String repo, String path) {
        StringBuilder p = new StringBuilder();
        for (String part : path.split("/", -1)) {
            if (!p.isEmpty()) p.append('/');
            p.append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return "/api/v3/repos/" + owner.login() + "/" + repo + "/contents/" + p;
    }

    private static String file(String text) {
        return "{\"message\":\"m\",\"content\":\"" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    @Test
    void theContentsApiFollowsTheSameRules() {
        server.newRepo(owner, "api-names", false);
        for (String ok : new String[] {"NUL", "aux.c", "docs/CON", "trailing.", "12:00 notes.txt", "what?"}) {
            Response r = api.put(contents("api-names", ok), owner.bearer(), file(ok));
            assertThat(r.status()).as(ok + ": " + r.body()).isEqualTo(201);
        }
        for (String bad : new String[] {".git", ".GIT", ".git.", ".git..", "a/.git/config", "git~1", "docs/..", "%2E%2E",
                ".git::$INDEX_ALLOCATION", ".gitmodules:$DATA"}) {
            Response r = api.put(contents("api-names", bad).replace("%252E", "%2E"), owner.bearer(), file("x"));
            assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(422);
        }
    }
}
