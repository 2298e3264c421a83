package dev.hearth.repos;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hearth.accounts.AccountService;
import dev.hearth.activity.Activity;
import dev.hearth.activity.ActivityLog;
import dev.hearth.audit.AuditLog;
import dev.hearth.accounts.Principal;
import dev.hearth.accounts.Scope;
import dev.hearth.accounts.User;
import dev.hearth.error.HearthException;
import dev.hearth.storage.Database;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repository registry: creation, lookup with visibility, changes, deletion, collaborators.
 * Every lookup for a caller answers "not found" for a repository the caller may not read.
 */
public final class RepoService {
    private static final Logger LOG = LoggerFactory.getLogger(RepoService.class);
    private static final int MAX_DESCRIPTION = 1000;
    static final Duration LOOKUP_TTL = Duration.ofSeconds(1);

    private final Jdbi jdbi;
    private final RepoStore store;
    private final AccountService accounts;
    private final ActivityLog activity;
    private final AuditLog audit;
    private final Clock clock;
    private final RepoDao dao = new RepoDao();
    private final AccessPolicy policy;
    /**
     * Repositories by lower-case owner/name, for the routes that find one on every request
     * (browse, git): a database query was a fifth of a contents request's CPU. Every change made
     * here empties it at once; a change made by another node is seen within {@link #LOOKUP_TTL}.
     * Permissions are not cached: a caller's grant is read for each request.
     */
    private final Cache<String, Repository> byName = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(LOOKUP_TTL).build();
    private final AtomicLong generation = new AtomicLong();

    public RepoService(Jdbi jdbi, RepoStore store, AccountService accounts, ActivityLog activity, AuditLog audit, Clock clock) {
        this(jdbi, store, accounts, activity, audit, clock, List.of());
    }

    /** With grant sources beyond owner, collaborators and site admins (organisations, teams). */
    public RepoService(Jdbi jdbi, RepoStore store, AccountService accounts, ActivityLog activity, AuditLog audit, Clock clock,
                       List<GrantSource> moreSources) {
        List<GrantSource> sources = new java.util.ArrayList<>(AccessPolicy.standardSources(jdbi, dao));
        sources.addAll(moreSources);
        this.policy = new AccessPolicy(sources);
        this.audit = audit;
        this.jdbi = jdbi;
        this.store = store;
        this.accounts = accounts;
        this.activity = activity;
        this.clock = clock;
    }

    /** The repository as events record it. */
    public static Activity.RepoSnapshot snapshot(Repository r) {
        return new Activity.RepoSnapshot(r.id(), r.ownerId(), r.ownerLogin(), r.name(), r.isPrivate(), r.defaultBranch());
    }

    public static Activity.Actor actor(Principal p) {
        return new Activity.Actor(p.userId(), p.login());
    }

    /**
     * Proof that {@link AccessPolicy} was asked about a caller and a repository, and its answer.
     * Only this package makes one, so code that reads or changes a repository (browse, the UI,
     * git, events) cannot do so without asking. {@link #level()} is the role as the credential
     * lets it act; {@link #may} and {@link #require} ask about one action.
     */
    public static final class Access {
        private final Optional<Principal> caller;
        private final Repository repo;
        private final Permission granted;

        Access(Optional<Principal> caller, Repository repo, Permission granted) {
            this.caller = caller;
            this.repo = repo;
            this.granted = granted;
        }

        public Repository repo() {
            return repo;
        }

        /** The role the credential lets the caller act with for reading and writing (NONE: nothing). */
        public Permission level() {
            return AccessPolicy.capped(caller, repo, granted, RepoAction.READ);
        }

        /** The caller's role before any token scope caps it. */
        public Permission role() {
            return caller.isEmpty() ? AccessPolicy.publicLevel(repo) : AccessPolicy.role(repo, granted);
        }

        public boolean may(RepoAction action) {
            return AccessPolicy.allows(caller, repo, granted, action);
        }

        /** This access, or 403 saying what was missing: a scope the action needs, or the role. */
        public Access require(RepoAction action) {
            if (may(action)) return this;
            Scope scope = action.alsoNeeds() != null ? action.alsoNeeds() : action.widening();
            if (caller.isPresent() && scope != null && !caller.get().has(scope)
                    && AccessPolicy.role(repo, granted).allows(action.needs())) {
                throw HearthException.denied("You need a token with the '" + scope.wire() + "' scope to "
                        + action.words() + " (" + repo.fullName() + ")");
            }
            throw HearthException.denied("You need " + action.needs().wire() + " access to " + repo.fullName() + " to "
                    + action.words());
        }

