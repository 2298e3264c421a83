package dev.hearth.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that signs session cookies: 256 random bits generated on the first start into
 * {@code secrets/session.key} of the data directory (mode 600), as {@code storage.SecretBox}
 * keeps its own. Every node that shares the data directory signs and verifies with it.
 */
record SessionKey(byte[] bytes) {
    static SessionKey load(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve("secrets/session.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                random.nextBytes(key);
                Path tmp = Files.createTempFile(file.getParent(), "session", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                Files.writeString(tmp, Base64.getEncoder().encodeToString(key));
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    Files.deleteIfExists(tmp); // another node made it first: use theirs
                }
            }
            return new SessionKey(Base64.getDecoder().decode(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the session key " + file, e);
        }
    }
}
