package dev.hearth.events;

import dev.hearth.activity.ActivityLog;
import dev.hearth.activity.Event;
import dev.hearth.storage.Database;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A follower of the events log that survives restarts: a name, its own cursor row in
 * {@code event_cursors}, and a {@link Handler} of batches. Each batch is read, handled and the
 * cursor moved in <b>one transaction</b>: what the handler writes with the handle it is given
 * commits together with the cursor, so those effects happen once per event; a crash or a failure
 * before the commit repeats the whole batch, never skips it. Effects outside the database (an HTTP
 * call, a search index) are therefore <b>at least once</b>: make them idempotent, or write rows in
 * the transaction and act on them afterwards, as webhooks do (deliveries written here, sent by
 * {@link WebhookSender}).
 *
 * <p>Woken after each commit that appended events ({@link ActivityLog#onAppended}), and every
 * {@link Options#poll} for events other nodes appended. On PostgreSQL the cursor row is locked
 * ({@code FOR UPDATE}) for the batch, so one node at a time moves a given consumer. A failing
 * batch is retried after a backoff that doubles from {@link Options#firstRetry} up to
 * {@link Options#maxRetry}; later events wait behind it, so order is kept.
 *
 * <p>Webhooks are the first consumer; search indexing, notifications and cross-node fan-out are
 * meant to be others, each with its own name.
 */
public final class DurableConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableConsumer.class);

    /** Handles a batch of events, oldest first, inside the transaction that then moves the cursor. */
    @FunctionalInterface
    public interface Handler {
        void handle(Handle h, List<Event> batch);
    }

    /** Where a consumer that has never run starts. */
    public enum From {
        /** With the events appended after its first start (webhooks: no deliveries for the past). */
        NOW,
        /** With the first event ever recorded (an index built from the whole log). */
        BEGINNING
    }

    /** How much at once, how often to look without a wake-up, and how long to wait after a failure. */
    public record Options(int batchSize, Duration poll, Duration firstRetry, Duration maxRetry) {
        public static final Options DEFAULT = new Options(200, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofMinutes(1));

        public Options {
            if (batchSize < 1) throw new IllegalArgumentException("batchSize must be positive");
        }
    }

    private final String name;
    private final Jdbi jdbi;
    private final boolean lockCursor;
    private final ActivityLog log;
    private final From from;
    private final Options options;
    private final Handler handler;
    private final Semaphore signal = new Semaphore(1);
    private volatile boolean running;
    private Thread worker;

    public DurableConsumer(String name, Database database, ActivityLog log, From from, Options options, Handler handler) {
        this.name = name;
        this.jdbi = database.jdbi();
        this.lockCursor = database.vendor() == Database.Vendor.POSTGRESQL;
        this.log = log;
        this.from = from;
        this.options = options;
        this.handler = handler;
        log.onAppended(this::wake); // only a permit until start()
    }

    public String name() {
        return name;
    }

    /**
     * Creates the cursor row if this consumer has never run (so {@link From#NOW} means this start),
     * then follows the log on a virtual thread. Throws, having started nothing, when the database
     * cannot be reached.
     */
    public synchronized void start() {
        if (running) return;
        jdbi.useTransaction(this::cursor);
        running = true;
        worker = Thread.ofVirtual().name("hearth-consumer-" + name).start(this::run);
    }

    /** Asks for a look at the log now (called after each commit that appended). */
    void wake() {
        signal.release();
    }

    /** The event id this consumer has handled up to (its cursor), 0 before its first start. */
    public long position() {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_event_id FROM event_cursors WHERE name = :name")
                .bind("name", name).mapTo(Long.class).findOne().orElse(0L));
    }

    private void run() {
        int failures = 0;
        while (running) {
            try {
                if (failures == 0) {
                    signal.tryAcquire(options.poll().toMillis(), TimeUnit.MILLISECONDS);
                    signal.drainPermits();
                } else {
                    Thread.sleep(backoff(failures)); // a failing batch waits, whatever wakes us meanwhile
                }
                while (running && runOnce() > 0) {
                    failures = 0;
                }
                failures = 0;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failures++;
                LOG.warn("Consumer {} failed (attempt {}); retrying in {} ms: {}", name, failures,
                        backoff(failures).toMillis(), e.toString());
            }
        }
    }

    private Duration backoff(int failures) {
        Duration d = options.firstRetry().multipliedBy(1L << Math.min(failures - 1, 20));
        return d.compareTo(options.maxRetry()) > 0 ? options.maxRetry() : d;
    }

    /** One batch: read after the cursor, handle, move the cursor, commit. Returns how many events it took. */
    int runOnce() {
        return jdbi.inTransaction(h -> {
            long cursor = cursor(h);
            List<Event> events = log.after(h, cursor, options.batchSize());
            if (events.isEmpty()) return 0;
            handler.handle(h, events);
            h.createUpdate("UPDATE event_cursors SET last_event_id = :id WHERE name = :name")
                    .bind("id", events.getLast().id()).bind("name", name).execute();
            return events.size();
        });
    }

    /** The cursor, locked on PostgreSQL for the rest of the transaction; created at the start position if absent. */
    private long cursor(Handle h) {
        Optional<Long> found = readCursor(h);
        if (found.isPresent()) return found.get();
        long initial = from == From.NOW ? log.lastId(h) : 0;
        h.createUpdate("INSERT INTO event_cursors (name, last_event_id) VALUES (:name, :id) ON CONFLICT (name) DO NOTHING")
                .bind("name", name).bind("id", initial).execute();
        return readCursor(h).orElseThrow();
    }

    private Optional<Long> readCursor(Handle h) {
        return h.createQuery("SELECT last_event_id FROM event_cursors WHERE name = :name" + (lockCursor ? " FOR UPDATE" : ""))
                .bind("name", name).mapTo(Long.class).findOne();
    }

    /** Stops following; a batch under way is rolled back and handled again at the next start. */
    @Override
    public synchronized void close() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }
}
