package dev.hearth.repos;

import dev.hearth.accounts.Scope;

/**
 * What a caller may ask to do to a repository, and the role each needs, following GitHub's
 * "Repository roles for an organization": maintain manages the repository (its description)
 * but not what is sensitive or destructive (renaming, visibility, the default branch, who has
 * access, branch protection, webhooks, deletion), which needs admin. {@link AccessPolicy} decides.
 */
public enum RepoAction {
    /** Browse, clone, fetch, watch its events, read a collaborator's permission. */
    READ(Permission.READ, "read it"),
    /** Push, and commit through the contents API. */
    PUSH(Permission.WRITE, "push to it"),
    /** See who collaborates (GitHub: push access). */
    LIST_COLLABORATORS(Permission.WRITE, "list its collaborators"),
    /** Change its description. */
    EDIT_DETAILS(Permission.MAINTAIN, "change its settings"),
    RENAME(Permission.ADMIN, "rename it"),
    CHANGE_DEFAULT_BRANCH(Permission.ADMIN, "change its default branch"),
    CHANGE_VISIBILITY(Permission.ADMIN, "change its visibility"),
    MANAGE_COLLABORATORS(Permission.ADMIN, "manage collaborators"),
    MANAGE_PROTECTION(Permission.ADMIN, "protect its branches"),
    /** Needs a credential with {@code admin:repo_hook}, which alone is enough (without {@code repo}), as on GitHub. */
    MANAGE_HOOKS(Permission.ADMIN, "manage its webhooks"),
    /** Also needs a credential with {@code delete_repo}. */
    DELETE(Permission.ADMIN, "delete it");

    private final Permission needs;
    private final String words;

    RepoAction(Permission needs, String words) {
        this.needs = needs;
        this.words = words;
    }

    /** The least role that may do it. */
    public Permission needs() {
        return needs;
    }

    /** The action in words, after "You need … access to owner/repo to". */
    public String words() {
        return words;
    }

    /** A scope that lets a token do this even without {@code repo}; null for none. */
    Scope widening() {
        return this == MANAGE_HOOKS ? Scope.ADMIN_REPO_HOOK : null;
    }

    /** A scope the credential needs on top of its role; null for none. */
    Scope alsoNeeds() {
        return switch (this) {
            case DELETE -> Scope.DELETE_REPO;
            case MANAGE_HOOKS -> Scope.ADMIN_REPO_HOOK;
            default -> null;
        };
    }
}
