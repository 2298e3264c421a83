package dev.hearth.git;

import dev.hearth.activity.Activity;
import dev.hearth.audit.Actor;
import dev.hearth.audit.AuditLog;
import dev.hearth.repos.BranchProtection;
import dev.hearth.repos.Permission;
import dev.hearth.repos.ProtectionService;
import dev.hearth.repos.RepoAction;
import dev.hearth.repos.RepoService;
import dev.hearth.repos.RepoStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way refs move. Every writer hands it a {@link Request} (ref changes, who and from
 * where, all-or-nothing or not): pushes over HTTP and SSH ({@link PushRecorder}), commits through
 * the contents API ({@link CommitWriter}), and whatever comes next (merges, branches made through
 * the API, reverts). Nothing else in Hearth updates a ref. In this order it runs:
 * <ol>
 *   <li><b>checks</b>, per ref: the caller's level (write), the ref namespace (branches, tags,
 *       notes), the default branch is never deleted, protected branches (who may push, deletions,
 *       force-pushes). An atomic request with any refused ref moves nothing: the others come back
 *       {@link RefResult.Aborted} ("atomic push failed"), as git's own client words it;</li>
 *   <li>an <b>intent</b> row ({@code ref_intents}) naming the changes, committed before anything moves;</li>
 *   <li>the <b>ref update</b>: one JGit {@link BatchRefUpdate}, atomic when asked, each ref
 *       compare-and-set against its old id (a ref that moved meanwhile is a {@link RefResult.Conflict});</li>
 *   <li>the <b>events</b> ({@link PushActivities}), the audit entry ({@code git.push}, with the
 *       {@link Actor} passed in, never read from the logging context), the repository's
 *       {@code pushed_at}, and the intent's deletion, in one transaction. Once refs have moved, a
 *       failure here is not the writer's failure: it is retried a few times, and if it still
 *       fails the intent is left for {@link #reconcile()} (at start and by a sweep every few seconds), which records what the
 *       repository shows happened and drops the rest. So no acknowledged change lacks its event,
 *       and no change that happened is reported failed;</li>
 *   <li><b>maintenance</b> ({@link RepoMaintenance#afterPush}).</li>
 * </ol>
 * Results come back per ref as values ({@link RefResult}); callers turn them into git's status
 * report or an HTTP status.
 *
 * <p>Checks that live elsewhere, because they apply to objects rather than refs: for pushes, JGit's
 * {@code ReceivePack} as {@link PushPolicy} sets it up ({@link CheckedReceivePack}) checks object
 * and pack sizes, object format and file names ({@link SafeObjectChecker}), C git's other fsck
 * rules, {@code .gitmodules} and {@code .gitattributes} content, tree depth and tag types
 * ({@link ObjectRules}) and connectivity before this class sees a command, and drops the pack
 * of a push it refuses; for commits through the API, {@link RepoPath} checks paths by the same
 * name rules and depth, {@link ObjectRules#fileProblem} the special files and
 * {@link PushPolicy#checkObjectSize} the size of each file.
 */
public final class WritePath implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WritePath.class);
    /** What git's own client prints beside the refs of an atomic push that failed because of another ref. */
    public static final String ATOMIC_FAILED = "atomic push failed";
    /** Tries at recording the events of refs that moved, before leaving them to the reconcile. */
    static final int EVENT_ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final RepoService repos;
    private final RepoStore store;
    private final ProtectionService protections;
    private final RepoMaintenance maintenance;
    private final AuditLog audit;
    private final RefIntents intents;
    private final Faults faults;
    private final java.time.Clock clock;
    private java.util.concurrent.ScheduledExecutorService sweeper;

    /**
     * How old an intent must be before {@link #reconcile()} settles it: a younger one may be a
     * write still in flight on another node (its refs about to move), which settling now would
     * drop. Writing an intent and moving the refs takes milliseconds.
     */
    static final java.time.Duration SETTLE_AFTER = java.time.Duration.ofMinutes(1);
    /** How often the background sweep looks for intents to settle, once started. */
    static final java.time.Duration SWEEP_EVERY = java.time.Duration.ofSeconds(5);

    public WritePath(Jdbi jdbi, RepoService repos, RepoStore store, ProtectionService protections,
                     RepoMaintenance maintenance, AuditLog audit, java.time.Clock clock, Faults faults) {
        this.jdbi = jdbi;
        this.repos = repos;
        this.store = store;
        this.protections = protections;
        this.maintenance = maintenance;
        this.audit = audit;
        this.intents = new RefIntents(jdbi, clock);
        this.clock = clock;
        this.faults = faults;
    }

    /**
     * Places where a test can break a write half-way, as a crash or a busy database would; every
     * method does nothing by default, and {@link #NONE} is what production runs.
     */
    public interface Faults {
        Faults NONE = new Faults() { };

        /**
         * Called after the refs moved and before their events are recorded. Whatever it throws
         * leaves the write there, as a crash would: refs moved, the intent in place.
         */
        default void afterRefUpdate(long repositoryId) { }

        /**
         * Called inside each try at recording the events, before it commits; a throw fails that
         * try as a database error would (SQLite busy, a lost connection).
         */
        default void recordingEvents(long repositoryId, int attempt) { }
    }

    /** Move {@code ref} from {@code oldId} to {@code newId}; the zero id stands for "absent" on either side. */
    public record RefChange(String ref, ObjectId oldId, ObjectId newId) {
        public RefChange {
            Objects.requireNonNull(ref);
            oldId = oldId == null ? ObjectId.zeroId() : oldId.copy();
            newId = newId == null ? ObjectId.zeroId() : newId.copy();
        }

        static RefChange of(ReceiveCommand cmd) {
            return new RefChange(cmd.getRefName(), cmd.getOldId(), cmd.getNewId());
        }

        ReceiveCommand command() {
            return new ReceiveCommand(oldId, newId, ref);
        }
    }

    /**
     * What a writer asks for: the changes to {@code access}'s repository, on behalf of
     * {@code actor}, with the reflog's identity and message; {@code atomic}: all or none.
     */
    public record Request(RepoService.Access access, Actor actor, PersonIdent refLogIdent, String refLogMessage,
                          List<RefChange> changes, boolean atomic) {
        public Request {
            changes = List.copyOf(changes);
            Objects.requireNonNull(actor.userId(), "a ref change needs a user to attribute it to");
        }
    }

    /** What became of one ref change. */
    public sealed interface RefResult {
        RefChange change();

        /** The ref moved, and its events are (or will be, by the reconcile) recorded. */
        record Applied(RefChange change, ReceiveCommand.Type type) implements RefResult {}

        /** Hearth's rules refuse this change; {@code reason} is for the user. */
        record Refused(RefChange change, String reason) implements RefResult {}

        /** Nothing wrong with this change, but another ref of an atomic request failed. */
        record Aborted(RefChange change) implements RefResult {
            public String reason() {
                return ATOMIC_FAILED;
            }
        }

        /** The ref was not where the change expected (moved meanwhile) or could not be locked. */
        record Conflict(RefChange change, String reason) implements RefResult {}
    }

    /**
     * Checks and applies the changes to {@code db} (the repository of the request's access, open
     * by the caller), records their events and audit entry, and queues maintenance. Results are
     * in the order of the request's changes.
     */
    public List<RefResult> apply(Repository db, Request request) {
        long repoId = request.access().repo().id();
        List<ReceiveCommand> commands = request.changes().stream().map(RefChange::command).toList();
        try (RevWalk walk = new RevWalk(db)) {
            Rules rules = new Rules(request.access().repo().defaultBranch(), protections.all(repoId),
                    request.actor().userId(), request.access().may(RepoAction.PUSH), request.access().level() == Permission.ADMIN);
            for (ReceiveCommand cmd : commands) {
                try {
                    cmd.updateType(walk);
                } catch (IOException e) {
                    cmd.setResult(ReceiveCommand.Result.REJECTED_MISSING_OBJECT, "objects of " + cmd.getRefName() + " are missing");
                    continue;
                }
                refusal(cmd, rules).ifPresent(why -> cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, why));
            }
            boolean anyRefused = commands.stream().anyMatch(c -> c.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED);
            if (request.atomic() && anyRefused) return results(request, commands, Set.of());
            List<ReceiveCommand> allowed = commands.stream()
                    .filter(c -> c.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED).toList();
            if (allowed.isEmpty()) return results(request, commands, Set.of());

            List<ObjectId> tipsBefore = tips(db, Set.of());
            long intent = intents.open(repoId, request.actor(), allowed.stream().map(RefChange::of).toList());
            dev.hearth.repos.Leftovers.clearStaleRefLocks(db.getDirectory().toPath(),
                    allowed.stream().map(ReceiveCommand::getRefName).toList());
            BatchRefUpdate batch = db.getRefDatabase().newBatchUpdate();
            batch.setAllowNonFastForwards(true); // the rules above decide; JGit only enforces old ids
            batch.setAtomic(request.atomic());
            batch.setRefLogIdent(request.refLogIdent());
            batch.setRefLogMessage(request.refLogMessage(), true);
            batch.addCommand(allowed);
            try {
                batch.execute(walk, NullProgressMonitor.INSTANCE);
            } catch (IOException e) {
                // Some refs may have moved before the failure: the repository says which.
                LOG.warn("Ref update in repository {} failed part-way; checking which refs moved", repoId, e);
                settleAfterFailure(db, allowed);
            }
            List<ReceiveCommand> applied = allowed.stream()
                    .filter(c -> c.getResult() == ReceiveCommand.Result.OK).toList();
            if (applied.isEmpty()) {
                intents.drop(intent);
                return results(request, commands, Set.of());
            }
            faults.afterRefUpdate(repoId);
            record(intent, request.access().repo(), request.actor(), db, applied, tipsBefore, false);
            try {
                maintenance.afterPush(repoId);
            } catch (RuntimeException e) {
                // The refs moved and are recorded: the write succeeded whatever maintenance does.
                LOG.warn("Queueing maintenance of repository {} after a write failed: {}", repoId, e.toString());
            }
            return results(request, commands, Set.copyOf(applied));
        } catch (IOException e) {
            // Only before anything moved: reading the refs, or the intent not yet written.
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts the background sweep that settles intents left behind (see {@link #reconcile()}). */
    public synchronized void start() {
        if (sweeper != null) return;
        sweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("hearth-write-sweep").factory());
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                reconcile();
            } catch (RuntimeException e) {
                LOG.warn("Settling ref intents failed; trying again in {}: {}", SWEEP_EVERY, e.toString());
            }
        }, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Stops the sweep, waiting a little for one that is running. */
    @Override
    public synchronized void close() {
        if (sweeper == null) return;
        sweeper.shutdownNow();
        try {
            sweeper.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Settles what a crash or a failed event write left behind: for each intent older than
     * {@link #SETTLE_AFTER}, the changes the repository now shows are recorded (events, audit
     * entry, once), the others dropped. Runs at start, before Hearth serves anything, and then
     * every {@link #SWEEP_EVERY} once {@link #start()}ed. Returns how many ref changes were
     * recorded. Running it again, or on several nodes at once, records nothing twice: an intent
     * is deleted in the transaction that records it.
     */
    public int reconcile() {
        int recorded = 0;
        for (RefIntents.Intent intent : intents.all(clock.instant().minus(SETTLE_AFTER))) {
            Optional<dev.hearth.repos.Repository> repo = repos.byId(intent.repositoryId());
            if (repo.isEmpty()) {
                intents.drop(intent.id());
                continue;
            }
            try (Repository db = store.open(intent.repositoryId()); RevWalk walk = new RevWalk(db)) {
                List<ReceiveCommand> happened = new ArrayList<>();
                for (RefChange change : intent.changes()) {
                    Ref now = db.exactRef(change.ref());
                    ObjectId at = now == null || now.getObjectId() == null ? ObjectId.zeroId() : now.getObjectId();
                    if (!at.equals(change.newId())) continue;
                    ReceiveCommand cmd = change.command();
                    cmd.updateType(walk);
                    cmd.setResult(ReceiveCommand.Result.OK);
                    happened.add(cmd);
                }
                if (happened.isEmpty()) {
                    intents.drop(intent.id());
                    continue;
                }
                // The tips before the update are gone; the other refs' tips and the changed refs'
                // old ids stand in for them when counting a new branch's new commits.
                Set<String> changed = happened.stream().map(ReceiveCommand::getRefName).collect(Collectors.toSet());
                List<ObjectId> before = new ArrayList<>(tips(db, changed));
                happened.forEach(c -> before.add(c.getOldId()));
                if (record(intent.id(), repo.get(), intent.actor(), db, happened, before, true)) recorded += happened.size();
                maintenance.afterPush(intent.repositoryId());
            } catch (IOException | RuntimeException e) {
                LOG.error("Could not settle ref intent {} of repository {}; it stays for the next sweep",
                        intent.id(), intent.repositoryId(), e);
            }
        }
        return recorded;
    }

    /**
     * Records the events of refs that moved, with the intent's end, in one transaction, retried;
     * true when this call recorded them. Never throws for a database failure: the refs have
     * moved, and the intent stays for {@link #reconcile()}.
     */
    private boolean record(long intent, dev.hearth.repos.Repository repo, Actor actor, Repository db,
                           List<ReceiveCommand> applied, List<ObjectId> tipsBefore, boolean recovered) {
        List<Activity> events;
        try {
            events = PushActivities.of(db, RepoService.snapshot(repo), new Activity.Actor(actor.userId(), actor.login()),
                    applied, tipsBefore);
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not build the events of a push to {}; intent {} stays for the reconcile", repo.fullName(), intent, e);
            return false;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("refs", applied.stream().map(c -> Map.of("ref", c.getRefName(), "before", c.getOldId().name(),
                "after", c.getNewId().name(), "type", c.getType().name().toLowerCase(java.util.Locale.ROOT))).toList());
        if (recovered) details.put("recovered", true);
        for (int attempt = 1; ; attempt++) {
            try {
                int thisAttempt = attempt;
                return jdbi.inTransaction(h -> {
                    boolean recorded = complete(h, intent, repo, actor, events, details);
                    faults.recordingEvents(repo.id(), thisAttempt);
                    return recorded;
                });
            } catch (RuntimeException e) {
                if (attempt >= EVENT_ATTEMPTS) {
                    LOG.error("Could not record the events of a push to {} after {} tries; intent {} stays for the reconcile",
                            repo.fullName(), attempt, intent, e);
                    return false;
                }
                LOG.warn("Recording the events of a push to {} failed (try {} of {}): {}", repo.fullName(), attempt,
                        EVENT_ATTEMPTS, e.toString());
                pause(attempt);
            }
        }
    }

    private boolean complete(Handle h, long intent, dev.hearth.repos.Repository repo, Actor actor, List<Activity> events,
                             Map<String, Object> details) {
        if (!intents.delete(h, intent)) return false; // settled already, by whoever deleted it
        repos.recordPush(h, repo.id(), events);
        audit.record(h, actor, "git.push", repo.fullName(), details);
        return true;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After a batch failed part-way: a command whose ref shows its new id moved, any other did not. */
    private static void settleAfterFailure(Repository db, List<ReceiveCommand> commands) {
        for (ReceiveCommand cmd : commands) {
            try {
                Ref now = db.exactRef(cmd.getRefName());
                ObjectId at = now == null || now.getObjectId() == null ? ObjectId.zeroId() : now.getObjectId();
                if (at.equals(cmd.getNewId())) {
                    cmd.setResult(ReceiveCommand.Result.OK);
                } else if (cmd.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED || cmd.getResult() == ReceiveCommand.Result.OK) {
                    cmd.setResult(ReceiveCommand.Result.LOCK_FAILURE);
                }
            } catch (IOException e) {
                cmd.setResult(ReceiveCommand.Result.LOCK_FAILURE);
            }
        }
    }

    private static List<ObjectId> tips(Repository db, Set<String> except) throws IOException {
        return db.getRefDatabase().getRefs().stream()
                .filter(r -> !except.contains(r.getName()))
                .map(Ref::getObjectId).filter(Objects::nonNull).toList();
    }

    private static List<RefResult> results(Request request, List<ReceiveCommand> commands, Set<ReceiveCommand> applied) {
        List<RefResult> out = new ArrayList<>();
        boolean failed = commands.stream().anyMatch(c -> !applied.contains(c));
        for (int i = 0; i < commands.size(); i++) {
            ReceiveCommand cmd = commands.get(i);
            RefChange change = request.changes().get(i);
            out.add(switch (cmd.getResult()) {
                case OK -> applied.contains(cmd) ? new RefResult.Applied(change, cmd.getType())
                        : new RefResult.Conflict(change, "not recorded");
                case NOT_ATTEMPTED -> request.atomic() && failed ? new RefResult.Aborted(change)
                        : new RefResult.Conflict(change, "not attempted");
                case REJECTED_OTHER_REASON -> ReceiveCommand.isTransactionAborted(cmd) ? new RefResult.Aborted(change)
                        : new RefResult.Refused(change, cmd.getMessage());
                case LOCK_FAILURE -> new RefResult.Conflict(change, "failed to lock");
                case REJECTED_MISSING_OBJECT -> new RefResult.Refused(change, cmd.getMessage());
                default -> new RefResult.Conflict(change, cmd.getMessage() == null
                        ? cmd.getResult().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') : cmd.getMessage());
            });
        }
        return out;
    }

    /**
     * What a ref change is checked against: the repository's default branch and protections, who
     * writes, whether the permission policy lets them push, and whether they act as an admin
     * (whom a protection spares unless it enforces admins).
     */
    private record Rules(String defaultBranch, List<BranchProtection> protections, long userId, boolean mayPush,
                         boolean admin) {}

    /**
     * A branch or tag named like a full object id ({@code refs/heads/<40 hex>}): git resolves
     * such a name as the id before the ref, so it would shadow (or be shadowed by) a commit.
     * GitHub refuses creating them; existing ones may still be updated or deleted.
     */
    static boolean looksLikeObjectId(String ref) {
        String name = ref.startsWith(Constants.R_HEADS) ? ref.substring(Constants.R_HEADS.length())
                : ref.startsWith(Constants.R_TAGS) ? ref.substring(Constants.R_TAGS.length()) : null;
        return name != null && name.length() == Constants.OBJECT_ID_STRING_LENGTH && name.chars().allMatch(
                c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }

    /** Why a ref change may not happen, if it may not: the one rule for every writer. */
    private static Optional<String> refusal(ReceiveCommand cmd, Rules rules) {
        if (!rules.mayPush()) {
            return Optional.of("you need write access to change refs");
        }
        String ref = cmd.getRefName();
        if (!ref.startsWith(Constants.R_HEADS) && !ref.startsWith(Constants.R_TAGS) && !ref.startsWith(Constants.R_NOTES)) {
            return Optional.of("only branches, tags and notes may be pushed");
        }
        if (cmd.getType() == ReceiveCommand.Type.CREATE && looksLikeObjectId(ref)) {
            return Optional.of("a branch or tag name may not be 40 hexadecimal digits: git would read it as a commit id");
        }
        if (cmd.getType() == ReceiveCommand.Type.DELETE && ref.equals(Constants.R_HEADS + rules.defaultBranch())) {
            return Optional.of("the default branch cannot be deleted; choose another default branch first");
        }
        if (!ref.startsWith(Constants.R_HEADS)) return Optional.empty();
        String branch = ref.substring(Constants.R_HEADS.length());
        for (BranchProtection p : rules.protections()) {
            if (!p.matches(branch)) continue;
            if (!p.enforceAdmins() && rules.admin()) continue;
            if (p.pushers().isPresent() && !p.pushers().get().contains(rules.userId())) {
                return Optional.of("protected branch: you are not allowed to push to " + branch);
            }
            if (cmd.getType() == ReceiveCommand.Type.DELETE && !p.allowDeletions()) {
                return Optional.of("protected branch: deletion not allowed");
            }
            if (cmd.getType() == ReceiveCommand.Type.UPDATE_NONFASTFORWARD && !p.allowForcePushes()) {
                return Optional.of("protected branch: force-push not allowed");
            }
        }
        return Optional.empty();
    }
}
