package dev.hearth.git;

import dev.hearth.browse.LastCommits;
import dev.hearth.repos.RepoStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraphLoader;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraphWriter;
import org.eclipse.jgit.internal.storage.commitgraph.GraphCommits;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repacks repositories after pushes, one at a time in the background, so clones read one pack
 * with a reachability bitmap. A repository is repacked when it has no bitmap, too many packs,
 * or many loose objects; a push while it waits does not queue it twice. After every push it
 * also rewrites the commit-graph with changed-path Bloom filters (see {@link #writeCommitGraph}),
 * which tree pages use for the last commit of every entry, and then computes those last commits
 * for the default branch's root and recently shown folders ({@link LastCommits#refresh}), so the
 * next page of them is read from disk, not walked.
 */
public final class RepoMaintenance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RepoMaintenance.class);
    /** Packs past the bitmapped one before a full repack; git's gc.autoPackLimit is 50. */
    static final int MAX_PACKS = 20;
    static final int MAX_LOOSE_SAMPLE = 27; // in objects/17, about 7000 loose objects in all, as git's gc.auto

    private final RepoStore store;
    private final LastCommits lastCommits;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hearth-maintenance");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();

    public RepoMaintenance(RepoStore store, LastCommits lastCommits) {
        this.store = store;
        this.lastCommits = lastCommits;
    }

    public void afterPush(long repoId) {
        if (!queued.add(repoId)) return;
        worker.submit(() -> {
            queued.remove(repoId);
            try {
                if (needsRepack(store.pathOf(repoId))) repack(repoId);
            } catch (Exception e) {
                LOG.warn("Maintenance of repository {} failed: {}", repoId, e.toString());
            }
            try {
                commitGraph(repoId);
            } catch (Exception e) {
                LOG.warn("Commit-graph of repository {} not written: {}", repoId, e.toString());
            }
            try {
                refreshLastCommits(repoId);
            } catch (Exception e) {
                LOG.warn("Last commits of repository {} not computed: {}", repoId, e.toString());
            }
            try {
                dev.hearth.repos.Leftovers.cleanRepository(store.pathOf(repoId));
            } catch (Exception e) {
                LOG.warn("Leftovers of repository {} not cleaned: {}", repoId, e.toString());
            }
        });
    }

    /** Waits until everything queued so far is done; for tests and orderly shutdown. */
    public void awaitIdle(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        worker.submit(() -> { }).get(timeout, unit);
    }

    static boolean needsRepack(Path gitDir) throws IOException {
        Path packDir = gitDir.resolve("objects/pack");
        int packs = 0;
        int bitmaps = 0;
        if (Files.isDirectory(packDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(packDir)) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".pack")) packs++;
                    if (name.endsWith(".bitmap")) bitmaps++;
                }
            }
        }
        int looseSample = 0;
        Path sample = gitDir.resolve("objects/17");
        if (Files.isDirectory(sample)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(sample)) {
                for (Path ignored : files) looseSample++;
            }
        }
        boolean hasObjects = packs > 0 || looseSample > 0 || hasAnyLoose(gitDir.resolve("objects"));
        return hasObjects && (bitmaps == 0 || packs > MAX_PACKS || looseSample > MAX_LOOSE_SAMPLE);
    }

    private static boolean hasAnyLoose(Path objects) throws IOException {
        if (!Files.isDirectory(objects)) return false;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(objects, p -> p.getFileName().toString().length() == 2)) {
            for (Path d : dirs) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
                    if (files.iterator().hasNext()) return true;
                }
            }
        }
        return false;
    }

    private void repack(long repoId) throws Exception {
        long start = System.nanoTime();
        try (var repo = store.open(repoId)) {
            GC gc = new GC((FileRepository) repo);
            gc.setProgressMonitor(NullProgressMonitor.INSTANCE);
            // Objects only: repack (one pack with a bitmap, old packs removed) and drop loose
            // objects now packed. Refs stay loose: packing them while readers look them up can
            // hide a ref for a moment (JGit reads packed-refs before the loose file).
            gc.repack();
            gc.prunePacked();
        }
        LOG.info("Repacked repository {} in {} ms", repoId, (System.nanoTime() - start) / 1_000_000);
    }

    private void commitGraph(long repoId) throws IOException {
        long start = System.nanoTime();
        GraphWrite written;
        try (var repo = store.open(repoId)) {
            written = writeCommitGraph(repo);
        }
        LOG.info("Wrote the commit-graph of repository {} ({} commits, {} new Bloom filters) in {} ms", repoId,
                written.commits(), written.filtersComputed(), (System.nanoTime() - start) / 1_000_000);
    }

    private void refreshLastCommits(long repoId) throws IOException {
        long start = System.nanoTime();
        try (var repo = store.open(repoId)) {
            ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
            if (head == null) return; // nothing on the default branch yet
            List<String> dirs = lastCommits.refresh(repo, head);
            LOG.info("Computed the last commits of {} folder(s) of repository {} at {} in {} ms", dirs.size(), repoId,
                    head.abbreviate(10).name(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** What one commit-graph write did: Bloom filters taken from the previous file, and computed. */
    public record GraphWrite(long filtersReused, long filtersComputed) {
        public long commits() {
            return filtersReused + filtersComputed;
        }
    }

    /**
     * Writes {@code objects/info/commit-graph} for every commit reachable from the refs, with
     * changed-path Bloom filters: what lets {@code browse.LastCommits} answer "last commit of
     * every entry" without reading most commits or trees. Written to a temporary file beside it
     * and renamed over the old one in one atomic step, as JGit's own GC does, so a reader sees
     * the old file or the new one, never a part. Public for the benchmark in {@code bench/}.
     *
     * <p>JGit's writer reuses the Bloom filters of commits that the previous file has, but only
     * through {@code ObjectReader.getCommitGraph()}, which loads them only when the user-wide JGit
     * config says so; the reader given to it here returns the previous file loaded with its
     * filters, so a push adds the cost of its new commits, not of the whole history.
     */
    public static GraphWrite writeCommitGraph(org.eclipse.jgit.lib.Repository repo) throws IOException {
        Path info = repo.getDirectory().toPath().resolve("objects/info");
        Files.createDirectories(info);
        Path target = info.resolve("commit-graph");
        Set<ObjectId> tips = new HashSet<>();
        try (RevWalk walk = new RevWalk(repo)) {
            for (Ref ref : repo.getRefDatabase().getRefs()) {
                if (ref.getObjectId() == null) continue;
                try {
                    if (walk.peel(walk.parseAny(ref.getObjectId())) instanceof RevCommit c) tips.add(c.copy());
                } catch (MissingObjectException e) {
                    // a broken ref: nothing to write for it
                }
            }
        }
        if (tips.isEmpty()) {
            Files.deleteIfExists(target);
            return new GraphWrite(0, 0);
        }
        Optional<CommitGraph> previous = previousGraph(target);
        deleteStaleTemporaries(info);
        Path tmp = Files.createTempFile(info, TMP_PREFIX, ".tmp");
        try (ObjectReader objects = repo.newObjectReader();
             ObjectReader reader = new ObjectReader.Filter() {
                 @Override
                 protected ObjectReader delegate() {
                     return objects;
                 }

                 @Override
                 public Optional<CommitGraph> getCommitGraph() {
                     return previous;
                 }
             };
             RevWalk walk = new RevWalk(reader)) {
            GraphCommits commits = GraphCommits.fromWalk(NullProgressMonitor.INSTANCE, tips, walk);
            CommitGraphWriter.Stats stats;
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                stats = new CommitGraphWriter(commits, true).write(NullProgressMonitor.INSTANCE, out);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new GraphWrite(stats.getChangedPathFiltersReused(), stats.getChangedPathFiltersComputed());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static final String TMP_PREFIX = "commit-graph-";

    /** Temporary files a crash left behind (a day old: a write in progress is never that old). */
    private static void deleteStaleTemporaries(Path info) throws IOException {
        long dayAgo = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(info, TMP_PREFIX + "*.tmp")) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).toMillis() < dayAgo) Files.deleteIfExists(f);
            }
        }
    }

    /** The file being replaced, with its Bloom filters; empty when missing or unreadable (then all are computed). */
    private static Optional<CommitGraph> previousGraph(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(CommitGraphLoader.read(in, true));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Rewriting the unreadable commit-graph {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) worker.shutdownNow();
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
