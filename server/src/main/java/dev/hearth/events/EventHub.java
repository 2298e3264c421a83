package dev.hearth.events;

import dev.hearth.activity.ActivityLog;
import dev.hearth.activity.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live side of the event stream. One dispatcher follows the events table (woken after each
 * commit that appended), keeps the newest events in a ring, updates {@link ReadAccess}, and wakes
 * the subscribers; each subscriber then reads from its own cursor, so a slow one never holds up
 * the others and a resumed one replays from the table without gaps or duplicates.
 */
public final class EventHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    static final int RING = 4096;

    private final ActivityLog log;
    private final ReadAccess access;
    private final ConcurrentSkipListMap<Long, Event> ring = new ConcurrentSkipListMap<>();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Semaphore signal = new Semaphore(0);
    private volatile long lastLoaded;
    private volatile boolean running = true;
    private final Thread dispatcher;

    EventHub(ActivityLog log, ReadAccess access) {
        this.log = log;
        this.access = access;
        this.lastLoaded = log.lastId();
        log.onAppended(signal::release);
        this.dispatcher = Thread.ofVirtual().name("hearth-event-hub").start(this::dispatch);
    }

    public EventHub(ActivityLog log, dev.hearth.repos.RepoService repos) {
        this(log, new ReadAccess(repos));
    }

    private void dispatch() {
        while (running) {
            try {
                signal.acquire();
                signal.drainPermits();
                for (List<Event> batch = log.after(lastLoaded, 1000); !batch.isEmpty(); batch = log.after(lastLoaded, 1000)) {
                    for (Event e : batch) {
                        access.apply(e.activity());
                        ring.put(e.id(), e);
                        lastLoaded = e.id();
                    }
                    while (ring.size() > RING) ring.pollFirstEntry();
                }
                subscribers.forEach(Subscriber::wake);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Event dispatch failed; retrying on the next event: {}", e.toString());
            }
        }
    }

    /** The newest event id the hub has taken in. */
    long lastLoaded() {
        return lastLoaded;
    }

    ReadAccess access() {
        return access;
    }

    /** Events after {@code cursor} that the hub has taken in, oldest first: from the ring, or the table when older. */
    List<Event> after(long cursor, int limit) {
        long upTo = lastLoaded;
        Map.Entry<Long, Event> first = ring.firstEntry();
        if (first != null && cursor >= first.getKey() - 1) {
            List<Event> out = new ArrayList<>();
            for (Event e : ring.tailMap(cursor, false).values()) {
                if (e.id() > upTo || out.size() >= limit) break;
                out.add(e);
            }
            return out;
        }
        return log.after(cursor, limit).stream().filter(e -> e.id() <= upTo).toList();
    }

    void register(Subscriber s) {
        subscribers.add(s);
    }

    void unregister(Subscriber s) {
        subscribers.remove(s);
    }

    @Override
    public void close() {
        running = false;
        dispatcher.interrupt();
        subscribers.forEach(s -> s.close(1001, "server shutting down"));
    }
}
