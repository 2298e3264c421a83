package dev.hearth.client;

/** A file to delete in one commit: {@code sha} is the blob it must still be. */
public record FileDelete(String message, String sha, String branch) {
    public FileDelete(String message, String sha) {
        this(message, sha, null);
    }
}
