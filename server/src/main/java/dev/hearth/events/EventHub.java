package dev.hearth.events;

import dev.hearth.accounts.CredentialCheck;
import dev.hearth.accounts.Principal;
import dev.hearth.activity.Activity;
import dev.hearth.activity.ActivityLog;
import dev.hearth.activity.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live side of the event stream. One dispatcher follows the events table (woken after each
 * commit that appended, and every {@link #TICK} for what other processes appended), keeps the
 * newest events in a ring, updates {@link ReadAccess}, and wakes the subscribers; each subscriber
 * then reads from its own cursor, so a slow one never holds up the others and a resumed one
 * replays from the table without gaps or duplicates.
 *
 * <p>Subscribers are held to the credential they connected with: an event that ends credentials
 * of a user ({@link Activity.CredentialChanged}) makes that user's subscribers ask
 * {@link CredentialCheck} again at once, before the hub takes in any later event, and each tick
 * compares credential expiry times with the clock, so a revoked or expired credential's socket is
 * closed (1008) within a second, with nothing sent after the change.
 */
public final class EventHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    static final int RING = 4096;
    static final Duration TICK = Duration.ofSeconds(1);

    private final ActivityLog log;
    private final ReadAccess access;
    private final Predicate<Principal> credentials;
    private final Clock clock;
    private final ConcurrentSkipListMap<Long, Event> ring = new ConcurrentSkipListMap<>();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Semaphore signal = new Semaphore(0);
    private volatile long lastLoaded;
    private volatile boolean running;
    private Thread dispatcher;

    EventHub(ActivityLog log, ReadAccess access, Predicate<Principal> credentials, Clock clock) {
        this.log = log;
        this.access = access;
        this.credentials = credentials;
        this.clock = clock;
        log.onAppended(signal::release); // only a permit until start()
    }

    /** A hub for tests of the transport: every credential counts. */
    EventHub(ActivityLog log, ReadAccess access) {
        this(log, access, p -> true, Clock.systemUTC());
    }

    public EventHub(ActivityLog log, dev.hearth.repos.RepoService repos, CredentialCheck credentials) {
        this(log, new ReadAccess(repos), credentials::stillValid, credentials.clock());
    }

    /** Starts following the log from its newest event, on a virtual thread. */
    public synchronized void start() {
        if (running) return;
        lastLoaded = log.lastId();
        running = true;
        dispatcher = Thread.ofVirtual().name("hearth-event-hub").start(this::dispatch);
    }

    private void dispatch() {
        while (running) {
            try {
                signal.tryAcquire(TICK.toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
                boolean loaded = false;
                for (List<Event> batch = log.after(lastLoaded, 1000); !batch.isEmpty(); batch = log.after(lastLoaded, 1000)) {
                    for (Event e : batch) {
                        access.apply(e.activity());
                        if (e.activity() instanceof Activity.CredentialChanged c) credentialsChanged(c.user().id());
                        ring.put(e.id(), e);
                        lastLoaded = e.id();
                    }
                    while (ring.size() > RING) ring.pollFirstEntry();
                    loaded = true;
                }
                if (loaded) subscribers.forEach(Subscriber::wake);
                Instant now = clock.instant();
                subscribers.forEach(s -> s.expireBy(now));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Event dispatch failed; retrying on the next event: {}", e.toString());
            }
        }
    }

    /** Makes every subscriber of the user check its credential again before it sends anything more. */
    private void credentialsChanged(long userId) {
        for (Subscriber s : subscribers) {
            if (s.principal() != null && s.principal().userId() == userId) s.credentialChanged();
        }
    }

    /** The newest event id the hub has taken in. */
    long lastLoaded() {
        return lastLoaded;
    }

    ReadAccess access() {
        return access;
    }

    /** Whether the credential behind {@code p} still counts (asks the database). */
    boolean stillValid(Principal p) {
        return credentials.test(p);
    }

    Instant now() {
        return clock.instant();
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
    public synchronized void close() {
        running = false;
        if (dispatcher != null) dispatcher.interrupt();
        dispatcher = null;
        subscribers.forEach(s -> s.close(1001, "server shutting down"));
    }
}
