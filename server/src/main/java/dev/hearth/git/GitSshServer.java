package dev.hearth.git;

import dev.hearth.accounts.SshKeyService;
import dev.hearth.accounts.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Git over SSH with Apache MINA SSHD: public keys only, the user found by the key (the login
 * name the client gives is ignored, everyone is {@code git@}), and nothing but
 * {@code git-upload-pack} and {@code git-receive-pack}; no shell, no forwarding, no subsystems.
 * The host key is generated on the first start and kept ({@link SshHostKey}), so clients can pin it.
 */
public final class GitSshServer implements AutoCloseable {
    /**
     * Where to listen (port 0: any free one), where the host key lives, and how long a session
     * may wait on its client (with nothing sent either way, or a git command blocked on the
     * client) before it is closed; time Hearth spends working for the client does not count.
     */
    public record Settings(String host, int port, Path hostKey, java.time.Duration idleTimeout) {}

    private static final Logger ACCESS = LoggerFactory.getLogger("hearth.access");

    private final SshServer sshd;
    private final Path hostKey;

    public GitSshServer(Settings settings, SshKeyService keys, GitServices git) {
        hostKey = settings.hostKey();
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost(settings.host());
        sshd.setPort(settings.port());
        CoreModuleProperties.SERVER_IDENTIFICATION.set(sshd, "Hearth");
        CoreModuleProperties.IDLE_TIMEOUT.set(sshd, settings.idleTimeout());
        // The default list also offers keyboard-interactive; a forge asks for keys and nothing else.
        sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setGSSAuthenticator(null);
        sshd.setHostBasedAuthenticator(null);
        sshd.setPublickeyAuthenticator((login, key, session) -> keys.ownerOf(key).isPresent());
        sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        sshd.setSubsystemFactories(List.of());
        sshd.setShellFactory(channel -> new SshRefusal(greeting(userOf(channel.getSession(), keys))));
        sshd.setCommandFactory((channel, line) -> command(line, userOf(channel.getSession(), keys), git,
                settings.idleTimeout()));
    }

    private static Command command(String line, Optional<User> user, GitServices git, java.time.Duration idle) {
        Optional<SshGitRequest> request = SshGitRequest.parse(line);
        if (request.isPresent()) return new GitSshCommand(request.get(), user, git, idle);
        ACCESS.info("SSH refused command '{}' user={}", printable(line), user.map(User::login).orElse("-"));
        return new SshRefusal("Hearth runs only git-upload-pack and git-receive-pack '<owner>/<repo>.git' over SSH;"
                + " use git clone, fetch or push");
    }

    /** A client's command as it may appear in a log line: short, and no control characters. */
    private static String printable(String line) {
        String shown = line.length() > 100 ? line.substring(0, 100) + "..." : line;
        return shown.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Creates the host key if there is none yet, then listens. */
    public void start() {
        try {
            sshd.setKeyPairProvider(SshHostKey.loadOrCreate(hostKey));
            sshd.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start SSH on " + sshd.getHost() + ":" + sshd.getPort()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The port SSH listens on, also when it was asked for any free one. */
    public int port() {
        return sshd.getPort();
    }

    /**
     * The user whose key signed this session in. Only a key whose signature was verified is in
     * {@link UserAuthPublicKey#AUTHENTICATED_KEYS}; keys the client merely offered are not. Asked
     * again for every command, so a key deleted meanwhile stops working at once.
     */
    private static Optional<User> userOf(ServerSession session, SshKeyService keys) {
        List<PublicKey> verified = session.getAttribute(UserAuthPublicKey.AUTHENTICATED_KEYS);
        if (verified == null || verified.isEmpty()) return Optional.empty();
        return keys.ownerOf(verified.getLast());
    }

    private static String greeting(Optional<User> user) {
        return "Hi " + user.map(User::login).orElse("there") + "! You've authenticated, but Hearth does not provide shell"
                + " access; use git clone ssh://git@host:port/<owner>/<repo>.git";
    }

    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
