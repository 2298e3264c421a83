package dev.hearth.browse;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/**
 * GitHub's three-dot comparison: how far head is ahead of and behind base, the commits head adds
 * (oldest first, at most {@link #MAX_COMMITS}), and their merge base, whose tree the file changes
 * start from. Cached by the two commit shas.
 */
final class Compare {
    static final int MAX_COMMITS = 250;

    /** The outcome; {@code mergeBase} is null for unrelated histories. */
    record Result(String status, int aheadBy, int behindBy, CommitInfo base, CommitInfo head, CommitInfo mergeBase,
                  List<CommitInfo> commits) implements BrowseCache.Weighed {
        @Override
        public int weight() {
            return 256 + base.weight() + head.weight() + commits.stream().mapToInt(CommitInfo::weight).sum();
        }
    }

    private record Key(long repoId, ObjectId base, ObjectId head) {}

    private final BrowseCache cache;

    Compare(BrowseCache cache) {
        this.cache = cache;
    }

    Result compare(OpenRepo repo, RevCommit base, RevCommit head) throws IOException {
        return cache.get(new Key(repo.id(), base.copy(), head.copy()), Result.class, () -> compute(repo, base, head));
    }

    private static Result compute(OpenRepo repo, RevCommit base, RevCommit head) throws IOException {
        CommitInfo mergeBase = mergeBase(repo, base, head);
        ArrayDeque<CommitInfo> oldest = new ArrayDeque<>();
        int ahead = 0;
        try (RevWalk walk = new RevWalk(repo.reader())) {
            walk.markStart(walk.parseCommit(head));
            walk.markUninteresting(walk.parseCommit(base));
            for (RevCommit c : walk) {
                ahead++;
                // The walk runs newest first; keep the last ones seen, which are the oldest.
                if (oldest.size() == MAX_COMMITS) oldest.removeFirst();
                oldest.addLast(CommitInfo.of(c));
            }
        }
        int behind = count(repo, base, head);
        List<CommitInfo> commits = new ArrayList<>(oldest);
        Collections.reverse(commits);
        String status = ahead == 0 && behind == 0 ? "identical" : behind == 0 ? "ahead" : ahead == 0 ? "behind" : "diverged";
        return new Result(status, ahead, behind, CommitInfo.of(base), CommitInfo.of(head), mergeBase, List.copyOf(commits));
    }

    private static CommitInfo mergeBase(OpenRepo repo, RevCommit a, RevCommit b) throws IOException {
        try (RevWalk walk = new RevWalk(repo.reader())) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            RevCommit found = walk.next();
            if (found == null) return null;
            walk.parseBody(found);
            return CommitInfo.of(found);
        }
    }

    private static int count(OpenRepo repo, RevCommit from, RevCommit without) throws IOException {
        try (RevWalk walk = new RevWalk(repo.reader())) {
            walk.setRetainBody(false);
            walk.markStart(walk.parseCommit(from));
            walk.markUninteresting(walk.parseCommit(without));
            int n = 0;
            while (walk.next() != null) n++;
            return n;
        }
    }
}
