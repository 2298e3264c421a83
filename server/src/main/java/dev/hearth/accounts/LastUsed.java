package dev.hearth.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Last used" times of credentials (tokens, OAuth clients), written best-effort: at most once
 * per credential per {@link #INTERVAL}, in the background, a failure only logged. Authenticating
 * is a read: it never waits for this write and never fails because of it, so a full disk, a
 * read-only or a busy database still lets every token read.
 *
 * <p>The writes run one at a time on one platform thread (gone when idle), not on virtual
 * threads: SQLite's busy wait pins a virtual thread's carrier, and a lock holder that needs a
 * carrier while waiting writers pin them all would hold everyone up. A full queue drops the
 * update (a time shown a minute stale is harmless).
 */
final class LastUsed {
    private static final Logger LOG = LoggerFactory.getLogger(LastUsed.class);
    /** The resolution the times are shown at ("used a minute ago"); finer would be a write per request. */
    static final Duration INTERVAL = Duration.ofMinutes(1);

    /** Updates waiting to be written, at most; more are dropped. */
    private static final int QUEUE = 1_000;

    private final Jdbi jdbi;
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), Thread.ofPlatform().daemon().name("hearth-last-used").factory(),
            new ThreadPoolExecutor.DiscardPolicy());
    /** Credentials written (or tried) within the interval: a failing database is not asked again per request. */
    private final Cache<String, Boolean> recent = Caffeine.newBuilder()
            .expireAfterWrite(INTERVAL)
            .maximumSize(100_000)
            .build();

    LastUsed(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Notes that credential {@code key} was used {@code now}, if {@code stored} (the time the
     * database has) is older than the interval and nobody wrote it within the interval.
     */
    void touch(String key, Instant stored, Instant now, Consumer<Handle> write) {
        if (stored != null && !stored.plus(INTERVAL).isBefore(now)) return;
        if (recent.asMap().putIfAbsent(key, Boolean.TRUE) != null) return;
        writer.execute(() -> {
            try {
                jdbi.useTransaction(write::accept);
            } catch (RuntimeException e) {
                LOG.warn("Could not record when {} was last used (the request went on): {}", key, e.toString());
            }
        });
    }
}
