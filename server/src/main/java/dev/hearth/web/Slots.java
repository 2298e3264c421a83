package dev.hearth.web;

import dev.hearth.error.HearthException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One pool of slots for one kind of heavy work (building packs for clones, writing archives):
 * at most {@code total} at once and at most {@code perKey} for one key (a repository), so a
 * stampede on one repository cannot starve the rest, and light requests keep the CPU they need.
 * A request waits in a fair queue for at most {@code wait}; past it, it is told the server is
 * busy: 503 with {@code Retry-After}. Every heavy kind of work has its own pool, so a queue of
 * archives never delays a clone.
 */
public final class Slots {
    private final String work;
    private final Duration wait;
    private final Duration retryAfter;
    private final int perKey;
    private final Semaphore total;
    private final Map<Long, Semaphore> byKey = new ConcurrentHashMap<>();

    /**
     * @param work       what the slots are for, as the busy message names it ("clones and fetches")
     * @param wait       how long a request may queue for a slot before it is told the server is busy
     * @param retryAfter what the 503 asks a client to wait before trying again
     */
    public Slots(String work, int total, int perKey, Duration wait, Duration retryAfter) {
        if (total < 1 || perKey < 1) throw new IllegalArgumentException("slots must be positive");
        this.work = work;
        this.wait = wait;
        this.retryAfter = retryAfter;
        this.total = new Semaphore(total, true);
        this.perKey = perKey;
    }

    /** Held while the work runs; closing it (once or more) frees the slot. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** A slot for work on {@code key} (a repository id), or 503 once the wait is over. */
    public Slot acquire(long key) {
        Semaphore mine = byKey.computeIfAbsent(key, id -> new Semaphore(perKey, true));
        try {
            if (!mine.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy("this repository has " + perKey + " " + work + " in progress");
            }
            if (!total.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                mine.release();
                throw busy("the server is serving as many " + work + " as it allows");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy("interrupted while waiting");
        }
        return new Slot() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (closed) return;
                closed = true;
                total.release();
                mine.release();
            }
        };
    }

    /** Slots free right now, over all keys (for tests and metrics). */
    public int available() {
        return total.availablePermits();
    }

    private HearthException busy(String why) {
        return HearthException.unavailable("Hearth is busy: " + why + "; retry in a few seconds", retryAfter);
    }
}
