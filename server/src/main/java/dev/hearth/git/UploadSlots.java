package dev.hearth.git;

import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the pack-building work of clones and fetches: at most {@code total} at once and at most
 * {@code perRepository} on one repository, so a stampede on one repository cannot starve the rest.
 * Git traffic is limited this way rather than per request. A request that cannot get a slot
 * within a short wait is told the server is busy (503), which git shows as the reason.
 */
public final class UploadSlots {
    private final Duration wait;
    private final int perRepository;
    private final Semaphore total;
    private final Map<Long, Semaphore> byRepository = new ConcurrentHashMap<>();

    /** {@code wait}: how long a request may queue for a slot before it is told the server is busy. */
    public UploadSlots(int total, int perRepository, Duration wait) {
        this.wait = wait;
        this.total = new Semaphore(total, true);
        this.perRepository = perRepository;
    }

    /** Held while a pack is built and sent; closing it frees the slot. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    public Slot acquire(long repoId) {
        Semaphore repo = byRepository.computeIfAbsent(repoId, id -> new Semaphore(perRepository, true));
        try {
            if (!repo.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy("this repository has " + perRepository + " clones or fetches in progress");
            }
            if (!total.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                repo.release();
                throw busy("the server is serving as many clones and fetches as it allows");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy("interrupted while waiting");
        }
        return () -> {
            total.release();
            repo.release();
        };
    }

    private static HearthException busy(String why) {
        return new HearthException(ErrorCategory.UNAVAILABLE, "Hearth is busy: " + why + "; retry in a few seconds");
    }
}
