package dev.hearth.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** What an SSH channel gets instead of a shell or a command Hearth does not run: one line on stderr, exit 1. */
final class SshRefusal implements Command {
    private final String message;
    private OutputStream err;
    private ExitCallback exit;

    SshRefusal(String message) {
        this.message = message;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        try {
            err.write((message + "\n").getBytes(StandardCharsets.UTF_8));
            err.flush();
        } finally {
            exit.onExit(1);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        // nothing runs after start
    }

    @Override
    public void setInputStream(InputStream in) {
        // never read: nothing is run
    }

    @Override
    public void setOutputStream(OutputStream out) {
        // never written
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
