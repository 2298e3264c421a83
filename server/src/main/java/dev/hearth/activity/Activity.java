package dev.hearth.activity;

import java.util.List;

/**
 * Everything that happens that someone may want to hear about: the closed set of event types.
 * Each event is about a {@link Subject}: a repository ({@link RepoActivity}), a user
 * ({@link UserActivity}) or, soon, an organisation. Each record is a snapshot taken when it
 * happened (names, visibility), so a later rename does not rewrite history. Stored as JSON in the
 * events table; turned into GitHub's webhook payloads by the events feature.
 *
 * <p>A new kind of subject is a new {@link Subject} record and a sub-interface beside
 * {@link RepoActivity}; a new event is a record implementing one of them, named in
 * {@link #type()}, in {@code ActivityLog}'s list of stored types, and in the events feature's
 * payloads.
 */
public sealed interface Activity permits Activity.RepoActivity, Activity.UserActivity {
    /** What the event is about: who may see it, and where it is filed, follow from this. */
    Subject subject();

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
            case TokenRevoked a -> "user.token_revoked";
            case OAuthClientDeleted a -> "user.oauth_client_deleted";
            case PasswordChanged a -> "user.password_changed";
            case SessionsEnded a -> "user.sessions_ended";
            case SignedOut a -> "user.signed_out";
        };
    }

    /** What an event is about. Stored as {@code subject_type} and {@code subject_id} beside the JSON. */
    sealed interface Subject {
        /** The stored name of this kind of subject; never renamed, since rows keep it. */
        String kind();

        long id();

        record Repo(RepoSnapshot repo) implements Subject {
            @Override
            public String kind() {
                return "repository";
            }

            @Override
            public long id() {
                return repo.id();
            }
        }

        record User(long id, String login) implements Subject {
            @Override
            public String kind() {
                return "user";
            }
        }

        /** An organisation; no event has one yet (the organisations issue adds them). */
        record Org(long id, String login) implements Subject {
            @Override
            public String kind() {
                return "organisation";
            }
        }
    }

    /** An event about a repository: who may read the repository may read the event. */
    sealed interface RepoActivity extends Activity permits RepositoryCreated, RepositoryRenamed, RepositoryDeleted,
            VisibilityChanged, Pushed, RefCreated, RefDeleted, CollaboratorAdded, CollaboratorRemoved {
        RepoSnapshot repo();

        @Override
        default Subject subject() {
            return new Subject.Repo(repo());
        }
    }

    /** An event about a user, private to that user. */
    sealed interface UserActivity extends Activity permits CredentialChanged {
        Subject.User user();

        @Override
        default Subject subject() {
            return user();
        }
    }

    /**
     * A credential of the user stopped counting, in the same transaction as the change: whatever
     * rode in on it (a live WebSocket, say) must be checked again at once.
     */
    sealed interface CredentialChanged extends UserActivity permits TokenRevoked, OAuthClientDeleted, PasswordChanged,
            SessionsEnded, SignedOut {}

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

    record RepositoryCreated(RepoSnapshot repo, Actor actor) implements RepoActivity {}

    record RepositoryRenamed(RepoSnapshot repo, Actor actor, String fromName) implements RepoActivity {}

    record RepositoryDeleted(RepoSnapshot repo, Actor actor) implements RepoActivity {}

    record VisibilityChanged(RepoSnapshot repo, Actor actor, boolean isPrivate) implements RepoActivity {}

    /**
     * One ref moved by a push or a commit through the API. {@code commits} lists at most
     * {@link #MAX_LISTED_COMMITS} of the {@code totalCommits} new ones, oldest first.
     */
    record Pushed(RepoSnapshot repo, Actor actor, String ref, String before, String after, boolean created,
                  boolean deleted, boolean forced, List<CommitSummary> commits, int totalCommits) implements RepoActivity {
        public static final int MAX_LISTED_COMMITS = 20;
    }

    record RefCreated(RepoSnapshot repo, Actor actor, String ref, RefKind kind, String sha) implements RepoActivity {}

    record RefDeleted(RepoSnapshot repo, Actor actor, String ref, RefKind kind) implements RepoActivity {}

    record CollaboratorAdded(RepoSnapshot repo, Actor actor, Actor member, String permission) implements RepoActivity {}

    record CollaboratorRemoved(RepoSnapshot repo, Actor actor, Actor member) implements RepoActivity {}

    /** A personal access token was deleted (revoked). */
    record TokenRevoked(Subject.User user, Actor actor, long tokenId) implements CredentialChanged {}

    /** An OAuth client was deleted; every access token it was given ends with it. */
    record OAuthClientDeleted(Subject.User user, Actor actor, String clientId) implements CredentialChanged {}

    /** The password changed: what was proven with the old one, and every browser session before now, ends. */
    record PasswordChanged(Subject.User user, Actor actor) implements CredentialChanged {}

    /** Every browser session of the user that started before now was ended ("sign out everywhere"). */
    record SessionsEnded(Subject.User user, Actor actor) implements CredentialChanged {}

    /** One browser session was signed out. */
    record SignedOut(Subject.User user, Actor actor) implements CredentialChanged {}
}
