package dev.hearth.events;

import dev.hearth.accounts.Principal;
import dev.hearth.activity.Activity;
import dev.hearth.repos.Permission;
import dev.hearth.repos.RepoAccess;
import dev.hearth.repos.RepoService;
import dev.hearth.repos.Repository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may read which repository, held in memory so a broadcast costs no database query per
 * subscriber. A repository's state is loaded once, then moved forward by the very events that
 * change it (visibility, renames, collaborators), in stream order. Decisions use
 * {@link RepoAccess}, the same rule as every other route.
 */
final class ReadAccess {
    private final RepoService repos;
    private final Map<Long, State> states = new ConcurrentHashMap<>();

    ReadAccess(RepoService repos) {
        this.repos = repos;
    }

    private record State(Repository repo, Map<Long, Permission> grants) {}

    boolean mayRead(Principal principal, Activity.RepoSnapshot snapshot) {
        State s = states.computeIfAbsent(snapshot.id(), id -> load(snapshot));
        return RepoAccess.level(Optional.of(principal), s.repo(), Optional.ofNullable(s.grants().get(principal.userId())))
                .allows(Permission.READ);
    }

    /** Moves the cached state forward; called in stream order by the hub. */
    void apply(Activity activity) {
        if (!(activity instanceof Activity.RepoActivity about)) return; // no repository's access changes
        long id = about.repo().id();
        State current = states.get(id);
        if (current == null) return; // loaded on first use, already including this change
        State next = switch (activity) {
            case Activity.RepositoryRenamed r -> new State(fromSnapshot(r.repo()), current.grants());
            case Activity.VisibilityChanged v -> new State(fromSnapshot(v.repo()), current.grants());
            case Activity.RepositoryDeleted d -> new State(fromSnapshot(d.repo()), Map.of());
            case Activity.CollaboratorAdded m -> new State(current.repo(), with(current.grants(), m.member().id(),
                    Permission.parseGrant(m.permission())));
            case Activity.CollaboratorRemoved m -> new State(current.repo(), with(current.grants(), m.member().id(), null));
            default -> current;
        };
        states.put(id, next);
    }

    private State load(Activity.RepoSnapshot snapshot) {
        return repos.byId(snapshot.id())
                .map(r -> new State(r, Map.copyOf(repos.grantsOf(r.id()))))
                .orElseGet(() -> new State(fromSnapshot(snapshot), Map.of()));
    }

    private static Map<Long, Permission> with(Map<Long, Permission> grants, long userId, Permission permission) {
        Map<Long, Permission> copy = new HashMap<>(grants);
        if (permission == null) copy.remove(userId);
        else copy.put(userId, permission);
        return Map.copyOf(copy);
    }

    private static Repository fromSnapshot(Activity.RepoSnapshot s) {
        return new Repository(s.id(), s.ownerId(), s.owner(), s.name(), null, s.isPrivate(), s.defaultBranch(),
                null, null, null);
    }
}
