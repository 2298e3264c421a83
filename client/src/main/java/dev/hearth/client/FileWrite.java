package dev.hearth.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A file to create or replace in one commit. Replacing needs the {@code sha} of the blob it
 * replaces (409 if the file changed since); {@code branch} defaults to the default branch.
 */
public record FileWrite(String message, String content, String sha, String branch) {

    public static FileWrite of(String message, byte[] content) {
        return new FileWrite(message, Base64.getEncoder().encodeToString(content), null, null);
    }

    public static FileWrite of(String message, String text) {
        return of(message, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces the file whose current blob is {@code sha}. */
    public FileWrite replacing(String sha) {
        return new FileWrite(message, content, sha, branch);
    }

    public FileWrite onBranch(String branch) {
        return new FileWrite(message, content, sha, branch);
    }
}
