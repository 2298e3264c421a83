package dev.hearth.ui;

import dev.hearth.testing.GitCli;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A working copy made with the real git CLI, whose commits tests push to Hearth. */
final class WorkTree {
    final Path dir;
    final GitCli git;

    WorkTree(Path tmp, String name) {
        try {
            this.git = new GitCli(Files.createDirectories(tmp.resolve("home-" + name)));
            this.dir = tmp.resolve("work-" + name);
            git.run(tmp, "init", "-q", "-b", "main", dir.toString()).ok();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WorkTree write(String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WorkTree writeBytes(String path, byte[] content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WorkTree commit(String message) {
        git.run(dir, "add", "-A").ok();
        git.run(dir, "commit", "-q", "-m", message).ok();
        return this;
    }

    String head() {
        return git.run(dir, "rev-parse", "HEAD").ok().outTrim();
    }

    void run(String... args) {
        git.run(dir, args).ok();
    }

    /** Pushes refs as a user, with a token, and waits for the repack after it. */
    void push(TestHearth server, TestHearth.User as, String repo, String... refs) {
        String url = server.baseUrl().replace("http://", "http://" + as.login() + ":" + as.token() + "@")
                + "/" + as.login() + "/" + repo + ".git";
        String[] args = new String[refs.length + 3];
        args[0] = "push";
        args[1] = "-q";
        args[2] = url;
        System.arraycopy(refs, 0, args, 3, refs.length);
        git.run(dir, args).ok();
        try {
            server.hearth().maintenance().awaitIdle(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
