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

    private final int maxEntries;
    private final BrowseCache cache;

    Trees(int maxEntries, BrowseCache cache) {
        this.maxEntries = maxEntries;
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

    private Listing walk(OpenRepo repo, ObjectId tree, boolean recursive) throws IOException {
        List<Entry> entries = new ArrayList<>();
        boolean truncated = false;
        try (TreeWalk walk = new TreeWalk(repo.reader())) {
            walk.addTree(tree);
            walk.setRecursive(false);
            while (walk.next()) {
                if (entries.size() == maxEntries) {
                    truncated = true;
                    break;
                }
                entries.add(entry(repo.reader(), walk));
                if (recursive && walk.isSubtree()) walk.enterSubtree();
            }
        }
        return new Listing(tree.copy(), entries, truncated);
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

    /** The entries directly inside a tree, with paths under {@code dir}. */
    List<Entry> children(OpenRepo repo, ObjectId tree, String dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String prefix = dir.isEmpty() ? "" : dir + "/";
        try (TreeWalk walk = new TreeWalk(repo.reader())) {
            walk.addTree(tree);
            while (walk.next()) {
                Entry e = entry(repo.reader(), walk);
                entries.add(new Entry(prefix + e.path(), e.name(), e.mode(), e.id(), e.size()));
            }
        }
        return entries;
    }

    private static Entry entry(ObjectReader reader, TreeWalk walk) throws IOException {
        FileMode mode = walk.getFileMode(0);
        ObjectId id = walk.getObjectId(0);
        long size = mode.getObjectType() == Constants.OBJ_BLOB ? reader.getObjectSize(id, Constants.OBJ_BLOB) : -1;
        return new Entry(walk.getPathString(), walk.getNameString(), mode, id, size);
    }
}
