package dev.hearth.git;

import dev.hearth.accounts.Principal;
import dev.hearth.accounts.User;
import dev.hearth.audit.Actor;
import dev.hearth.error.HearthException;
import dev.hearth.repos.RepoService;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.errors.UnpackException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code git-upload-pack} or {@code git-receive-pack} over an SSH channel, for the user whose
 * key signed the session in: access is checked by {@link GitServices} exactly as for HTTP, then
 * JGit runs on a virtual thread over the channel's streams. A failure before the pack protocol
 * starts is one line on stderr, which git prints, and exit status 1.
 */
final class GitSshCommand implements Command {
    private static final Logger LOG = LoggerFactory.getLogger(GitSshCommand.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("hearth.access");

    private final SshGitRequest request;
    private final Optional<User> user;
    private final GitServices git;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private final Duration idle;
    /** Reads and writes of the client's streams in progress: while there are none, Hearth is working, not waiting. */
    private final AtomicInteger waitingOnClient = new AtomicInteger();
    private volatile Thread worker;
    private volatile boolean finished;

    GitSshCommand(SshGitRequest request, Optional<User> user, GitServices git, Duration idle) {
        this.request = request;
        this.user = user;
        this.git = git;
        this.idle = idle;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        // Of everything the client's environment says, only GIT_PROTOCOL ("version=2") is read.
        List<String> protocol = GitServices.protocolParameters(env.getEnv().get("GIT_PROTOCOL"));
        String address = channel.getSession().getClientAddress() instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress() : String.valueOf(channel.getSession().getClientAddress());
        in = new Waiting(in);
        out = new WaitingOut(out);
        err = new WaitingOut(err);
        worker = Thread.ofVirtual().name("hearth-ssh-" + request.service().command()).start(() -> run(protocol, address));
        Thread.ofVirtual().name("hearth-ssh-idle").start(() -> keepAliveWhileWorking(channel.getSession()));
    }

    /**
     * The session's idle timeout (MINA's) counts silence on the wire; a push JGit is still
     * checking is silent too, yet not idle. So while no read or write of the client's streams is
     * in progress, the session's idle clock is set back: only waiting on the client counts.
     */
    private void keepAliveWhileWorking(Session session) {
        long tick = Math.max(50, idle.toMillis() / 4);
        while (!finished && session.isOpen()) {
            if (waitingOnClient.get() == 0) session.resetIdleTimeout();
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A stream of the channel whose calls count as waiting on the client. */
    private final class Waiting extends FilterInputStream {
        Waiting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            waitingOnClient.incrementAndGet();
            try {
                return super.read();
            } finally {
                waitingOnClient.decrementAndGet();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            waitingOnClient.incrementAndGet();
            try {
                return super.read(b, off, len);
            } finally {
                waitingOnClient.decrementAndGet();
            }
        }
    }

    private final class WaitingOut extends FilterOutputStream {
        WaitingOut(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            waitingOnClient.incrementAndGet();
            try {
                out.write(b, off, len);
            } finally {
                waitingOnClient.decrementAndGet();
            }
        }

        @Override
        public void flush() throws IOException {
            waitingOnClient.incrementAndGet();
            try {
                out.flush();
            } finally {
                waitingOnClient.decrementAndGet();
            }
        }
    }

    private void run(List<String> protocol, String address) {
        long started = System.nanoTime();
        // Names the session in the log and in any error told to the client, as HTTP's request id does.
        String sessionId = java.util.UUID.randomUUID().toString();
        int code = 1;
        try {
            Principal caller = Principal.bySshKey(user.orElseThrow(() ->
                    HearthException.unauthenticated("Your SSH key is no longer registered with Hearth")));
            RepoService.Access access = git.authorize(Optional.of(caller), request.owner(), request.repo(),
                    request.service().needs());
            try (Repository db = git.open(access)) {
                switch (request.service()) {
                    case UPLOAD_PACK -> {
                        try (UploadSlots.Slot slot = git.uploadSlot(access)) {
                            git.uploadPack(db, protocol).upload(UploadRequestLimits.guard(in), out, err);
                        }
                    }
                    case RECEIVE_PACK -> git.receivePack(db, access, caller,
                            new Actor(caller.userId(), caller.login(), address, null, Actor.Transport.SSH)).receive(in, out, err);
                }
            }
            code = 0;
        } catch (HearthException e) {
            tell(e.getMessage());
        } catch (UnpackException | CorruptObjectException | PackProtocolException | ServiceMayNotContinueException e) {
            // JGit has already told the client, in the protocol's own words.
        } catch (IOException e) {
            // Mostly a client that went away mid-pack; the repository is as it was before.
            LOG.info("SSH {} {}/{} ended: {}", request.service().command(), request.owner(), request.repo(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("SSH {} {}/{} failed (request {})", request.service().command(), request.owner(), request.repo(),
                    sessionId, e);
            tell("Internal error in Hearth; the server log has the details under request id " + sessionId);
        } finally {
            flushQuietly(out);
            flushQuietly(err);
            ACCESS.info("SSH {} {}/{} {} {}ms user={}", request.service().command(), request.owner(), request.repo(),
                    code, (System.nanoTime() - started) / 1_000_000, user.map(User::login).orElse("-"));
            finished = true;
            exit.onExit(code);
        }
    }

    private void tell(String message) {
        try {
            err.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the client has gone; nobody is left to tell
        }
    }

    private static void flushQuietly(OutputStream stream) {
        try {
            stream.flush();
        } catch (IOException ignored) {
            // the channel is closed already
        }
    }

    /** The channel closed (client gone, server stopping): stop waiting on its streams. */
    @Override
    public void destroy(ChannelSession channel) {
        Thread t = worker;
        if (t != null) t.interrupt();
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }
}
