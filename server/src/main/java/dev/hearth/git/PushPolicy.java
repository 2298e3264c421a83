package dev.hearth.git;

import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import dev.hearth.repos.BranchProtection;
import dev.hearth.repos.Permission;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.PreReceiveHookChain;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * What every push must satisfy, whatever the transport: size limits, objects that cannot hurt a
 * checkout on any OS, refs that a forge serves, and a default branch that stays. A refused ref
 * carries its reason, which git shows as {@code ! [remote rejected] ... (reason)}.
 */
public final class PushPolicy {
    private final long maxObjectSize;
    private final long maxPackSize;

    public PushPolicy(long maxObjectSize, long maxPackSize) {
        this.maxObjectSize = maxObjectSize;
        this.maxPackSize = maxPackSize;
    }

    public long maxPackSize() {
        return maxPackSize;
    }

    /** The object-size limit, for content that arrives through the API rather than in a pack. */
    public void checkObjectSize(String path, long size) {
        if (size > maxObjectSize) {
            throw new HearthException(ErrorCategory.TOO_LARGE,
                    path + " has " + size + " bytes; the largest file allowed is " + maxObjectSize + " bytes");
        }
    }

    /**
     * Applies the limits and the object checker to a receive session; {@code then} runs after
     * the checks on the commands they let through.
     */
    public void configure(ReceivePack rp, PushRules rules, PreReceiveHook then) {
        rp.setAllowCreates(true);
        rp.setAllowDeletes(true);
        rp.setAllowNonFastForwards(true);
        rp.setCheckReceivedObjects(true);
        // Refuses '.git' in any spelling that Windows or macOS would treat as '.git', '..', '/',
        // NUL and other names that could break out of a working tree.
        rp.setObjectChecker(new ObjectChecker().setSafeForWindows(true).setSafeForMacOS(true));
        rp.setMaxObjectSizeLimit(maxObjectSize);
        rp.setMaxPackSizeLimit(maxPackSize);
        rp.setPreReceiveHook(PreReceiveHookChain.newChain(List.of(checks(rules), then)));
    }

    private static PreReceiveHook checks(PushRules rules) {
        return (ReceivePack rp, Collection<ReceiveCommand> commands) -> {
            for (ReceiveCommand cmd : commands) {
                if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) continue;
                refusal(cmd, rules).ifPresent(why -> cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, why));
            }
        };
    }

    /**
     * What a ref update is checked against: the repository's default branch and protected
     * branches, who pushes and what they may do there.
     */
    public record PushRules(String defaultBranch, List<BranchProtection> protections, long pusherId, Permission level) {}

    /**
     * Why a ref update may not happen, if it may not: the one rule for pushes and for commits
     * made through the API.
     */
    public static Optional<String> refusal(ReceiveCommand cmd, PushRules rules) {
        String ref = cmd.getRefName();
        if (!ref.startsWith(Constants.R_HEADS) && !ref.startsWith(Constants.R_TAGS) && !ref.startsWith(Constants.R_NOTES)) {
            return Optional.of("only branches, tags and notes may be pushed");
        }
        if (cmd.getType() == ReceiveCommand.Type.DELETE && ref.equals(Constants.R_HEADS + rules.defaultBranch())) {
            return Optional.of("the default branch cannot be deleted; choose another default branch first");
        }
        if (!ref.startsWith(Constants.R_HEADS)) return Optional.empty();
        String branch = ref.substring(Constants.R_HEADS.length());
        for (BranchProtection p : rules.protections()) {
            if (!p.matches(branch)) continue;
            if (!p.enforceAdmins() && rules.level() == Permission.ADMIN) continue;
            if (p.pushers().isPresent() && !p.pushers().get().contains(rules.pusherId())) {
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
