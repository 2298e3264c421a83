package dev.hearth.ui;

import java.util.List;

/**
 * {@code /{owner}/{repo}/settings}: the repository's fields, collaborators and deletion, each
 * form with its own errors ({@link FormErrors#NONE} when it was not the one posted), and what the
 * viewer may change: a maintainer sees the admin-only parts read-only or not at all.
 */
public record RepoSettingsPage(RepoHeader repo, String name, String description, boolean isPrivate, String defaultBranch,
                               List<String> branches, List<Collaborator> collaborators, FormErrors errors,
                               String collaboratorLogin, FormErrors collaboratorErrors, FormErrors deleteErrors,
                               Allowed allowed) {
    public record Collaborator(String login, String permission, String removeAction) {}

    /** The permission policy's answers for the viewer, one per part of the page. */
    public record Allowed(boolean rename, boolean visibility, boolean defaultBranch, boolean collaborators, boolean hooks,
                          boolean protection, boolean delete) {}

    public List<String> permissions() {
        return List.of("read", "triage", "write", "maintain", "admin");
    }
}
