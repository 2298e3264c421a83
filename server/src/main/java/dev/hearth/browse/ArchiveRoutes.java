package dev.hearth.browse;

import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import dev.hearth.web.Conditional;
import dev.hearth.web.Slots;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jgit.revwalk.RevCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /tarball/{ref}} and {@code /zipball/{ref}}: the archive streams out as the tree is
 * walked. GitHub redirects to a download host; Hearth answers with the archive itself.
 *
 * <p>Archives are the heaviest reads (compressing a whole tree), so they are bounded three ways:
 * a tree over the archive budget ({@link Archiver#shape}: depth, entries, bytes) is a 422 before
 * anything streams; at most {@link #MAX_ARCHIVES} are written at once, in their own pool of
 * {@link Slots} (a short queue, then 503 with {@code Retry-After}); and each is written on a
 * platform thread of low priority rather than on the request's virtual thread. Virtual threads
 * are not preempted: archives compressing on all the carrier threads (one per core) stalled every
 * light request for seconds; the operating system does share a core between a platform thread
 * and the carriers. An archive that runs past its time or byte budget while streaming is cut off
 * (the client sees a failed transfer, never a short archive that looks whole); one whose client
 * went away stops at its next write.
 */
final class ArchiveRoutes extends AbstractBrowseRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRoutes.class);
    /** GitHub names archives and their top directory with seven characters of the sha. */
    private static final int SHORT_SHA = 7;

    /**
     * Archives written at once: half the cores (at least one), so that archives alone never take
     * every core from the light requests (measured in bench/archive-load.sh).
     */
    static final int MAX_ARCHIVES = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    /** Archives of one repository at once: half of the total (at least one), so one repository cannot take them all. */
    static final int MAX_ARCHIVES_PER_REPOSITORY = Math.max(1, MAX_ARCHIVES / 2);
    /** How long a request queues for an archive slot: a few archives of a medium repository. */
    static final Duration QUEUE_WAIT = Duration.ofSeconds(5);
    /** What a busy answer asks a client to wait. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final BrowseCache cache;
    private final Slots slots;

    ArchiveRoutes(Deps deps, BrowseCache cache) {
        this(deps, cache, new Slots("archive downloads", MAX_ARCHIVES, MAX_ARCHIVES_PER_REPOSITORY, QUEUE_WAIT, RETRY_AFTER));
    }

    ArchiveRoutes(Deps deps, BrowseCache cache, Slots slots) {
        super(deps);
        this.cache = cache;
        this.slots = slots;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        for (Archiver.Format format : Archiver.Format.values()) {
            String kind = format == Archiver.Format.ZIP ? "zipball" : "tarball";
            r.get(REPO + "/" + kind, withRepo((ctx, repo) -> archive(ctx, repo, format)));
            r.get(REPO + "/" + kind + "/<ref>", withRepo((ctx, repo) -> archive(ctx, repo, format)));
        }
    }

    private void archive(Context ctx, OpenRepo repo, Archiver.Format format) throws IOException {
        String ref = optionalPath(ctx, "ref");
        RevCommit commit = repo.commit(ref);
        if (Conditional.notModified(ctx, Conditional.strong(commit.name(), format.name()), OpenRepo.isFullSha(ref))) {
            return;
        }
        try (Slots.Slot slot = slots.acquire(repo.id())) {
            AtomicReference<Archiver.Shape> shape = new AtomicReference<>();
            offCarrier(() -> shape.set(Archiver.shape(repo, cache, commit.getTree())));
            String refusal = shape.get().refusal();
            if (refusal != null) {
                throw new HearthException(ErrorCategory.INVALID, "This repository cannot be archived: " + refusal
                        + ". Clone it with git instead.");
            }
            String name = repo.meta().name() + "-" + commit.name().substring(0, SHORT_SHA);
            ctx.status(200);
            ctx.res().setContentType(format.contentType);
            ctx.header("Content-Disposition", "attachment; filename=\"" + name + format.extension + "\"");
            ctx.header("X-Content-Type-Options", "nosniff");
            OutputStream out = ctx.res().getOutputStream();
            try {
                offCarrier(() -> Archiver.write(repo, commit, name + "/", format, out));
            } catch (Archiver.OverBudget e) {
                LOG.warn("Stopped the {} of {} at {}: {}", format, repo.meta().fullName(), commit.name(), e.getMessage());
                if (!ctx.res().isCommitted()) {
                    ctx.res().reset();
                    throw new HearthException(ErrorCategory.INVALID, "This repository cannot be archived: "
                            + e.getMessage() + ". Clone it with git instead.");
                }
                // Cut the connection: a chunked response ended normally would look like a whole archive.
                ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel().abort(e);
            }
        }
    }

    /** Work that may throw what archive writing throws. */
    @FunctionalInterface
    private interface Work {
        void run() throws IOException;
    }

    /**
     * Runs {@code work} on a platform thread of minimum priority and waits for it; the slot held
     * around this bounds how many there are. An interrupt of the request is passed on and the
     * work awaited, since it reads a repository the request closes afterwards.
     */
    private static void offCarrier(Work work) throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().name("hearth-archive").daemon().priority(Thread.MIN_PRIORITY).unstarted(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        worker.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                worker.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            if (failure.get() == null) throw new InterruptedIOException("archive cancelled");
        }
        Throwable t = failure.get();
        if (t == null) return;
        if (t instanceof IOException e) throw e;
        if (t instanceof RuntimeException e) throw e;
        if (t instanceof Error e) throw e;
        throw new UncheckedIOException(new IOException(t));
    }
}
