package dev.hearth.events;

import dev.hearth.accounts.Principal;
import dev.hearth.activity.Activity;
import dev.hearth.activity.Event;
import dev.hearth.web.PublicUrl;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * One WebSocket client of the event stream: what it subscribed to, where its cursor is, and a
 * virtual thread that sends it what it may read. At most {@link #MAX_IN_FLIGHT} messages wait
 * for the network; past that the client is too slow and is closed with 1013, to resume later.
 *
 * <p>Before it sends an event it makes sure the credential it connected with still counts: not
 * past its expiry (the hub's clock), and, when the user's credentials changed since it last asked
 * (the hub says so, and so does the event itself when it meets one), asked again. When it no
 * longer counts, the socket is closed with 1008 instead.
 */
final class Subscriber {
    static final int MAX_IN_FLIGHT = 256;
    static final int CLOSE_POLICY = 1008;
    static final int CLOSE_TRY_AGAIN = 1013;

    /** The transport under a subscriber: a WebSocket session in production. */
    interface Connection {
        void send(String text, Runnable sent, Consumer<Throwable> failed);

        void close(int code, String reason);
    }

    private final EventHub hub;
    private final Connection connection;
    private final JsonMapper json;
    private final String base;
    private final Duration heartbeat;
    private final Set<Long> repos = ConcurrentHashMap.newKeySet();
    private final Set<Long> owners = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong pendingResume = new AtomicLong(-1);
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong credentialChanges = new AtomicLong();
    private long credentialChecked; // the value of credentialChanges last checked; only the sending thread
    private volatile Instant expiresAt;
    private volatile Principal principal;
    private volatile boolean open = true;
    private volatile long lastHeard = System.nanoTime();
    private long cursor;

    Subscriber(EventHub hub, Connection connection, JsonMapper json, String base, Duration heartbeat) {
        this.hub = hub;
        this.connection = connection;
        this.json = json;
        this.base = base;
        this.heartbeat = heartbeat;
    }

    boolean isAuthenticated() {
        return principal != null;
    }

    Principal principal() {
        return principal;
    }

    /** Starts live delivery from now on, as {@code principal}. */
    void start(Principal who) {
        this.expiresAt = who.credential().expiresAt().orElse(null);
        this.principal = who;
        this.cursor = hub.lastLoaded();
        hub.register(this);
        Thread.ofVirtual().name("hearth-events-" + who.login()).start(this::run);
        reply(Map.of("type", "welcome", "login", who.login(), "last_event_id", cursor));
    }

    void heard() {
        lastHeard = System.nanoTime();
    }

    void subscribeRepo(long id) {
        repos.add(id);
    }

    void unsubscribeRepo(long id) {
        repos.remove(id);
    }

    void subscribeOwner(long id) {
        owners.add(id);
    }

    void unsubscribeOwner(long id) {
        owners.remove(id);
    }

    /** Replays from just after {@code eventId}, then goes on live. */
    void resume(long eventId) {
        pendingResume.set(Math.max(0, eventId));
        wake();
    }

    void wake() {
        wake.release();
    }

    /** The user's credentials changed: ask again before sending anything more. */
    void credentialChanged() {
        credentialChanges.incrementAndGet();
        wake();
    }

    /** Called every tick by the hub: a credential past its expiry gets this subscriber closed. */
    void expireBy(Instant now) {
        Instant end = expiresAt;
        if (end != null && !now.isBefore(end)) credentialChanged();
    }

    void reply(Map<String, ?> message) {
        send(json.writeValueAsString(message));
    }

    void close(int code, String reason) {
        if (!open) return;
        open = false;
        hub.unregister(this);
        wake();
        connection.close(code, reason);
    }

    void closed() {
        open = false;
        hub.unregister(this);
        wake();
    }

    private void run() {
        long heartbeatNanos = heartbeat.toNanos();
        // Pings keep their own schedule: events waking the subscriber must not put them off.
        long nextPing = System.nanoTime() + heartbeatNanos;
        while (open) {
            try {
                long untilPing = nextPing - System.nanoTime();
                if (untilPing <= 0 || !wake.tryAcquire(untilPing, TimeUnit.NANOSECONDS)) {
                    nextPing = System.nanoTime() + heartbeatNanos;
                    if (System.nanoTime() - lastHeard > 3 * heartbeatNanos) {
                        close(1001, "no answer to pings");
                        return;
                    }
                    reply(Map.of("type", "ping"));
                    continue;
                }
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            if (!credentialHolds()) return;
            long resumeFrom = pendingResume.getAndSet(-1);
            if (resumeFrom >= 0) cursor = resumeFrom;
            deliver();
        }
    }

    /** Whether the credential still counts; closes the socket (1008) when it does not. */
    private boolean credentialHolds() {
        Instant end = expiresAt;
        boolean holds = end == null || hub.now().isBefore(end);
        long changes = credentialChanges.get();
        if (holds && changes != credentialChecked) {
            try {
                holds = hub.stillValid(principal);
            } catch (RuntimeException e) { // cannot tell (the database is away): send nothing, let it come back
                close(CLOSE_TRY_AGAIN, "cannot check your credentials now; reconnect and resume from your last event id");
                return false;
            }
            if (holds) credentialChecked = changes;
        }
        if (!holds) close(CLOSE_POLICY, "credential revoked or expired; authenticate again");
        return holds;
    }

    private void deliver() {
        Principal who = principal;
        for (List<Event> batch = hub.after(cursor, 256); open && !batch.isEmpty(); batch = hub.after(cursor, 256)) {
            for (Event e : batch) {
                if (!open) return;
                if (e.activity() instanceof Activity.CredentialChanged c && c.user().id() == who.userId()) {
                    credentialChanges.incrementAndGet(); // met before the hub's word, perhaps: ask now
                    if (!credentialHolds()) return;
                }
                if (wants(who, e.activity())) {
                    if (!credentialHolds()) return;
                    send(json.writeValueAsString(message(e)));
                }
                cursor = e.id();
            }
        }
    }

    /** Subscribed to and readable: a repository's events by its readers, a user's own events by that user alone. */
    private boolean wants(Principal who, Activity a) {
        return switch (a.subject()) {
            case Activity.Subject.Repo r -> (repos.contains(r.id()) || owners.contains(r.repo().ownerId()))
                    && hub.access().mayRead(who, r.repo());
            case Activity.Subject.User u -> u.id() == who.userId() && owners.contains(u.id());
            case Activity.Subject.Org o -> false; // no organisation events yet
        };
    }

    private Map<String, Object> message(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "event");
        m.put("id", e.id());
        m.put("event", EventPayloads.name(e.activity()));
        m.put("created_at", PublicUrl.seconds(e.createdAt()).toString());
        switch (e.activity().subject()) {
            case Activity.Subject.Repo r -> m.put("repository", r.repo().fullName());
            case Activity.Subject.User u -> m.put("user", u.login());
            case Activity.Subject.Org o -> m.put("organization", o.login());
        }
        m.put("payload", EventPayloads.payload(e, base));
        return m;
    }

    private void send(String text) {
        if (!open) return;
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            close(CLOSE_TRY_AGAIN, "too slow; reconnect and resume from your last event id");
            return;
        }
        connection.send(text, inFlight::decrementAndGet, failure -> closed());
    }
}
