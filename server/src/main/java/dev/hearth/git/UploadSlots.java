package dev.hearth.git;

import dev.hearth.web.Slots;
import java.time.Duration;

/**
 * Bounds the pack-building work of clones and fetches: at most {@code total} at once and at most
 * {@code perRepository} on one repository, so a stampede on one repository cannot starve the rest.
 * Git traffic is limited this way rather than per request. A request that cannot get a slot
 * within a short wait is told the server is busy (503 with {@code Retry-After}), which git shows
 * as the reason. The mechanism is {@link Slots}, shared with the other heavy work (archives).
 */
public final class UploadSlots {
    /** What a busy answer asks a client to wait: about one pack built by someone else. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Slots slots;

    /** {@code wait}: how long a request may queue for a slot before it is told the server is busy. */
    public UploadSlots(int total, int perRepository, Duration wait) {
        this.slots = new Slots("clones and fetches", total, perRepository, wait, RETRY_AFTER);
    }

    /** Held while a pack is built and sent; closing it frees the slot. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    public Slot acquire(long repoId) {
        Slots.Slot slot = slots.acquire(repoId);
        return slot::close;
    }
}
