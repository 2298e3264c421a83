package dev.hearth.browse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.StopWalkException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The files changed between two trees, with line counts and unified patches, as GitHub lists them
 * under a commit or a comparison. Counts agree with {@code git diff --numstat}: the same Myers
 * algorithm, renames at git's 50% similarity, binary files counted as zero lines with no patch.
 */
final class Diffs {
    /** GitHub lists at most this many files for a commit or a comparison. */
    static final int MAX_FILES = 300;
    /** Larger blobs are treated as binary rather than read whole into memory for a patch. */
    private static final int MAX_TEXT_BYTES = 8 << 20;
    /** A patch longer than this is left out; its counts stay. */
    private static final int MAX_PATCH_CHARS = 1 << 20;
    /**
     * Changed files a diff's tree walk collects before it stops (rename detection pairs within
     * them; {@link #MAX_FILES} of them are shown): a commit adding 200,000 files or a 20,000-deep
     * path must not hold every changed path in memory. The walk also stops at
     * {@link Trees#MAX_BYTES} of paths and does not enter trees past {@link Trees#MAX_DEPTH}.
     */
    static final int MAX_SCANNED = 10_000;

    /** One changed file; {@code patch} is null for binary files and changes without hunks. */
    record FileChange(String filename, String previousFilename, String status, String sha,
                      int additions, int deletions, String patch) {}

    /** The changed files (at most {@link #MAX_FILES}) and the line totals over them. */
    record Result(List<FileChange> files, int additions, int deletions) implements BrowseCache.Weighed {
        @Override
        public int weight() {
            int bytes = 64;
            for (FileChange f : files) {
                bytes += 200 + 2 * f.filename().length() + (f.patch() == null ? 0 : 2 * f.patch().length());
            }
            return bytes;
        }
    }

    private record Key(long repoId, ObjectId oldTree, ObjectId newTree) {}

    private final BrowseCache cache;

    Diffs(BrowseCache cache) {
        this.cache = cache;
    }

    /** The change from {@code oldTree} (null: nothing, for a root commit) to {@code newTree}. */
    Result between(OpenRepo repo, ObjectId oldTree, ObjectId newTree) throws IOException {
        ObjectId from = oldTree == null ? null : oldTree.copy();
        return cache.get(new Key(repo.id(), from, newTree.copy()), Result.class, () -> compute(repo, from, newTree));
    }

    private static Result compute(OpenRepo repo, ObjectId oldTree, ObjectId newTree) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<FileChange> files = new ArrayList<>();
        int additions = 0;
        int deletions = 0;
        try (DiffFormatter formatter = new DiffFormatter(buffer)) {
            formatter.setReader(repo.reader(), repo.git().getConfig());
            formatter.setDiffAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.MYERS));
            formatter.setDetectRenames(true);
            formatter.getRenameDetector().setRenameScore(50);
            formatter.setBinaryFileThreshold(MAX_TEXT_BYTES);
            formatter.setContext(3);
            formatter.setPathFilter(new Budget());
            List<DiffEntry> entries = formatter.scan(oldTree, newTree);
            for (DiffEntry entry : entries.subList(0, Math.min(entries.size(), MAX_FILES))) {
                buffer.reset();
                formatter.format(entry);
                formatter.flush();
                FileChange change = change(entry, buffer.toString(StandardCharsets.UTF_8));
                files.add(change);
                additions += change.additions();
                deletions += change.deletions();
            }
        }
        return new Result(List.copyOf(files), additions, deletions);
    }

    /**
     * The budget of one diff's tree walk, as a filter: it lets through what differs (as
     * {@link TreeFilter#ANY_DIFF} does) and ends the walk once {@link #MAX_SCANNED} changed files
     * or {@link Trees#MAX_BYTES} of their paths were collected, or a changed tree is nested
     * {@link Trees#MAX_DEPTH} deep. What it collected so far is the answer.
     */
    private static final class Budget extends TreeFilter {
        private int files;
        private long pathBytes;

        @Override
        public boolean include(TreeWalk walk) throws IOException {
            if (!TreeFilter.ANY_DIFF.include(walk)) return false;
            if (walk.isSubtree()) {
                if (walk.getDepth() + 1 >= Trees.MAX_DEPTH) throw StopWalkException.INSTANCE;
                return true;
            }
            pathBytes += walk.getPathLength();
            if (++files > MAX_SCANNED || pathBytes > Trees.MAX_BYTES) throw StopWalkException.INSTANCE;
            return true;
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            return new Budget();
        }
    }

    /** Counts come from the formatted patch itself: every line after the first hunk header. */
    private static FileChange change(DiffEntry entry, String formatted) {
        int hunk = formatted.startsWith("@@") ? 0 : formatted.indexOf("\n@@");
        int added = 0;
        int removed = 0;
        String patch = null;
        if (hunk >= 0) {
            patch = formatted.substring(hunk == 0 ? 0 : hunk + 1);
            for (String line : patch.split("\n", -1)) {
                if (line.startsWith("+")) added++;
                else if (line.startsWith("-")) removed++;
            }
            if (patch.endsWith("\n")) patch = patch.substring(0, patch.length() - 1);
            if (patch.length() > MAX_PATCH_CHARS) patch = null;
        }
        boolean deleted = entry.getChangeType() == DiffEntry.ChangeType.DELETE;
        String path = deleted ? entry.getOldPath() : entry.getNewPath();
        String previous = entry.getChangeType() == DiffEntry.ChangeType.RENAME
                || entry.getChangeType() == DiffEntry.ChangeType.COPY ? entry.getOldPath() : null;
        ObjectId blob = (deleted ? entry.getOldId() : entry.getNewId()).toObjectId();
        return new FileChange(path, previous, status(entry.getChangeType()), blob.name(), added, removed, patch);
    }

    private static String status(DiffEntry.ChangeType type) {
        return switch (type) {
            case ADD -> "added";
            case DELETE -> "removed";
            case MODIFY -> "modified";
            case RENAME -> "renamed";
            case COPY -> "copied";
        };
    }
}
