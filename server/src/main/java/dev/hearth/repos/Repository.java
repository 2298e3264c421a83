package dev.hearth.repos;

import java.time.Instant;

/** A repository's metadata. Its content lives on disk under its id, never under its name. */
public record Repository(long id, long ownerId, String ownerLogin, String name, String description,
                         boolean isPrivate, String defaultBranch, Instant createdAt, Instant updatedAt,
                         Instant pushedAt) {

    public String fullName() {
        return ownerLogin + "/" + name;
    }
}
