package dev.hearth.git;

import dev.hearth.accounts.Principal;
import dev.hearth.audit.Actor;
import dev.hearth.error.HearthException;
import dev.hearth.repos.Permission;
import dev.hearth.repos.RepoAction;
import dev.hearth.repos.RepoService;
import dev.hearth.repos.RepoStore;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * What every git transport shares, so smart HTTP and SSH cannot drift apart: who may do what to
 * which repository, and JGit's {@link UploadPack} and {@link ReceivePack} set up with the push
 * rules and the bookkeeping after a push. Transports add only their framing.
 */
public final class GitServices {
    private final RepoService repos;
    private final RepoStore store;
    private final PushPolicy policy;
    private final WritePath writes;
    private final UploadSlots uploads = new UploadSlots(MAX_UPLOADS, MAX_UPLOADS_PER_REPOSITORY,
            java.time.Duration.ofSeconds(2));

    /** Packs built at once: enough to keep 2 cores busy many times over, few enough to bound memory. */
    static final int MAX_UPLOADS = 32;
    static final int MAX_UPLOADS_PER_REPOSITORY = 16;

    public GitServices(RepoService repos, RepoStore store, PushPolicy policy, WritePath writes) {
        this.repos = repos;
        this.store = store;
        this.policy = policy;
        this.writes = writes;
    }

    /**
     * Finds {@code owner/name} (a trailing {@code .git} allowed) and asks the policy whether the
     * caller may do {@code action} ({@link RepoAction#READ} to fetch, {@link RepoAction#PUSH} to
     * push). An anonymous caller is unauthenticated whatever the answer would be; for anyone else
     * a repository they may not read is "not found", word for word as a missing one.
     */
    public RepoService.Access authorize(Optional<Principal> caller, String owner, String name, RepoAction action) {
        String bare = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
        Optional<RepoService.Access> access = repos.lookup(caller, owner, bare);
        if (access.isEmpty()) {
            if (caller.isEmpty()) throw HearthException.unauthenticated("Authentication required");
            throw HearthException.notFound("Repository not found");
        }
        if (!access.get().may(action)) {
            if (caller.isEmpty()) throw HearthException.unauthenticated("Authentication required");
            throw HearthException.denied("Permission to " + access.get().repo().fullName() + " denied to "
                    + caller.get().login() + " (" + access.get().level().wire() + " access; pushing needs "
                    + action.needs().wire() + ")");
        }
        return access.get();
    }

    /** {@link #authorize(Optional, String, String, RepoAction)} by the role a transport needs: READ fetches, WRITE pushes. */
    public RepoService.Access authorize(Optional<Principal> caller, String owner, String name, Permission needed) {
        return authorize(caller, owner, name, needed.allows(Permission.WRITE) ? RepoAction.PUSH : RepoAction.READ);
    }

    /** Opens the repository for one request or session; the caller closes it. */
    public Repository open(RepoService.Access access) throws IOException {
        return store.open(access.repo().id());
    }

    /** A slot for building one pack (see {@link UploadSlots}); 503 when none frees up soon. */
    public UploadSlots.Slot uploadSlot(RepoService.Access access) {
        return uploads.acquire(access.repo().id());
    }

    /** Serves fetches and clones; {@code protocolParameters} are the client's, e.g. {@code version=2}. */
    public UploadPack uploadPack(Repository db, List<String> protocolParameters) {
        UploadPack up = new UploadPack(db);
        up.setExtraParameters(protocolParameters);
        return up;
    }

    /**
     * Receives a push with the push rules; the ref updates go through the {@link WritePath} (see
     * {@link PushRecorder}), which checks, applies and records them before the client hears the
     * outcome. {@code from} is the pusher with the address and transport the push came by.
     */
    public ReceivePack receivePack(Repository db, RepoService.Access access, Principal pusher, Actor from) {
        ReceivePack rp = policy.receivePack(db, new PushRecorder(writes, access, from), from.requestId());
        rp.setRefLogIdent(new PersonIdent(pusher.login(), pusher.user().email()));
        return rp;
    }

    /**
     * The client's protocol wishes ({@code version=2}), from HTTP's {@code Git-Protocol} header or
     * SSH's {@code GIT_PROTOCOL} variable: colon-separated, handed to JGit, which ignores the rest.
     */
    public static List<String> protocolParameters(String value) {
        if (value == null || value.isBlank()) return List.of();
        return Arrays.stream(value.split(":")).filter(s -> !s.isBlank()).toList();
    }

    /** The largest pack one push may send. */
    public long maxPackSize() {
        return policy.maxPackSize();
    }
}
