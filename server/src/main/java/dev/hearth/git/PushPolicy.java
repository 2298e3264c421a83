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
    private final int maxTreeEntries;
    private final ObjectRules rules;

    public PushPolicy(long maxObjectSize, long maxPackSize) {
        this(maxObjectSize, maxPackSize, dev.hearth.config.Settings.DEFAULT_MAX_TREE_DEPTH,
                dev.hearth.config.Settings.DEFAULT_MAX_TREE_ENTRIES);
    }

    /**
     * {@code maxTreeDepth}: folders nested in a pushed tree ("a/b/c/file" is 4 deep, as C git's
     * {@code core.maxTreeDepth} counts); {@code maxTreeEntries}: entries in one pushed tree.
     */
    public PushPolicy(long maxObjectSize, long maxPackSize, int maxTreeDepth, int maxTreeEntries) {
        this.maxObjectSize = maxObjectSize;
        this.maxPackSize = maxPackSize;
        this.maxTreeEntries = maxTreeEntries;
        this.rules = new ObjectRules(maxTreeDepth);
    }

    /** The object rules every write runs, for the API's commits ({@link CommitWriter}). */
    ObjectRules rules() {
        return rules;
    }

    /**
     * A receive session for one push into {@code db}, with the limits and object checks (see
     * {@link #configure}); {@code requestId} names the push in the log (null: one is made up).
     */
    ReceivePack receivePack(org.eclipse.jgit.lib.Repository db, PreReceiveHook then, String requestId) {
        SafeObjectChecker checker = new SafeObjectChecker(maxTreeEntries, true);
        CheckedReceivePack rp = new CheckedReceivePack(db, checker, rules, requestId);
        configure(rp, checker, then);
        return rp;
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
    private void configure(ReceivePack rp, SafeObjectChecker checker, PreReceiveHook then) {
        rp.setAllowCreates(true);
        rp.setAllowDeletes(true);
        rp.setAllowNonFastForwards(true);
        rp.setCheckReceivedObjects(true);
        // Refuses '.git' in any spelling that Windows or macOS would treat as '.git', '..', '/',
        // NUL and other names that could break out of a working tree; accepts names that are
        // only awkward on Windows (NUL, aux.c), as real repositories have them.
        // C git's fsck rules JGit lacks (headers, dates, .gitmodules, .gitattributes, tag types)
        // and the tree limits: SafeObjectChecker per object, ObjectRules once the pack is in.
        rp.setObjectChecker(checker);
        rp.setMaxObjectSizeLimit(maxObjectSize);
        rp.setMaxPackSizeLimit(maxPackSize);
        rp.setPreReceiveHook(then);
    }
}
