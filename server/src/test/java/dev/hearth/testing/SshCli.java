package dev.hearth.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real OpenSSH client tools in a directory of their own: keys made by {@code ssh-keygen},
 * and {@code ssh} runs that use only the given key and a private known_hosts file, never an
 * agent or the user's configuration. Every run is bounded in time.
 */
public final class SshCli {
    private static final AtomicInteger KEYS = new AtomicInteger();
    private final Path dir;

    public SshCli(Path dir) {
        this.dir = dir;
    }

    /** A key pair on disk and its public half as ssh-keygen wrote it ("type base64 comment"). */
    public record Key(Path privateKey, String publicText) {
        /** The key as the API stores it: without the comment. */
        public String withoutComment() {
            String[] parts = publicText.strip().split(" ");
            return parts[0] + " " + parts[1];
        }
    }

    /** Makes a key with {@code ssh-keygen -t type [-b bits] -N ''}; bits 0 for the default. */
    public Key newKey(String type, int bits) {
        Path file = dir.resolve("key-" + type + "-" + KEYS.incrementAndGet());
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "test@" + file.getFileName(),
                "-f", file.toString()));
        if (bits > 0) command.addAll(List.of("-b", Integer.toString(bits)));
        Result r = exec(command);
        if (r.exit() != 0) throw new AssertionError("ssh-keygen failed: " + r);
        try {
            return new Key(file, Files.readString(Path.of(file + ".pub"), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What {@code ssh-keygen -l -E sha256} prints as the key's fingerprint. */
    public String fingerprint(Key key) {
        Result r = exec(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", key.privateKey() + ".pub"));
        if (r.exit() != 0) throw new AssertionError("ssh-keygen -l failed: " + r);
        return r.out().split(" ")[1];
    }

    /** The ssh options for one key: nothing from the user's setup, no prompts, no agent. */
    public List<String> options(Key key, int port) {
        return List.of("-i", key.privateKey().toString(), "-F", "/dev/null", "-o", "IdentitiesOnly=yes",
                "-o", "IdentityAgent=none", "-o", "UserKnownHostsFile=" + dir.resolve("known_hosts"),
                "-o", "StrictHostKeyChecking=accept-new", "-o", "BatchMode=yes", "-o", "ConnectTimeout=20",
                "-p", Integer.toString(port));
    }

    /** The value of GIT_SSH_COMMAND for git to connect with this key. */
    public String gitSshCommand(Key key, int port) {
        return "ssh " + String.join(" ", options(key, port));
    }

    /**
     * Runs plain {@code ssh [extra options] git@127.0.0.1 [remote command]} with stdin from
     * /dev/null; the extra options win over the defaults of {@link #options}.
     */
    public Result ssh(Key key, int port, List<String> extraOptions, String... remoteCommand) {
        List<String> command = new ArrayList<>(List.of("ssh"));
        command.addAll(extraOptions); // first: ssh keeps the first value it sees for an option
        command.addAll(options(key, port));
        command.add("git@127.0.0.1");
        command.addAll(List.of(remoteCommand));
        return exec(command);
    }

    /** Exit code and output of one run. */
    public record Result(int exit, String out, String err) {}

    private Result exec(List<String> command) {
        try {
            Path out = Files.createTempFile(dir, "ssh-out", ".txt");
            Path err = Files.createTempFile(dir, "ssh-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("HOME", dir.toString());
            pb.environment().remove("SSH_AUTH_SOCK");
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