        /** This access, or 403: for a check by role alone (the level as capped for reading and writing). */
        public Access require(Permission needed, String action) {
            if (!level().allows(needed)) {
                throw HearthException.denied("You need " + needed.wire() + " access to " + repo.fullName() + " to " + action);
            }
            return this;
        }

        /** The same decision about the repository's row after a change of this caller's (a rename, say). */
        public Access updated(Repository now) {
            if (now.id() != repo.id()) throw new IllegalArgumentException("not the same repository");
            return new Access(caller, now, granted);
        }

        @Override
        public String toString() {
            return "Access[" + repo.fullName() + ", " + level() + "]";
        }
    }

    /** What a new repository should be. */
    public record NewRepo(String name, String description, boolean isPrivate, String defaultBranch) {}

    /** Changes to a repository; a null field stays as it is. */
    public record Changes(String name, String description, Boolean isPrivate, String defaultBranch) {}

    /** One page of a listing and the size of the whole. */
    public record Listing<T>(List<T> items, long total) {}

    /** A collaborator and the grant. */
    public record Collaborator(long userId, String login, boolean siteAdmin, Permission permission) {}

    /** The permission policy every transport asks (through this registry's lookups, or directly). */
    public AccessPolicy policy() {
        return policy;
    }

    /** The repository, if the caller may read it; otherwise empty, as if it did not exist. */
    public Optional<Access> lookup(Optional<Principal> caller, String owner, String name) {
        return lookup(caller, owner, name, RepoAction.READ);
    }

    /**
     * The repository, if the caller may read it or do {@code purpose} to it (a token with
     * {@code admin:repo_hook} alone manages a private repository's hooks); otherwise empty.
     */
    public Optional<Access> lookup(Optional<Principal> caller, String owner, String name, RepoAction purpose) {
        String key = owner.toLowerCase(Locale.ROOT) + "/" + name.toLowerCase(Locale.ROOT);
        Repository cached = byName.getIfPresent(key);
        Optional<Repository> found;
        if (cached != null) {
            found = Optional.of(cached);
        } else {
            long before = generation.get();
            found = jdbi.withHandle(h -> dao.byName(h, owner, name));
            // Kept only if nothing changed meanwhile: a row read before a commit must not outlive it.
            if (generation.get() == before) found.ifPresent(r -> byName.put(key, r));
        }
        return found
                .map(repo -> policy.access(caller, repo))
                .filter(a -> a.may(RepoAction.READ) || a.may(purpose));
    }

    public Access find(Optional<Principal> caller, String owner, String name) {
        return find(caller, owner, name, RepoAction.READ);
    }

    /** {@link #lookup(Optional, String, String, RepoAction)}, or 404. */
    public Access find(Optional<Principal> caller, String owner, String name, RepoAction purpose) {
        return lookup(caller, owner, name, purpose)
                .orElseThrow(() -> HearthException.notFound("Repository " + owner + "/" + name + " not found"));
    }

    /** The repository with id {@code id}, if the caller may read it: for pages built from events. */
    public Optional<Access> lookup(Optional<Principal> caller, long id) {
        return byId(id).map(repo -> policy.access(caller, repo)).filter(a -> a.may(RepoAction.READ));
    }

    /** {@link #levelFor} for every repository of a listing page, each grant source asked once. */
    public List<Permission> levelsFor(Optional<Principal> caller, List<Repository> page) {
        return policy.access(caller, page).stream().map(Access::level).toList();
    }

    public Permission levelFor(Optional<Principal> caller, Repository repo) {
        return policy.access(caller, repo).level();
    }

