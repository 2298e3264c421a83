package dev.hearth.git;

import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * What every push must satisfy before its ref updates reach the {@link WritePath}, whatever the
 * transport: size limits and objects that cannot hurt a checkout on any OS, checked by JGit's
 * {@link ReceivePack} while the pack arrives (git shows a failure as "remote unpack failed").
 * The rules on refs (namespace, default branch, protections) are the write path's.
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
     * Applies the limits and the object checker to a receive session; {@code then} (the step into
     * the {@link WritePath}, which checks the ref updates) runs on the commands JGit let through.
     */
    public void configure(ReceivePack rp, PreReceiveHook then) {
        rp.setAllowCreates(true);
        rp.setAllowDeletes(true);
        rp.setAllowNonFastForwards(true);
        rp.setCheckReceivedObjects(true);
        // Refuses '.git' in any spelling that Windows or macOS would treat as '.git', '..', '/',
        // NUL and other names that could break out of a working tree; accepts names that are
        // only awkward on Windows (NUL, aux.c), as real repositories have them.
        rp.setObjectChecker(new SafeObjectChecker());
        rp.setMaxObjectSizeLimit(maxObjectSize);
        rp.setMaxPackSizeLimit(maxPackSize);
        rp.setPreReceiveHook(then);
    }
}
