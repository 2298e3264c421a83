package dev.hearth.events;

import dev.hearth.accounts.Principal;
import dev.hearth.activity.Activity;
import dev.hearth.repos.AccessPolicy;
import dev.hearth.repos.Grantee;
import dev.hearth.repos.Permission;
import dev.hearth.repos.RepoAction;
import dev.hearth.repos.RepoService;
import dev.hearth.repos.Repository;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may read which repository, for the WebSocket fan-out, held in memory so a broadcast costs
 * no database query per subscriber. The decision is {@link AccessPolicy#allows}'s, the same rule
 * as every other route; only its inputs are kept: a repository's row (loaded once, then moved
 * forward by the events that change it, in stream order) and, per grantee, the highest grant the
 * policy's sources gave (asked once, forgotten when the repository's collaborators change).
 */
final class ReadAccess {
    private final RepoService repos;
    private final AccessPolicy policy;
    private final Map<Long, State> states = new ConcurrentHashMap<>();

    ReadAccess(RepoService repos) {
        this.repos = repos;
        this.policy = repos.policy();
    }

    /** A repository's row and the grants asked so far, by grantee. */
    private record State(Repository repo, Map<Grantee, Permission> granted) {
        State(Repository repo) {
            this(repo, new ConcurrentHashMap<>());
        }
    }

    boolean mayRead(Principal principal, Activity.RepoSnapshot snapshot) {
        State s = states.computeIfAbsent(snapshot.id(), id -> load(snapshot));
        Permission granted = s.granted().computeIfAbsent(Grantee.of(principal), who -> policy.granted(who, s.repo()));
        return AccessPolicy.allows(Optional.of(principal), s.repo(), granted, RepoAction.READ);
    }

    /** Moves the cached state forward; called in stream order by the hub. */
    void apply(Activity activity) {
        if (!(activity instanceof Activity.RepoActivity about)) return; // no repository's access changes
        long id = about.repo().id();
        State current = states.get(id);
        if (current == null) return; // loaded on first use, already including this change
        State next = switch (activity) {
            case Activity.RepositoryRenamed r -> new State(fromSnapshot(r.repo()), current.granted());
            case Activity.VisibilityChanged v -> new State(fromSnapshot(v.repo()), current.granted());
            case Activity.RepositoryDeleted d -> new State(fromSnapshot(d.repo()));
            // Grants changed: ask the policy again at the next decision.
            case Activity.CollaboratorAdded m -> new State(current.repo());
            case Activity.CollaboratorRemoved m -> new State(current.repo());
            default -> current;
        };
        states.put(id, next);
    }

    private State load(Activity.RepoSnapshot snapshot) {
        return new State(repos.byId(snapshot.id()).orElseGet(() -> fromSnapshot(snapshot)));
    }

    private static Repository fromSnapshot(Activity.RepoSnapshot s) {
        return new Repository(s.id(), s.ownerId(), s.owner(), s.name(), null, s.isPrivate(), s.defaultBranch(),
                null, null, null);
    }
}
