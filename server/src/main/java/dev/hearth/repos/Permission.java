package dev.hearth.repos;

import dev.hearth.error.HearthException;
import java.util.Locale;

/** What someone may do with a repository; ordered, each level including the ones before it. */
public enum Permission {
    NONE, READ, WRITE, ADMIN;

    public boolean allows(Permission needed) {
        return compareTo(needed) >= 0;
    }

    public static Permission min(Permission a, Permission b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a collaborator permission: Hearth's names, and GitHub's for the same levels. */
    public static Permission parseGrant(String text) {
        return switch (text == null ? "" : text) {
            case "read", "pull", "triage" -> READ;
            case "write", "push", "maintain" -> WRITE;
            case "admin" -> ADMIN;
            default -> throw HearthException.invalid("permission", "must be read, write or admin");
        };
    }
}
