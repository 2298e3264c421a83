package dev.hearth.events;

import dev.hearth.activity.Activity;
import dev.hearth.activity.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event as GitHub's webhook payloads shape it ({@code push}, {@code create}, {@code delete},
 * {@code repository}, {@code member}): one schema for the WebSocket stream and for webhooks.
 * Events about a user (Hearth's own {@code credential} event, with an {@code action}) have a
 * {@code user} where repository events have a {@code repository}.
 */
public final class EventPayloads {
    private EventPayloads() {}

    /** GitHub's event name, as in {@code X-GitHub-Event}. */
    public static String name(Activity a) {
        return switch (a) {
            case Activity.Pushed p -> "push";
            case Activity.RefCreated c -> "create";
            case Activity.RefDeleted d -> "delete";
            case Activity.RepositoryCreated r -> "repository";
            case Activity.RepositoryRenamed r -> "repository";
            case Activity.RepositoryDeleted r -> "repository";
            case Activity.VisibilityChanged v -> "repository";
            case Activity.CollaboratorAdded m -> "member";
            case Activity.CollaboratorRemoved m -> "member";
            case Activity.CredentialChanged c -> "credential";
        };
    }

    /** GitHub's {@code action} of an event, for those that have one. */
    public static String action(Activity a) {
        return switch (a) {
            case Activity.RepositoryCreated r -> "created";
            case Activity.RepositoryDeleted r -> "deleted";
            case Activity.RepositoryRenamed r -> "renamed";
            case Activity.VisibilityChanged v -> v.isPrivate() ? "privatized" : "publicized";
            case Activity.CollaboratorAdded m -> "added";
            case Activity.CollaboratorRemoved m -> "removed";
            case Activity.TokenRevoked t -> "token_revoked";
            case Activity.OAuthClientDeleted o -> "oauth_client_deleted";
            case Activity.PasswordChanged c -> "password_changed";
            case Activity.SessionsEnded e -> "sessions_ended";
            case Activity.SignedOut o -> "signed_out";
            default -> null;
        };
    }

    /** The payload, with links under {@code base} (the public URL). */
    public static Map<String, Object> payload(Event event, String base) {
        Activity a = event.activity();
        Map<String, Object> p = new LinkedHashMap<>();
        switch (a) {
            case Activity.Pushed push -> {
                p.put("ref", push.ref());
                p.put("before", push.before());
                p.put("after", push.after());
                p.put("created", push.created());
                p.put("deleted", push.deleted());
                p.put("forced", push.forced());
                p.put("compare", base + "/" + push.repo().fullName() + "/compare/" + shortSha(push.before()) + "..." + shortSha(push.after()));
                List<Map<String, Object>> commits = push.commits().stream().map(c -> commit(c, base, push.repo())).toList();
                p.put("commits", commits);
                p.put("total_commits", push.totalCommits());
                p.put("head_commit", commits.isEmpty() ? null : commits.getLast());
                p.put("pusher", Map.of("name", push.actor().login()));
            }
            case Activity.RefCreated c -> {
                p.put("ref", shortRef(c.ref()));
                p.put("ref_type", c.kind() == Activity.RefKind.TAG ? "tag" : "branch");
                p.put("master_branch", c.repo().defaultBranch());
                p.put("pusher_type", "user");
            }
            case Activity.RefDeleted d -> {
                p.put("ref", shortRef(d.ref()));
                p.put("ref_type", d.kind() == Activity.RefKind.TAG ? "tag" : "branch");
                p.put("pusher_type", "user");
            }
            case Activity.RepositoryCreated r -> p.put("action", "created");
            case Activity.RepositoryDeleted r -> p.put("action", "deleted");
            case Activity.RepositoryRenamed r -> {
                p.put("action", "renamed");
                p.put("changes", Map.of("repository", Map.of("name", Map.of("from", r.fromName()))));
            }
            case Activity.VisibilityChanged v -> p.put("action", v.isPrivate() ? "privatized" : "publicized");
            case Activity.CollaboratorAdded m -> {
                p.put("action", "added");
                p.put("member", user(m.member(), base));
                p.put("changes", Map.of("permission", Map.of("to", m.permission())));
            }
            case Activity.CollaboratorRemoved m -> {
                p.put("action", "removed");
                p.put("member", user(m.member(), base));
            }
            case Activity.CredentialChanged c -> {
                p.put("action", action(c));
                switch (c) {
                    case Activity.TokenRevoked t -> p.put("token_id", t.tokenId());
                    case Activity.OAuthClientDeleted o -> p.put("client_id", o.clientId());
                    default -> { }
                }
            }
        }
        switch (a.subject()) {
            case Activity.Subject.Repo r -> p.put("repository", repository(r.repo(), base));
            case Activity.Subject.User u -> p.put("user", user(new Activity.Actor(u.id(), u.login()), base));
            case Activity.Subject.Org o -> p.put("organization", Map.of("login", o.login(), "id", o.id(),
                    "url", base + "/api/v3/orgs/" + o.login()));
        }
        p.put("sender", user(a.actor(), base));
        return p;
    }

    private static Map<String, Object> commit(Activity.CommitSummary c, String base, Activity.RepoSnapshot repo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("tree_id", c.treeId());
        m.put("distinct", true);
        m.put("message", c.message());
        m.put("timestamp", c.timestamp());
        m.put("url", base + "/" + repo.fullName() + "/commit/" + c.id());
        m.put("author", Map.of("name", c.author().name(), "email", c.author().email()));
        m.put("committer", Map.of("name", c.committer().name(), "email", c.committer().email()));
        return m;
    }

    static Map<String, Object> repository(Activity.RepoSnapshot r, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("full_name", r.fullName());
        m.put("private", r.isPrivate());
        m.put("owner", user(new Activity.Actor(r.ownerId(), r.owner()), base));
        m.put("html_url", base + "/" + r.fullName());
        m.put("url", base + "/api/v3/repos/" + r.fullName());
        m.put("clone_url", base + "/" + r.fullName() + ".git");
        m.put("default_branch", r.defaultBranch());
        return m;
    }

    private static Map<String, Object> user(Activity.Actor u, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("login", u.login());
        m.put("id", u.id());
        m.put("type", "User");
        m.put("url", base + "/api/v3/users/" + u.login());
        m.put("html_url", base + "/" + u.login());
        return m;
    }

    private static String shortRef(String ref) {
        if (ref.startsWith("refs/heads/")) return ref.substring("refs/heads/".length());
        if (ref.startsWith("refs/tags/")) return ref.substring("refs/tags/".length());
        return ref;
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
