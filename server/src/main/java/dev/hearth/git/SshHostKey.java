package dev.hearth.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The SSH server's identity: an ed25519 key generated on the first start into an OpenSSH key
 * file (mode 0600), then read from it on every start. Clients pin it, so it is never replaced
 * behind their back: a file that does not load stops the start. An administrator may put any
 * OpenSSH private key there (the same one on several nodes, say).
 */
final class SshHostKey {
    private SshHostKey() {}

    static KeyPairProvider loadOrCreate(Path file) throws IOException {
        if (Files.notExists(file)) {
            Files.createDirectories(file.getParent());
            SimpleGeneratorHostKeyProvider generator = new SimpleGeneratorHostKeyProvider(file);
            generator.setAlgorithm(SecurityUtils.ED25519);
            generator.loadKeys(null); // generates and writes the file
        }
        // MINA's own generator would quietly make a new key when the file does not load; read it strictly.
        List<KeyPair> keys = new ArrayList<>();
        new FileKeyPairProvider(file).loadKeys(null).forEach(keys::add);
        if (keys.isEmpty()) {
            throw new IOException("the host key " + file + " cannot be read; restore it, or delete it to make a new"
                    + " one (clients will then warn that the host key changed)");
        }
        return KeyPairProvider.wrap(keys);
    }
}
