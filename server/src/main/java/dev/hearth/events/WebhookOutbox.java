package dev.hearth.events;

import dev.hearth.activity.ActivityLog;
import dev.hearth.activity.Event;
import dev.hearth.storage.Database;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns events into webhook deliveries: follows the events table from a cursor kept in the
 * database and, in one transaction, writes a delivery row for every hook that wants the event
 * and moves the cursor. A crash between two batches repeats nothing and loses nothing; on
 * PostgreSQL the cursor row's lock lets one node at a time do it.
 */
final class WebhookOutbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookOutbox.class);
    static final String CURSOR = "webhooks";

    private final Jdbi jdbi;
    private final boolean lockCursor;
    private final ActivityLog log;
    private final Supplier<String> baseUrl;
    private final JsonMapper json;
    private final Clock clock;
    private final Runnable wakeSender;
    private final HookDao dao = new HookDao();
    private final Semaphore signal = new Semaphore(1);
    private final Thread worker;
    private volatile boolean running = true;

    WebhookOutbox(Database database, ActivityLog log, Supplier<String> baseUrl, JsonMapper json, Clock clock, Runnable wakeSender) {
        this.jdbi = database.jdbi();
        this.lockCursor = database.vendor() == Database.Vendor.POSTGRESQL;
        this.log = log;
        this.baseUrl = baseUrl;
        this.json = json;
        this.clock = clock;
        this.wakeSender = wakeSender;
        log.onAppended(signal::release);
        this.worker = Thread.ofVirtual().name("hearth-webhook-outbox").start(this::run);
    }

    private void run() {
        while (running) {
            try {
                signal.tryAcquire(5, TimeUnit.SECONDS); // also picks up other nodes' events
                signal.drainPermits();
                while (running && enqueueBatch() > 0) {
                    wakeSender.run();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Webhook outbox failed; retrying: {}", e.toString());
            }
        }
    }

    /** One batch of events into deliveries; returns how many events it took. */
    int enqueueBatch() {
        return jdbi.inTransaction(h -> {
            long cursor = dao.cursor(h, CURSOR, log.lastId(), lockCursor);
            List<Event> events = log.after(cursor, 200);
            for (Event e : events) {
                String name = EventPayloads.name(e.activity());
                String payload = null;
                for (Hook hook : dao.hooks(h, e.activity().repo().id(), Integer.MAX_VALUE, 0)) {
                    if (!hook.wants(name)) continue;
                    if (payload == null) payload = json.writeValueAsString(EventPayloads.payload(e, baseUrl.get()));
                    dao.insertDelivery(h, hook.id(), hook.repoId(), UUID.randomUUID().toString(), name,
                            EventPayloads.action(e.activity()), payload, false, clock.instant());
                }
            }
            if (!events.isEmpty()) dao.moveCursor(h, CURSOR, events.getLast().id());
            return events.size();
        });
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
    }
}
