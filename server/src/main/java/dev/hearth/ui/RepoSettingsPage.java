package dev.hearth.ui;

import java.util.List;

/**
 * {@code /{owner}/{repo}/settings}: the repository's fields, collaborators and deletion, each
 * form with its own errors ({@link FormErrors#NONE} when it was not the one posted).
 */
public record RepoSettingsPage(RepoHeader repo, String name, String description, boolean isPrivate, String defaultBranch,
                               List<String> branches, List<Collaborator> collaborators, FormErrors errors,
                               String collaboratorLogin, FormErrors collaboratorErrors, FormErrors deleteErrors) {
    public record Collaborator(String login, String permission, String removeAction) {}

    public List<String> permissions() {
        return List.of("read", "triage", "write", "maintain", "admin");
    }
}
