package dev.hearth.browse;

import dev.hearth.error.HearthException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Trees and paths inside them. A client's path is only ever looked up in a git tree with JGit's
 * {@link TreeWalk}, never on disk, and is checked first: no NUL or other control characters, no
 * empty, {@code .} or {@code ..} segments. So {@code ../../config} is a 422 and {@code .git/config}
 * is a path no tree has (404).
 */
final class Trees {
    /** GitHub's limit for a recursive tree listing; past it, {@code truncated} is true. */
    static final int MAX_ENTRIES = 100_000;

    /**
     * GitHub's other limit for a tree listing: about 7 MB of JSON. Counted as each entry's path
     * (as JSON writes it) plus {@link #ENTRY_JSON} for the rest of its fields, so a deep path,
     * whose every entry repeats the whole path above it, stops after a few thousand entries
     * (a 20,000-deep path was 400 million characters of paths, and ran the heap out).
     */
    static final int MAX_BYTES = 7 << 20;

    /** A generous bound of one entry's JSON besides its path: mode, type, sha, size and a URL naming host and repository. */
    static final int ENTRY_JSON = 400;

    /**
     * The deepest tree any read enters: C git's default {@code core.maxTreeDepth} (4096), past
     * which git itself refuses to read a tree ({@code ls-tree -r}, {@code archive}).
     */
    static final int MAX_DEPTH = 4096;

    /**
     * GitHub's limit for one directory of the contents API ("an upper limit of 1,000 files for a
     * directory"; it answers the first 1,000) and of its tree pages, which show the first 1,000
     * entries with a note and compute the last commits of those only.
     */
    static final int MAX_DIRECTORY_ENTRIES = 1_000;

    /** One tree entry; {@code size} is -1 for anything but a blob. */
    record Entry(String path, String name, FileMode mode, ObjectId id, long size) {
        // Compared by type bits: old repositories hold modes such as 100664, which are files too.
        boolean isTree() {
            return kind() == FileMode.TYPE_TREE;
        }

        boolean isFile() {
            return kind() == FileMode.TYPE_FILE;
        }

        boolean isExecutable() {
            return isFile() && (mode.getBits() & 0111) != 0;
        }

        boolean isSymlink() {
            return kind() == FileMode.TYPE_SYMLINK;
        }

        boolean isSubmodule() {
            return kind() == FileMode.TYPE_GITLINK;
        }

        private int kind() {
            return mode.getBits() & FileMode.TYPE_MASK;
        }

        /** blob, tree or commit: what git calls the entry's object type. */
        String type() {
            return Constants.typeString(mode.getObjectType());
        }

        /** The mode as {@code git ls-tree} and GitHub write it: six octal digits. */
        String octalMode() {
            return String.format("%06o", mode.getBits());
        }
    }

    /** A tree's entries (in {@code git ls-tree -r -t} order when recursive) and whether it stopped early. */
    record Listing(ObjectId sha, List<Entry> entries, boolean truncated) implements BrowseCache.Weighed {
        @Override
        public int weight() {
            return 64 + entries.size() * 160;
        }
    }

    /** A listing is cached under its tree's sha: a tree never changes, so the entry is never stale. */
    private record ListingKey(long repoId, ObjectId tree, boolean recursive) {}

    /** A directory's first entries (at most {@link #MAX_DIRECTORY_ENTRIES}) and how many it has in all. */
    record Children(List<Entry> entries, int total) {
        /** Entries of the directory that are not in {@link #entries}. */
        int omitted() {
            return total - entries.size();
        }
    }

    private final int maxEntries;
    private final int maxBytes;
    private final BrowseCache cache;

    Trees(int maxEntries, BrowseCache cache) {
        this(maxEntries, MAX_BYTES, cache);
    }

