package dev.hearth.git;

import dev.hearth.repos.RepoStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repacks repositories after pushes, one at a time in the background, so clones read one pack
 * with a reachability bitmap. A repository is repacked when it has no bitmap, too many packs,
 * or many loose objects; a push while it waits does not queue it twice.
 */
public final class RepoMaintenance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RepoMaintenance.class);
    /** Packs past the bitmapped one before a full repack; git's gc.autoPackLimit is 50. */
    static final int MAX_PACKS = 20;
    static final int MAX_LOOSE_SAMPLE = 27; // in objects/17, about 7000 loose objects in all, as git's gc.auto

    private final RepoStore store;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hearth-maintenance");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();

    public RepoMaintenance(RepoStore store) {
        this.store = store;
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