    /**
     * Registers a new, empty repository owned by the caller. A first commit ({@code auto_init}) is
     * the git feature's to make, through its write path: routes create through {@link RepoCreator}.
     */
    public Repository create(Principal caller, NewRepo spec) {
        if (!caller.has(Scope.REPO)) {
            throw HearthException.denied("Creating a repository needs a token with the 'repo' scope");
        }
        RepoName name = new RepoName(spec.name());
        String branch = spec.defaultBranch() == null ? "main" : validBranch(spec.defaultBranch());
        String description = validDescription(spec.description());
        Instant now = clock.instant();
        User owner = caller.user();
        AtomicLong created = new AtomicLong(-1);
        try {
            return jdbi.inTransaction(h -> {
                if (dao.nameTaken(h, owner.id(), name, -1)) {
                    throw HearthException.conflict("You already have a repository named " + spec.name());
                }
                long id = dao.insert(h, owner.id(), name, description, spec.isPrivate(), branch, now);
                created.set(id);
                store.create(id, branch);
                Repository repo = dao.byId(h, id).orElseThrow();
                activity.append(h, new Activity.RepositoryCreated(snapshot(repo), actor(caller)));
                return repo;
            });
        } catch (RuntimeException | IOException e) {
            if (created.get() >= 0) deleteQuietly(created.get());
            if (Database.isUniqueViolation(e)) {
                throw HearthException.conflict("You already have a repository named " + spec.name());
            }
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) e;
        }
    }

    /**
     * Changes a repository: maintainers may change its description; renaming, visibility and the
     * default branch need admin (as on GitHub), each checked only when it would change.
     */
    public Repository update(Principal caller, Access access, Changes changes) {
        access.require(RepoAction.EDIT_DETAILS);
        Repository old = access.repo();
        RepoName name = changes.name() == null ? new RepoName(old.name()) : new RepoName(changes.name());
        String description = changes.description() == null ? old.description()
                : validDescription(changes.description()).isEmpty() ? null : validDescription(changes.description());
        boolean isPrivate = changes.isPrivate() == null ? old.isPrivate() : changes.isPrivate();
        String branch = changes.defaultBranch() == null ? old.defaultBranch() : validBranch(changes.defaultBranch());
        if (!name.value().equals(old.name())) access.require(RepoAction.RENAME);
        if (isPrivate != old.isPrivate()) access.require(RepoAction.CHANGE_VISIBILITY);
        if (!branch.equals(old.defaultBranch())) access.require(RepoAction.CHANGE_DEFAULT_BRANCH);
        if (!branch.equals(old.defaultBranch())) requireBranchExistsIfAny(old.id(), branch);
        Repository next = new Repository(old.id(), old.ownerId(), old.ownerLogin(), name.value(), description,
                isPrivate, branch, old.createdAt(), old.updatedAt(), old.pushedAt());
        try {
            Repository updated = jdbi.inTransaction(h -> {
                if (dao.nameTaken(h, old.ownerId(), name, old.id())) {
                    throw HearthException.conflict(old.ownerLogin() + " already has a repository named " + name);
                }
                dao.update(h, next, clock.instant());
                if (!branch.equals(old.defaultBranch())) store.setDefaultBranch(old.id(), branch);
                Repository now = dao.byId(h, old.id()).orElseThrow();
                if (!now.name().equals(old.name())) {
                    activity.append(h, new Activity.RepositoryRenamed(snapshot(now), actor(caller), old.name()));
                }
                if (now.isPrivate() != old.isPrivate()) {
                    activity.append(h, new Activity.VisibilityChanged(snapshot(now), actor(caller), now.isPrivate()));
                    audit.record(h, "repo.visibility", now.fullName(), java.util.Map.of("private", now.isPrivate()));
                }
                return now;
            });
            changed();
            return updated;
        } catch (RuntimeException | IOException e) {
            if (Database.isUniqueViolation(e)) {
                throw HearthException.conflict(old.ownerLogin() + " already has a repository named " + name);
            }
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) e;
        }
    }

    public void delete(Principal caller, Access access) {
        access.require(RepoAction.DELETE);
        long id = access.repo().id();
        jdbi.useTransaction(h -> {
            dao.delete(h, id);
            activity.append(h, new Activity.RepositoryDeleted(snapshot(access.repo()), actor(caller)));
            audit.record(h, "repo.deleted", access.repo().fullName(), java.util.Map.of("repository_id", id));
        });
        changed();
        deleteQuietly(id);
    }

    public Listing<Repository> listOwnedBy(Optional<Principal> caller, String ownerLogin, int limit, long offset) {
        User owner = accounts.find(ownerLogin).orElseThrow(() -> HearthException.notFound("No user " + ownerLogin));
        ListFilter visible = policy.visibleTo(caller);
        return jdbi.withHandle(h -> new Listing<>(dao.ownedBy(h, owner.id(), visible, limit, offset),
                dao.countOwnedBy(h, owner.id(), visible)));
    }

    /** Public repositories, most recently pushed first: what anyone may explore. */
    public List<Repository> listPublic(int limit, long offset) {
        return jdbi.withHandle(h -> dao.visible(h, policy.visibleTo(Optional.empty()), limit, offset));
    }

    /** The caller's own repositories (owner, collaborator), as far as the credential may see them. */
    public Listing<Repository> listMemberOf(Principal caller, int limit, long offset) {
        ListFilter mine = policy.affiliatedWith(caller);
        return jdbi.withHandle(h -> new Listing<>(dao.memberOf(h, mine, limit, offset), dao.countMemberOf(h, mine)));
    }

    /** Grants access; true when the user was added, false when only the level changed. */
    public boolean putCollaborator(Principal caller, Access access, String login, Permission permission) {
        access.require(RepoAction.MANAGE_COLLABORATORS);
        if (permission == Permission.NONE) throw HearthException.invalid("permission", "must be pull, triage, push, maintain or admin");
        User user = accounts.find(login).orElseThrow(() -> HearthException.notFound("No user " + login));
        if (user.id() == access.repo().ownerId()) {
            throw HearthException.invalid("login", "the owner already has every permission");
        }
        return jdbi.inTransaction(h -> {
            boolean added = dao.putGrant(h, access.repo().id(), user.id(), permission, clock.instant());
            audit.record(h, added ? "repo.collaborator.added" : "repo.collaborator.changed", access.repo().fullName(),
                    java.util.Map.of("login", user.login(), "permission", permission.wire()));
            if (added) {
                activity.append(h, new Activity.CollaboratorAdded(snapshot(access.repo()), actor(caller),
                        new Activity.Actor(user.id(), user.login()), permission.wire()));
            }
            return added;
        });
    }

    public void removeCollaborator(Principal caller, Access access, String login) {
        access.require(RepoAction.MANAGE_COLLABORATORS);
        User user = accounts.find(login).orElseThrow(() -> HearthException.notFound("No user " + login));
        jdbi.useTransaction(h -> {
            if (dao.removeGrant(h, access.repo().id(), user.id())) {
                audit.record(h, "repo.collaborator.removed", access.repo().fullName(), java.util.Map.of("login", user.login()));
                activity.append(h, new Activity.CollaboratorRemoved(snapshot(access.repo()), actor(caller),
                        new Activity.Actor(user.id(), user.login())));
            }
        });
    }

    public Listing<Collaborator> collaborators(Access access, int limit, long offset) {
        access.require(RepoAction.LIST_COLLABORATORS);
        return jdbi.withHandle(h -> new Listing<>(
                dao.grants(h, access.repo().id(), limit, offset).stream()
                        .map(g -> new Collaborator(g.userId(), g.login(), g.siteAdmin(), g.permission())).toList(),
                dao.countGrants(h, access.repo().id())));
    }

    /** A user's role on a repository, from every grant source, as GitHub's permission endpoint shows it. */
    public record UserPermission(User user, Permission role) {}

    /**
     * What {@code login} may do with the repository ({@code GET …/collaborators/{username}/permission}):
     * the highest grant any source gives them, never less than public; anyone who may read the repository may ask.
     */
    public UserPermission permissionOf(Access access, String login) {
        access.require(RepoAction.READ);
        User user = accounts.find(login).orElseThrow(() -> HearthException.notFound("No user " + login));
        Permission granted = policy.granted(Grantee.of(user), access.repo());
        return new UserPermission(user, AccessPolicy.role(access.repo(), granted));
    }

    /** Records that a push (or a commit through the API) changed the repository, with its events, in one transaction. */
    public void recordPush(long repoId, List<Activity> happened) {
        jdbi.useTransaction(h -> {
            dao.markPushed(h, repoId, clock.instant());
            for (Activity a : happened) activity.append(h, a);
        });
        changed();
    }

    /**
     * As {@link #recordPush(long, List)}, within the caller's transaction: the write path
     * completes its intent in the same one, so the events and the intent's end commit together.
     */
    public void recordPush(org.jdbi.v3.core.Handle h, long repoId, List<Activity> happened) {
        dao.markPushed(h, repoId, clock.instant());
        for (Activity a : happened) activity.append(h, a);
        h.afterCommit(this::changed);
    }

    /** After a committed change to a repository's row: what lookups keep is dropped. */
    private void changed() {
        generation.incrementAndGet();
        byName.invalidateAll();
    }

    public Optional<Repository> byId(long id) {
        return jdbi.withHandle(h -> dao.byId(h, id));
    }

    private void requireBranchExistsIfAny(long id, String branch) {
        try (var repo = store.open(id)) {
            var heads = repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS);
            if (!heads.isEmpty() && repo.exactRef(Constants.R_HEADS + branch) == null) {
                throw HearthException.invalid("default_branch", "there is no branch named " + branch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String validBranch(String branch) {
        if (branch.isEmpty() || branch.length() > 255
                || !org.eclipse.jgit.lib.Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw HearthException.invalid("default_branch", "'" + branch + "' is not a valid branch name");
        }
        return branch;
    }

    private static String validDescription(String description) {
        if (description == null) return null;
        if (description.length() > MAX_DESCRIPTION) {
            throw HearthException.invalid("description", "must have at most " + MAX_DESCRIPTION + " characters");
        }
        if (description.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw HearthException.invalid("description", "must not contain control characters");
        }
        return description;
    }

    private void deleteQuietly(long id) {
        try {
            store.delete(id);
        } catch (IOException e) {
            LOG.warn("Repository {} left on disk at {}: {}", id, store.pathOf(id), e.toString());
        }
    }
}
