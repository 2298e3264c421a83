package dev.hearth.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.GitCli;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The repository the browse tests read, made with the real git CLI and pushed to Hearth: seven
 * commits a day apart on {@code main} and {@code feature/x} (one a merge), a lightweight and an
 * annotated tag, paths with spaces, '+' and unicode, an SVG with a script, a binary file, an
 * executable, a symlink, a README. Tests ask git about this working copy and Hearth about the
 * pushed repository.
 */
final class SampleRepo {
    /** 2024-01-01T12:00:00Z; commit {@code n} is {@code n - 1} days later. */
    static final long DAY0 = 1_704_110_400L;
    static final String UNICODE = "docs/naïve file.md";
    static final String SPACED = "docs/space dir/file one.txt";
    static final String PLUS = "docs/a+b.txt";
    static final String SVG = "docs/evil.svg";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 0, 1, 2};
    static final String README = """
            # Sample

            Some *text* and a [link](https://example.com/a).

            | a | b |
            |---|---|
            | 1 | 2 |
            """;

    final Path work;
    final GitCli git;
    final String owner;
    final String name;
    final String alice = "alice@example.com";
    final String bob = "bob@example.com";
    final String ownerEmail;

    private SampleRepo(Path work, GitCli git, String owner, String name) {
        this.work = work;
        this.git = git;
        this.owner = owner;
        this.name = name;
        this.ownerEmail = owner + "@example.com";
    }

    /** Creates {@code name} for {@code owner} (public or private), builds the history and pushes it. */
    static SampleRepo create(TestHearth server, TestHearth.User owner, String name, boolean isPrivate, Path tmp) {
        server.newRepo(owner, name, isPrivate);
        try {
            GitCli git = new GitCli(Files.createDirectories(tmp.resolve("home-" + name)));
            Path work = tmp.resolve("work-" + name);
            git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
            SampleRepo repo = new SampleRepo(work, git, owner.login(), name);
            repo.build();
            repo.push(server, owner, "main", "feature/x", "--tags");
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pushes as {@code as} and waits for the repack that follows. */
    void push(TestHearth server, TestHearth.User as, String... refs) {
        String url = server.baseUrl().replace("http://", "http://" + as.login() + ":" + as.token() + "@")
                + "/" + owner + "/" + name + ".git";
        String[] args = new String[refs.length + 3];
        args[0] = "push";
        args[1] = "-q";
        args[2] = url;
        System.arraycopy(refs, 0, args, 3, refs.length);
        git.run(work, args).ok();
        settle(server);
    }

    /**
     * Waits for the repack that follows a push. Hearth copes with reads racing it, but a test
     * that compares listings with git wants the one state, not a moment in between.
     */
    static void settle(TestHearth server) {
        try {
            server.hearth().maintenance().awaitIdle(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private void build() throws IOException {
        write("README.md", README);
        write("src/Main.java", "class Main {\n    // one\n}\n");
        write(UNICODE, "naïve\ncontent\n");
        write(SPACED, "spaced out\n");
        write(PLUS, "plus\n");
        write(SVG, "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>\n");
        commit(1, "Alice", alice, "First commit\n\nWith a body.");
        git("tag", "v0.1");

        write("src/Main.java", "class Main {\n    // two\n    // three\n}\n");
        Files.write(work.resolve("image.png"), PNG);
        commit(2, "Bob", bob, "Second: code and an image");
        git(Map.of("GIT_COMMITTER_DATE", date(2)), "tag", "-a", "v1.0", "-m", "Release 1.0");

        git("checkout", "-q", "-b", "feature/x");
        write(UNICODE, "naïve\nchanged on a branch\ncontent\n");
        write("feature.txt", "a feature\n");
        commit(3, "Owner", ownerEmail, "Feature work");

        git("checkout", "-q", "main");
        write("src/Main.java", "class Main {\n    // two\n}\n");
        commit(4, "Alice", alice, "Fourth");
        git(env(5, "Bob", bob), "merge", "-q", "--no-ff", "-m", "Merge feature/x", "feature/x");

        git("checkout", "-q", "feature/x");
        write("feature2.txt", "more\n");
        commit(6, "Owner", ownerEmail, "More feature work");

        git("checkout", "-q", "main");
        write("bin/run.sh", "#!/bin/sh\necho run\n");
        Files.setPosixFilePermissions(work.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(work.resolve("link"), Path.of("README.md"));
        byte[] png2 = Arrays.copyOf(PNG, PNG.length + 3);
        Files.write(work.resolve("image.png"), png2);
        commit(7, "Alice", alice, "Seventh: script, link, new image");
    }

    void write(String path, String content) throws IOException {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Commits everything with author and committer dated {@code day}. */
    void commit(int day, String author, String email, String message) {
        git("add", "-A");
        git(env(day, author, email), "commit", "-q", "-m", message);
    }

    static String date(int day) {
        return "@" + (DAY0 + (day - 1) * 86_400L) + " +0000";
    }

    static String iso(int day) {
        return java.time.Instant.ofEpochSecond(DAY0 + (day - 1) * 86_400L).toString();
    }

    private static Map<String, String> env(int day, String author, String email) {
        Map<String, String> env = new HashMap<>();
        env.put("GIT_AUTHOR_NAME", author);
        env.put("GIT_AUTHOR_EMAIL", email);
        env.put("GIT_AUTHOR_DATE", date(day));
        env.put("GIT_COMMITTER_DATE", date(day));
        return env;
    }

    /** Runs git in the working copy and returns its output. */
    String git(String... args) {
        return git(Map.of(), args);
    }

    String git(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = "core.quotepath=off";
        System.arraycopy(args, 0, all, 2, args.length);
        return git.run(work, env, all).ok().out();
    }

    /** git's output as lines, without empty ones. */
    List<String> lines(String... args) {
        return git(args).lines().filter(l -> !l.isEmpty()).toList();
    }

    String rev(String expr) {
        return git("rev-parse", expr).strip();
    }

    String api(String suffix) {
        return "/api/v3/repos/" + owner + "/" + name + suffix;
    }

    static void assertSha(String sha) {
        assertThat(sha).matches("[0-9a-f]{40}");
    }
}
