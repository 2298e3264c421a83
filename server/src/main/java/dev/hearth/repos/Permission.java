package dev.hearth.repos;

import dev.hearth.error.HearthException;
import java.util.Locale;

/**
 * A role on a repository, as GitHub names them; ordered, each including the ones before it.
 * {@code TRIAGE} reads and (once issues and pull requests exist) manages them without pushing;
 * {@code MAINTAIN} pushes and manages the repository, but may not delete it, change its
 * visibility, rename it or manage who has access (see {@link RepoAction} for what each needs).
 * Stored grants use {@link #wire()} (existing rows say read, write or admin).
 */
public enum Permission {
    NONE, READ, TRIAGE, WRITE, MAINTAIN, ADMIN;

    public boolean allows(Permission needed) {
        return compareTo(needed) >= 0;
    }

    public static Permission min(Permission a, Permission b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static Permission max(Permission a, Permission b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Hearth's name, which is also GitHub's {@code role_name}: read, triage, write, maintain, admin (or none). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * GitHub's legacy base role for {@code GET …/collaborators/{username}/permission}'s
     * {@code permission}: admin, write, read or none, with maintain shown as write and triage as read.
     */
    public String legacy() {
        return switch (this) {
            case ADMIN -> "admin";
            case MAINTAIN, WRITE -> "write";
            case TRIAGE, READ -> "read";
            case NONE -> "none";
        };
    }

    /** A stored grant, as {@link #wire()} wrote it. */
    static Permission stored(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** Parses a collaborator permission: GitHub's names (pull, triage, push, maintain, admin) and Hearth's (read, write). */
    public static Permission parseGrant(String text) {
        return switch (text == null ? "" : text) {
            case "read", "pull" -> READ;
            case "triage" -> TRIAGE;
            case "write", "push" -> WRITE;
            case "maintain" -> MAINTAIN;
            case "admin" -> ADMIN;
            default -> throw HearthException.invalid("permission", "must be pull, triage, push, maintain or admin");
        };
    }
}
