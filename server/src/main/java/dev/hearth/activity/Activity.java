package dev.hearth.activity;

import java.util.List;

/**
 * Everything that happens to a repository that someone may want to hear about: the closed set
 * of event types. Each record is a snapshot taken when it happened (names, visibility), so a
 * later rename does not rewrite history. Stored as JSON in the events table; turned into
 * GitHub's webhook payloads by the events feature.
 */
public sealed interface Activity {
    RepoSnapshot repo();

    Actor actor();

    /** The stored type name; never renamed, since rows keep it. */
    default String type() {
        return switch (this) {
            case RepositoryCreated a -> "repository.created";
            case RepositoryRenamed a -> "repository.renamed";
            case RepositoryDeleted a -> "repository.deleted";
            case VisibilityChanged a -> "repository.visibility_changed";
            case Pushed a -> "push";
            case RefCreated a -> "create";
            case RefDeleted a -> "delete";
            case CollaboratorAdded a -> "member.added";
            case CollaboratorRemoved a -> "member.removed";
        };
    }

    /** The repository as it was at the time. */
    record RepoSnapshot(long id, long ownerId, String owner, String name, boolean isPrivate, String defaultBranch) {
        public String fullName() {
            return owner + "/" + name;
        }
    }

    /** Who did it. */
    record Actor(long id, String login) {}

    /** A person in a commit. */
    record Person(String name, String email) {}

    /** One commit of a push, as GitHub's push payload lists them. */
    record CommitSummary(String id, String treeId, String message, String timestamp, Person author, Person committer) {}

    /** Branch or tag. */
    enum RefKind { BRANCH, TAG, OTHER }

    record RepositoryCreated(RepoSnapshot repo, Actor actor) implements Activity {}

    record RepositoryRenamed(RepoSnapshot repo, Actor actor, String fromName) implements Activity {}

    record RepositoryDeleted(RepoSnapshot repo, Actor actor) implements Activity {}

    record VisibilityChanged(RepoSnapshot repo, Actor actor, boolean isPrivate) implements Activity {}

    /**
     * One ref moved by a push or a commit through the API. {@code commits} lists at most
     * {@link #MAX_LISTED_COMMITS} of the {@code totalCommits} new ones, oldest first.
     */
    record Pushed(RepoSnapshot repo, Actor actor, String ref, String before, String after, boolean created,
                  boolean deleted, boolean forced, List<CommitSummary> commits, int totalCommits) implements Activity {
        public static final int MAX_LISTED_COMMITS = 20;
    }

    record RefCreated(RepoSnapshot repo, Actor actor, String ref, RefKind kind, String sha) implements Activity {}

    record RefDeleted(RepoSnapshot repo, Actor actor, String ref, RefKind kind) implements Activity {}

    record CollaboratorAdded(RepoSnapshot repo, Actor actor, Actor member, String permission) implements Activity {}

    record CollaboratorRemoved(RepoSnapshot repo, Actor actor, Actor member) implements Activity {}
}
