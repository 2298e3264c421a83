package dev.hearth.browse;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.AndRevFilter;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * {@code git log} for the commits listing: the same order (newest commit date first), the same
 * history simplification for a path, and filters on author and commit date. Pages and totals are
 * cached under the start commit's sha, so a push, which moves the ref, never meets a stale page.
 */
final class CommitLog {
    /** What to list. A null path, author set or time means no filter on it; emails are lower case. */
    record Query(ObjectId start, String path, Set<String> authorEmails, Instant since, Instant until) {
        Query {
            start = start.copy();
            authorEmails = authorEmails == null ? null : Set.copyOf(authorEmails);
        }
    }

    /** A page of commits, cached as the value of a {@link PageKey}. */
    record Page(List<CommitInfo> commits) implements BrowseCache.Weighed {
        @Override
        public int weight() {
            return 64 + commits.stream().mapToInt(CommitInfo::weight).sum();
        }
    }

    /** How many commits match a query, cached as the value of a {@link TotalKey}. */
    record Total(long count) implements BrowseCache.Weighed {
        @Override
        public int weight() {
            return 64;
        }
    }

    private record PageKey(long repoId, Query query, long offset, int limit) {}

    private record TotalKey(long repoId, Query query) {}

    private final BrowseCache cache;

    CommitLog(BrowseCache cache) {
        this.cache = cache;
    }

    List<CommitInfo> page(OpenRepo repo, Query query, long offset, int limit) throws IOException {
        return cache.get(new PageKey(repo.id(), query, offset, limit), Page.class, () -> {
            List<CommitInfo> commits = new ArrayList<>(limit);
            try (RevWalk walk = walk(repo, query)) {
                long seen = 0;
                for (RevCommit c : walk) {
                    if (seen++ < offset) continue;
                    commits.add(CommitInfo.of(c));
                    if (commits.size() == limit) break;
                }
            }
            return new Page(List.copyOf(commits));
        }).commits();
    }

    /** The number of matching commits: a walk of the whole history, hence worth caching. */
    long total(OpenRepo repo, Query query) throws IOException {
        return cache.get(new TotalKey(repo.id(), query), Total.class, () -> {
            long count = 0;
            try (RevWalk walk = walk(repo, query)) {
                walk.setRetainBody(false);
                while (walk.next() != null) count++;
            }
            return new Total(count);
        }).count();
    }

    private static RevWalk walk(OpenRepo repo, Query query) throws IOException {
        RevWalk walk = new RevWalk(repo.reader());
        try {
            walk.markStart(walk.parseCommit(query.start()));
            List<RevFilter> filters = new ArrayList<>();
            // git log --since stops at the first older commit, as JGit's filter does.
            if (query.since() != null) filters.add(CommitTimeRevFilter.after(query.since()));
            if (query.until() != null) filters.add(CommitTimeRevFilter.before(query.until()));
            if (query.authorEmails() != null) filters.add(new AuthorFilter(query.authorEmails()));
            if (filters.size() == 1) walk.setRevFilter(filters.getFirst());
            if (filters.size() > 1) walk.setRevFilter(AndRevFilter.create(filters));
            if (query.path() != null && !query.path().isEmpty()) {
                // As JGit's LogCommand does: TREESAME commits are dropped and a merge follows
                // the parent it is TREESAME to, which is git log's default simplification.
                walk.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(query.path()),
                        TreeFilter.ANY_DIFF));
            }
            return walk;
        } catch (IOException | RuntimeException e) {
            walk.close();
            throw e;
        }
    }

    /** Commits whose author email is one of a set, compared without case. */
    private static final class AuthorFilter extends RevFilter {
        private final Set<String> emails;

        AuthorFilter(Set<String> emails) {
            this.emails = emails;
        }

        @Override
        public boolean include(RevWalk walker, RevCommit c) {
            return emails.contains(c.getAuthorIdent().getEmailAddress().toLowerCase(Locale.ROOT));
        }

        @Override
        public RevFilter clone() {
            return this;
        }
    }
}