    Trees(int maxEntries, int maxBytes, BrowseCache cache) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.cache = cache;
    }

    /** Checks a client's path and returns it without leading or trailing slashes ("" is the root). */
    static String checkPath(String path) {
        if (path == null) return "";
        String p = path;
        while (p.startsWith("/")) p = p.substring(1);
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        if (p.isEmpty()) return "";
        if (p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw HearthException.invalid("path", "must not contain control characters");
        }
        for (String segment : p.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw HearthException.invalid("path", "must not contain empty, '.' or '..' segments");
            }
        }
        return p;
    }

    Listing list(OpenRepo repo, ObjectId tree, boolean recursive) throws IOException {
        // A recursive listing asks the pack for every blob's size: worth keeping (measured:
        // about 11 ms of CPU for 4,700 entries uncached; see bench/browse-load.md).
        return cache.get(new ListingKey(repo.id(), tree.copy(), recursive), Listing.class, () -> walk(repo, tree, recursive));
    }

    /**
     * Stops at the first of the budgets (entries, bytes of JSON, depth), as GitHub does, with
     * {@code truncated} set; what it returns is a prefix of {@code git ls-tree -r -t}'s order.
     */
    private Listing walk(OpenRepo repo, ObjectId tree, boolean recursive) throws IOException {
        List<Entry> entries = new ArrayList<>();
        boolean truncated = false;
        long bytes = 0;
        try (TreeWalk walk = new TreeWalk(repo.reader())) {
            walk.addTree(tree);
            walk.setRecursive(false);
            while (walk.next()) {
                bytes += ENTRY_JSON + jsonLength(walk.getPathString());
                if (entries.size() == maxEntries || bytes > maxBytes) {
                    truncated = true;
                    break;
                }
                entries.add(entry(repo.reader(), walk));
                if (recursive && walk.isSubtree()) {
                    if (walk.getDepth() + 1 >= MAX_DEPTH) {
                        truncated = true; // listed, not entered: git would refuse to read it
                    } else {
                        walk.enterSubtree();
                    }
                }
            }
        }
        return new Listing(tree.copy(), entries, truncated);
    }

    /** About how many bytes a string takes in JSON: UTF-8, quotes and escapes. */
    static long jsonLength(String s) {
        long n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x20 ? 6 : c == '"' || c == '\\' ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return n;
    }

    /** The entry at a checked path of a tree; the root itself for "". */
    Optional<Entry> at(OpenRepo repo, ObjectId root, String path) throws IOException {
        if (path.isEmpty()) return Optional.of(new Entry("", "", FileMode.TREE, root.copy(), -1));
        // Cached: walking down a path inflates every tree on the way, most of them deltas.
        return cache.get(new AtKey(root.copy(), path), Found.class, () -> {
            try (TreeWalk walk = TreeWalk.forPath(repo.reader(), path, root)) {
                return new Found(walk == null ? Optional.empty() : Optional.of(entry(repo.reader(), walk)));
            }
        }).entry();
    }

    /** A path looked up in a tree: a tree never changes, so neither does the answer. */
    private record AtKey(ObjectId root, String path) {}

    private record Found(Optional<Entry> entry) implements BrowseCache.Weighed {
        @Override
        public int weight() {
            return 160 + entry.map(e -> 2 * (e.path().length() + e.name().length())).orElse(0);
        }
    }

    /**
     * The first {@link #MAX_DIRECTORY_ENTRIES} entries directly inside a tree (in tree order),
     * with paths under {@code dir}, and how many there are in all. Only the entries returned
     * cost a look-up of their size; the rest are only counted.
     */
    Children children(OpenRepo repo, ObjectId tree, String dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String prefix = dir.isEmpty() ? "" : dir + "/";
        int total = 0;
        try (TreeWalk walk = new TreeWalk(repo.reader())) {
            walk.addTree(tree);
            while (walk.next()) {
                if (total++ >= MAX_DIRECTORY_ENTRIES) continue;
                Entry e = entry(repo.reader(), walk);
                entries.add(new Entry(prefix + e.path(), e.name(), e.mode(), e.id(), e.size()));
            }
        }
        return new Children(entries, total);
    }

    private static Entry entry(ObjectReader reader, TreeWalk walk) throws IOException {
        FileMode mode = walk.getFileMode(0);
        ObjectId id = walk.getObjectId(0);
        long size = mode.getObjectType() == Constants.OBJ_BLOB ? reader.getObjectSize(id, Constants.OBJ_BLOB) : -1;
        return new Entry(walk.getPathString(), walk.getNameString(), mode, id, size);
    }
}
