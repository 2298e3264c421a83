package dev.hearth.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code hearth login} keeps: the server's URL, the login and a token. The file holds a
 * secret, so it is created readable by its owner only (mode 600, in a directory of mode 700),
 * from the first byte: written to a private temporary file, then moved over the old one.
 */
record CliConfig(String url, String login, String token) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Optional<CliConfig> load(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(file.toFile(), CliConfig.class));
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalStateException(file + " is not a Hearth configuration; log in again to replace it", e);
        }
    }

    void save(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path temp = Files.createTempFile(dir, ".config-", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
