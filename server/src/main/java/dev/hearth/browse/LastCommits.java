package dev.hearth.browse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.codec.digest.MurmurHash3;
import org.eclipse.jgit.internal.storage.commitgraph.ChangedPathFilter;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The last commit that changed each entry of a directory, as tree pages show it beside every
 * entry (GitHub, Gitea): for each entry, what {@code git log -1 <commit> -- <directory>/<entry>}
 * prints, with git's default history simplification.
 *
 * <p><b>What that means.</b> For one path, git walks from the commit; at a commit whose entry is
 * the same as in some parent (TREESAME), it follows only the first such parent; the first commit
 * whose entry differs from every parent (or a root commit) is the answer. So each entry follows
 * one chain of commits, along which the entry never changes. Here one walk carries all entries
 * at once: a commit holds the set of entries whose chain reached it, and passes each on to its
 * first parent with the same entry, or keeps it as the answer. It stops as soon as every entry
 * has one. The order in which commits are visited does not change the answers (each chain is
 * fixed); newest first just keeps entries that share a chain together.
 *
 * <p><b>Why it is fast.</b> Most commits do not touch the directory. With the commit-graph that
 * maintenance writes after pushes ({@link CommitGraphs}), a commit's parents, tree and Bloom
 * filter of changed paths come from one table in memory, without reading the commit; the filter
 * says "the directory did not change against the first parent" without reading a tree, and per
 * entry it says which entries a change did not touch. Where it says "maybe" (a real change, or a
 * false positive for 1 to 2 % of the entries asked: filters of small commits are a few bytes),
 * the parent's tree is read: at once for merges, and in batches, oldest first, for single-parent
 * commits (the entry walks on meanwhile as if unchanged), because JGit packs trees as deltas
 * against older versions and reads them several times faster in that order. Commits not in the
 * graph (pushed since maintenance last ran) are read as objects, and their directory trees
 * compared by id: the same answers, slower. Measured in {@code bench/last-commit.md}.
 *
 * <p>The commit-graph classes are JGit's internal API ({@code org.eclipse.jgit.internal.storage
 * .commitgraph}). JGit's own {@code RevWalk} still reads every commit object even with a graph,
 * and uses the Bloom filters only through {@code ChangedPathTreeFilter} (one path list per walk,
 * and only when the user-wide JGit config loads the filters), so this walk reads the graph itself.
 *
 * <p><b>Reuse.</b> An answer for (commit, directory) never changes, because a sha fixes its whole
 * history, so it is cached under that key for every repository, bounded by weight only. It is
 * also kept under the commit where the directory last changed: a later commit that did not touch
 * the directory walks down to that commit and stops there. A walk that meets any cached
 * (commit, directory) takes the remaining entries' answers from it. With a {@link LastCommitStore},
 * every computed answer is also written beside the repository and read back when memory has
 * none, so the first page after a restart reads the answer (or walks only to the one kept for an
 * older commit) instead of walking the whole history; after a push, {@link #refresh} computes the
 * root's and recently shown folders' answers at the new head, in the background.
 */
public final class LastCommits {
    /** The newest commit that changed an entry. */
    public record LastCommit(String sha, String summary, String authorName, String authorEmail, Instant authorDate) {}

    /** A directory's answer: entry name to its last commit, in tree order. */
    private record Answer(Map<String, LastCommit> byName, int weight) {
        static Answer of(Map<String, LastCommit> byName) {
            int weight = 128;
            Set<String> commits = new HashSet<>();
            for (Map.Entry<String, LastCommit> e : byName.entrySet()) {
                LastCommit c = e.getValue();
                if (commits.add(c.sha())) {
                    weight += 160 + 2 * (c.summary().length() + c.authorName().length() + c.authorEmail().length());
                }
                weight += 64 + 2 * e.getKey().length();
            }
            return new Answer(Collections.unmodifiableMap(byName), weight);
        }
    }

    private record Key(ObjectId commit, String directory) {}

    // git's changed-path Bloom filter, version 1 (Documentation/gitformat-commit-graph), as JGit writes it
    private static final int BLOOM_SEED_0 = 0x293ae76f;
    private static final int BLOOM_SEED_1 = 0x7e646e2c;
    private static final int BLOOM_HASHES = 7;

    /** Commits whose suspects are confirmed together: more trees read in a row (cheaper); fewer stop changed entries sooner. */
    private static final int BATCH = 512;

    /** Folders whose answers {@link #refresh} computes after a push, besides the root. */
    static final int REFRESHED_DIRECTORIES = 32;
    /** Entries from which a folder's answer is computed after every push, shown or not. */
    static final int LARGE_FOLDER = 200;

    private final Cache<Key, Answer> answers;
    private final CommitGraphs graphs;
    private final LastCommitStore disk; // null: answers are kept in memory only
    private final AtomicLong walks = new AtomicLong();
    private final AtomicLong commitsVisited = new AtomicLong();

    /** Answers kept in memory only. */
    public LastCommits(long maxBytes) {
        this(maxBytes, null);
    }

    /**
     * @param maxBytes bound of the answers kept in memory (about 100 bytes an entry); the loaded
     *                 commit-graphs get a quarter of it on top (about 70 bytes a commit)
     * @param disk     where answers are also kept, beside each repository, for a restart or
     *                 another node; null for memory only
     */
    public LastCommits(long maxBytes, LastCommitStore disk) {
        this.answers = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Answer answer) -> answer.weight())
                .build();
        this.graphs = new CommitGraphs(Math.max(1, maxBytes / 4));
        this.disk = disk;
    }

    /**
     * Entry name (directly inside {@code directory}; "" is the root) to the newest commit
     * reachable from {@code commit} that changed that entry, in {@code git log} order semantics.
     * Empty when {@code directory} is not a directory at {@code commit}. A tag is peeled.
     */
    public Map<String, LastCommit> of(Repository repo, ObjectId commit, String directory) throws IOException {
        return of(repo, commit, directory, true);
    }

    /**
     * As {@link #of(Repository, ObjectId, String)}; a computed answer is written to disk only
     * with {@code keepOnDisk}, which pages of a branch or tag ask for and pages of a bare commit
     * sha (old commits, crawlers) do not, so these never push a branch's answers out.
     */
    public Map<String, LastCommit> of(Repository repo, ObjectId commit, String directory, boolean keepOnDisk) throws IOException {
        String dir = normalise(directory);
        try (ObjectReader reader = repo.newObjectReader(); RevWalk revWalk = new RevWalk(reader)) {
            RevCommit start = revWalk.parseCommit(commit);
            Key key = new Key(start.copy(), dir);
            Answer hit = answers.getIfPresent(key);
            if (hit != null) return hit.byName();
            Path gitDir = disk == null || repo.getDirectory() == null ? null : repo.getDirectory().toPath();
            if (gitDir != null) {
                // What an earlier run (or another node) kept: this very answer, or older ones that a walk stops at.
                for (LastCommitStore.Stored stored : disk.read(gitDir, dir, c -> answers.getIfPresent(new Key(c, dir)) != null)) {
                    answers.put(new Key(stored.commit(), dir), Answer.of(stored.byName()));
                }
                hit = answers.getIfPresent(key);
                if (hit != null) return hit.byName();
            }
            Walk walk = new Walk(reader, graphs.of(repo).orElse(CommitGraph.EMPTY), dir);
            Map<String, LastCommit> answer = walk.run(start);
            walks.incrementAndGet();
            commitsVisited.addAndGet(walk.visited);
            if (gitDir != null && keepOnDisk && !answer.isEmpty()) disk.write(gitDir, start, dir, answer);
            return answer;
        }
    }

    /**
     * After a push: computes (and keeps on disk) the answers at {@code commit} for the root, for
     * the folders whose answers were kept most recently, and for the folders of at least
     * {@value #LARGE_FOLDER} entries (the slow ones to walk), at most {@value #REFRESHED_DIRECTORIES}
     * besides the root, so that the next page of them, on any node or after a restart, is read
     * rather than walked. A walk stops at the answer kept for an older commit, so after the first
     * push this costs about the new commits. Returns the directories computed.
     */
    public List<String> refresh(Repository repo, ObjectId commit) throws IOException {
        return refresh(repo, commit, LARGE_FOLDER);
    }

    List<String> refresh(Repository repo, ObjectId commit, int largeFolder) throws IOException {
        Set<String> dirs = new LinkedHashSet<>();
        dirs.add("");
        if (disk != null && repo.getDirectory() != null) {
            dirs.addAll(disk.directories(repo.getDirectory().toPath(), REFRESHED_DIRECTORIES));
        }
        for (String d : largeFolders(repo, commit, largeFolder)) {
            if (dirs.size() > REFRESHED_DIRECTORIES) break;
            dirs.add(d);
        }
        for (String d : dirs) of(repo, commit, d);
        return List.copyOf(dirs);
    }

    /**
     * The folders at {@code commit} with at least {@code minEntries} entries, largest first,
     * among the first {@value Trees#MAX_ENTRIES} entries and {@value Trees#MAX_DEPTH} levels
     * (the budget of every tree read: this runs after every push).
     */
    private static List<String> largeFolders(Repository repo, ObjectId commit, int minEntries) throws IOException {
        Map<String, Integer> sizes = new HashMap<>();
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(commit).getTree());
            for (int seen = 0; seen < Trees.MAX_ENTRIES && tw.next(); seen++) {
                if (tw.getDepth() > 0) {
                    String path = tw.getPathString();
                    sizes.merge(path.substring(0, path.lastIndexOf('/')), 1, Integer::sum);
                }
                if (tw.isSubtree() && tw.getDepth() + 1 < Trees.MAX_DEPTH) tw.enterSubtree();
            }
        }
        return sizes.entrySet().stream()
                .filter(e -> e.getValue() >= minEntries)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static String normalise(String directory) {
        if (directory == null) return "";
        String d = directory;
        while (d.startsWith("/")) d = d.substring(1);
        while (d.endsWith("/")) d = d.substring(0, d.length() - 1);
        return d;
    }

    /** A commit met by one walk. */
    private static final class Node extends ObjectIdOwnerMap.Entry {
        final int graphPosition; // -1: not in the graph
        boolean loaded;
        ObjectId rootTree;
        Node[] parents;
        long time;
        ChangedPathFilter changedPaths; // null: none known
        boolean dirTreeKnown;
        ObjectId dirTree; // null: the directory is not there
        BitSet pending; // entries whose chain is here and not yet passed on
        boolean queued;

        Node(ObjectId id, int graphPosition) {
            super(id);
            this.graphPosition = graphPosition;
        }
    }

    /** One computation: all entries of one directory at one commit. Not thread-safe. */
    private final class Walk {
        private final ObjectReader reader;
        private final CommitGraph graph;
        private final String dir;
        private final byte[] dirPath;
        private final ObjectIdOwnerMap<Node> nodes = new ObjectIdOwnerMap<>();
        private final PriorityQueue<Node> queue = new PriorityQueue<>((a, b) -> Long.compare(b.time, a.time));
        private RevWalk parser;
        private List<String> names;
        private int[] hash0; // the two murmur3 hashes of each entry's full path, as the Bloom filters use them
        private int[] hash1;
        private final int dirHash0;
        private final int dirHash1;
        private byte[][] rawNames;
        private int[] modes;
        private ObjectId[] ids;
        private ObjectId[] found; // the commit that changed entry i, once known
        private LastCommit[] known; // or its answer taken from the cache
        private final BitSet stopped = new BitSet(); // entries no longer walking: an answer, maybe still to confirm
        private int open; // entries still walking
        long visited; // commits taken from the queue
        // Entries that may have changed at a single-parent commit, confirmed later in batches.
        private final List<Node> suspectAt = new ArrayList<>();
        private final List<BitSet> suspects = new ArrayList<>();

        Walk(ObjectReader reader, CommitGraph graph, String dir) {
            this.reader = reader;
            this.graph = graph;
            this.dir = dir;
            this.dirPath = dir.getBytes(StandardCharsets.UTF_8);
            this.dirHash0 = MurmurHash3.hash32x86(dirPath, 0, dirPath.length, BLOOM_SEED_0);
            this.dirHash1 = MurmurHash3.hash32x86(dirPath, 0, dirPath.length, BLOOM_SEED_1);
        }

        Map<String, LastCommit> run(RevCommit startCommit) throws IOException {
            Node start = node(startCommit);
            ObjectId tree = dirTree(start);
            if (tree == null) return Map.of();
            listEntries(tree);
            if (names.isEmpty()) return Map.of();
            found = new ObjectId[names.size()];
            known = new LastCommit[names.size()];
            open = names.size();

            BitSet all = new BitSet();
            all.set(0, names.size());
            // While every entry still travels together down a line of commits that leave the
            // directory as it is, the answer is the same as at the end of that line.
            Node lastChange = start;
            boolean together = true;
            pass(start, all);
            while (open > 0 && !queue.isEmpty()) {
                if (suspectAt.size() >= BATCH) confirmSuspects();
                Node n = queue.poll();
                n.queued = false;
                visited++;
                BitSet here = n.pending;
                n.pending = null;
                here.andNot(stopped);
                if (here.isEmpty()) continue;
                if (together) lastChange = n;
                if (n != start && fromCache(n, here)) {
                    together = false;
                    continue;
                }
                boolean passedWhole = visit(n, here);
                together = together && passedWhole && queue.size() == 1;
            }
            confirmSuspects();
            Answer answer = answer();
            answers.put(new Key(start.copy(), dir), answer);
            if (lastChange != start) answers.put(new Key(lastChange.copy(), dir), answer);
            return answer.byName();
        }

        /**
         * The first {@value Trees#MAX_DIRECTORY_ENTRIES} entries of the directory (those a page
         * shows), in tree order, with their full paths for the Bloom filters.
         */
        private void listEntries(ObjectId tree) throws IOException {
            names = new ArrayList<>();
            List<byte[]> rawPaths = new ArrayList<>();
            List<byte[]> raws = new ArrayList<>();
            List<Integer> rawModes = new ArrayList<>();
            List<ObjectId> objects = new ArrayList<>();
            try (TreeWalk tw = new TreeWalk(reader)) {
                tw.addTree(tree);
                // Only the entries a page shows: a folder of 200,000 entries must not cost 200,000 answers.
                while (names.size() < Trees.MAX_DIRECTORY_ENTRIES && tw.next()) {
                    String name = tw.getNameString();
                    names.add(name);
                    rawModes.add(tw.getRawMode(0));
                    objects.add(tw.getObjectId(0));
                    byte[] raw = tw.getRawPath();
                    raws.add(raw);
                    if (dirPath.length == 0) {
                        rawPaths.add(raw);
                    } else {
                        byte[] full = Arrays.copyOf(dirPath, dirPath.length + 1 + raw.length);
                        full[dirPath.length] = '/';
                        System.arraycopy(raw, 0, full, dirPath.length + 1, raw.length);
                        rawPaths.add(full);
                    }
                }
            }
            hash0 = new int[rawPaths.size()];
            hash1 = new int[rawPaths.size()];
            for (int e = 0; e < rawPaths.size(); e++) {
                byte[] p = rawPaths.get(e);
                hash0[e] = MurmurHash3.hash32x86(p, 0, p.length, BLOOM_SEED_0);
                hash1[e] = MurmurHash3.hash32x86(p, 0, p.length, BLOOM_SEED_1);
            }
            rawNames = raws.toArray(byte[][]::new);
            modes = rawModes.stream().mapToInt(Integer::intValue).toArray();
            ids = objects.toArray(ObjectId[]::new);
        }

        /**
         * Passes this commit's entries on to its parents or keeps them as answers; true when all
         * of them went to the first parent.
         */
        private boolean visit(Node n, BitSet here) throws IOException {
            load(n);
            if (n.parents.length == 0) {
                keep(n, here);
                return false;
            }
            BitSet rest = here;
            byte[] changed = bits(n.changedPaths);
            if (changed != null) {
                // Against the first parent only (that is what the filter records). "Not in the
                // filter" is certain; "maybe" is checked in the parent's tree below.
                if (!dir.isEmpty() && !maybeContains(changed, dirHash0, dirHash1)) {
                    pass(n.parents[0], here);
                    return true;
                }
                BitSet unchanged = new BitSet();
                for (int e = here.nextSetBit(0); e >= 0; e = here.nextSetBit(e + 1)) {
                    if (!maybeContains(changed, hash0[e], hash1[e])) unchanged.set(e);
                }
                if (unchanged.cardinality() == here.cardinality()) {
                    pass(n.parents[0], here);
                    return true;
                }
                rest = minus(here, unchanged);
                if (n.parents.length == 1) return suspect(n, here, rest);
                if (!unchanged.isEmpty()) pass(n.parents[0], unchanged);
            } else if (Objects.equals(dirTree(n), dirTree(n.parents[0]))) {
                pass(n.parents[0], here);
                return true;
            } else if (n.parents.length == 1) {
                return suspect(n, here, here);
            }
            // Git's rule per entry: follow the first parent that has it as it is here.
            for (Node parent : n.parents) {
                if (rest.isEmpty()) break;
                BitSet same = sameIn(dirTree(parent), rest);
                if (!same.isEmpty()) {
                    pass(parent, same);
                    rest = minus(rest, same);
                }
            }
            if (!rest.isEmpty()) keep(n, rest);
            return false;
        }

        /**
         * The entries among {@code candidates} that a version of the directory has exactly as the
         * start commit has them (same mode and object). Every entry in a chain is as at the start,
         * so this is "TREESAME to that parent" without reading the child's tree. One pass over
         * both sorted lists: the candidates are in the start tree's order, which is git's order
         * (a folder sorts as "name/"), the order of every tree.
         */
        private BitSet sameIn(ObjectId tree, BitSet candidates) throws IOException {
            BitSet same = new BitSet();
            if (tree == null) return same;
            CanonicalTreeParser parser = new CanonicalTreeParser();
            parser.reset(reader, tree);
            for (int e = candidates.nextSetBit(0); e >= 0 && !parser.eof(); e = candidates.nextSetBit(e + 1)) {
                byte[] name = rawNames[e];
                int cmp;
                while ((cmp = parser.pathCompare(name, 0, name.length, modes[e])) < 0) {
                    parser.next(1);
                    if (parser.eof()) return same;
                }
                if (cmp == 0 && isAsAtStart(parser, e)) same.set(e);
            }
            return same;
        }

        /** A filter's bytes (null: no filter), to ask it with hashes computed once per entry, not per question. */
        private static byte[] bits(ChangedPathFilter filter) {
            if (filter == null) return null;
            ByteArrayOutputStream out = new ByteArrayOutputStream(64);
            filter.writeTo(out);
            return out.toByteArray();
        }

        /**
         * {@link ChangedPathFilter#maybeContains} with the path's hashes given: git's changed-path
         * Bloom filter (version 1: seven bits from two murmur3 hashes, double hashing). An empty
         * filter (git writes one for a commit that changes nothing) contains nothing.
         */
        private static boolean maybeContains(byte[] filter, int h0, int h1) {
            int bitCount = filter.length * 8;
            if (bitCount == 0) return false;
            for (int i = 0; i < BLOOM_HASHES; i++) {
                int bit = Integer.remainderUnsigned(h0 + i * h1, bitCount);
                if ((filter[bit >>> 3] & (1 << (bit & 7))) == 0) return false;
            }
            return true;
        }

        private boolean isAsAtStart(CanonicalTreeParser parser, int e) {
            return parser.getEntryRawMode() == modes[e] && ids[e].equals(parser.getEntryObjectId());
        }

        /**
         * Assumes the {@code maybe} entries unchanged at single-parent commit {@code n} and walks
         * them on with the rest; {@link #confirmSuspects} reads the parent's tree later, oldest
         * first, which is several times cheaper for JGit's delta cache than newest first. (At a
         * merge the choice of parent depends on the answer, so merges are decided at once.)
         */
        private boolean suspect(Node n, BitSet here, BitSet maybe) throws IOException {
            suspectAt.add(n);
            suspects.add((BitSet) maybe.clone());
            pass(n.parents[0], here);
            return false;
        }

        /**
         * Reads the parent's tree at every suspect, oldest first. A suspect whose entry differs
         * there changed the entry; the newest such one in the entry's chain is its answer
         * (whatever the walk found further down that chain is then moot), and the entry stops.
         */
        private void confirmSuspects() throws IOException {
            BitSet changedHere = new BitSet();
            for (int i = suspectAt.size() - 1; i >= 0; i--) {
                Node n = suspectAt.get(i);
                BitSet entries = suspects.get(i);
                BitSet changed = minus(entries, sameIn(dirTree(n.parents[0]), entries));
                for (int e = changed.nextSetBit(0); e >= 0; e = changed.nextSetBit(e + 1)) {
                    found[e] = n; // oldest first: the newest one is written last
                    known[e] = null;
                    changedHere.set(e);
                }
            }
            suspectAt.clear();
            suspects.clear();
            for (int e = changedHere.nextSetBit(0); e >= 0; e = changedHere.nextSetBit(e + 1)) {
                if (!stopped.get(e)) {
                    stopped.set(e);
                    open--;
                }
            }
        }

        private void pass(Node to, BitSet entries) throws IOException {
            load(to); // its time orders the queue
            if (to.pending == null) to.pending = new BitSet();
            to.pending.or(entries);
            if (!to.queued) {
                to.queued = true;
                queue.add(to);
            }
        }

        private void keep(Node n, BitSet entries) {
            for (int e = entries.nextSetBit(0); e >= 0; e = entries.nextSetBit(e + 1)) {
                if (stopped.get(e)) continue;
                found[e] = n;
                stopped.set(e);
                open--;
            }
        }

        /** Takes the answers of entries waiting at {@code n} from a cached answer for {@code n}. */
        private boolean fromCache(Node n, BitSet here) {
            Answer hit = answers.getIfPresent(new Key(n, dir));
            if (hit == null) return false;
            for (int e = here.nextSetBit(0); e >= 0; e = here.nextSetBit(e + 1)) {
                LastCommit c = hit.byName().get(names.get(e));
                if (c == null) return false; // cannot be (the entry is in n's directory); walk on instead
            }
            for (int e = here.nextSetBit(0); e >= 0; e = here.nextSetBit(e + 1)) {
                known[e] = hit.byName().get(names.get(e));
                stopped.set(e);
                open--;
            }
            return true;
        }

        private Answer answer() throws IOException {
            Map<ObjectId, LastCommit> commits = new HashMap<>();
            Map<String, LastCommit> byName = new LinkedHashMap<>();
            try (RevWalk bodies = new RevWalk(reader)) {
                for (int e = 0; e < names.size(); e++) {
                    LastCommit c = known[e];
                    if (c == null && found[e] != null) {
                        c = commits.get(found[e]);
                        if (c == null) {
                            c = describe(bodies.parseCommit(found[e]));
                            commits.put(found[e].copy(), c);
                        }
                    }
                    if (c == null) continue; // a chain that ended without an answer (a shallow or broken history)
                    byName.putIfAbsent(names.get(e), c);
                }
            }
            return Answer.of(byName);
        }

        private static LastCommit describe(RevCommit c) {
            PersonIdent author = c.getAuthorIdent();
            return new LastCommit(c.name(), c.getShortMessage(), author.getName(), author.getEmailAddress(), author.getWhenAsInstant());
        }

        private Node node(ObjectId id) {
            Node n = nodes.get(id);
            if (n == null) {
                n = new Node(id, graph.findGraphPosition(id));
                nodes.add(n);
            }
            return n;
        }

        private Node node(ObjectId id, int graphPosition) {
            Node n = nodes.get(id);
            if (n == null) {
                n = new Node(id, graphPosition);
                nodes.add(n);
            }
            return n;
        }

        /** Parents, tree, time and changed paths: from the graph when it has the commit, else from the object. */
        private void load(Node n) throws IOException {
            if (n.loaded) return;
            if (n.graphPosition >= 0) {
                CommitGraph.CommitData data = graph.getCommitData(n.graphPosition);
                n.rootTree = data.getTree();
                n.time = data.getCommitTime();
                int[] parents = data.getParents();
                n.parents = new Node[parents.length];
                for (int i = 0; i < parents.length; i++) {
                    n.parents[i] = node(graph.getObjectId(parents[i]), parents[i]);
                }
                n.changedPaths = graph.getChangedPathFilter(n.graphPosition);
            } else {
                if (parser == null) {
                    parser = new RevWalk(reader);
                    parser.setRetainBody(false);
                }
                RevCommit c = parser.parseCommit(n);
                n.rootTree = c.getTree().copy();
                n.time = c.getCommitTime();
                n.parents = new Node[c.getParentCount()];
                for (int i = 0; i < n.parents.length; i++) n.parents[i] = node(c.getParent(i));
            }
            n.loaded = true;
        }

        /** The tree of the directory at a commit, or null when the commit has no such directory. */
        private ObjectId dirTree(Node n) throws IOException {
            if (n.dirTreeKnown) return n.dirTree;
            load(n);
            if (dir.isEmpty()) {
                n.dirTree = n.rootTree;
            } else {
                try (TreeWalk tw = TreeWalk.forPath(reader, dir, n.rootTree)) {
                    n.dirTree = tw != null && tw.getFileMode(0).equals(FileMode.TREE) ? tw.getObjectId(0) : null;
                }
            }
            n.dirTreeKnown = true;
            return n.dirTree;
        }

        private Node node(RevCommit c) {
            return node((ObjectId) c);
        }
    }

    private static BitSet minus(BitSet a, BitSet b) {
        BitSet r = (BitSet) a.clone();
        r.andNot(b);
        return r;
    }

    /** For tests and the benchmark: how many walks ran, and the commits they visited, since this was made. */
    long walks() {
        return walks.get();
    }

    long commitsVisited() {
        return commitsVisited.get();
    }

    /** For tests and the benchmark: how many answers are kept. */
    long cachedAnswers() {
        return answers.estimatedSize();
    }

    Optional<CommitGraph> graph(Repository repo) {
        return graphs.of(repo);
    }
}
