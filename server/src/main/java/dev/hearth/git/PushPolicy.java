package dev.hearth.git;

import java.util.Collection;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.transport.PreReceiveHook;
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

    /** Applies the limits and the object checker to a receive session. */
    public void configure(ReceivePack rp, String defaultBranch) {
        rp.setAllowCreates(true);
        rp.setAllowDeletes(true);
        rp.setAllowNonFastForwards(true);
        rp.setCheckReceivedObjects(true);
        // Refuses '.git' in any spelling that Windows or macOS would treat as '.git', '..', '/',
        // NUL and other names that could break out of a working tree.
        rp.setObjectChecker(new ObjectChecker().setSafeForWindows(true).setSafeForMacOS(true));
        rp.setMaxObjectSizeLimit(maxObjectSize);
        rp.setMaxPackSizeLimit(maxPackSize);
        rp.setPreReceiveHook(checks(defaultBranch));
    }

    private static PreReceiveHook checks(String defaultBranch) {
        return (ReceivePack rp, Collection<ReceiveCommand> commands) -> {
            for (ReceiveCommand cmd : commands) {
                if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) continue;
                String ref = cmd.getRefName();
                if (!ref.startsWith(Constants.R_HEADS) && !ref.startsWith(Constants.R_TAGS)
                        && !ref.startsWith(Constants.R_NOTES)) {
                    cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
                            "only branches, tags and notes may be pushed");
                } else if (cmd.getType() == ReceiveCommand.Type.DELETE
                        && ref.equals(Constants.R_HEADS + defaultBranch)) {
                    cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
                            "the default branch cannot be deleted; choose another default branch first");
                }
            }
        };
    }
}
