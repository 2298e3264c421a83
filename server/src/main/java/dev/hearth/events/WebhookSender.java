package dev.hearth.events;

import dev.hearth.error.HearthException;
import dev.hearth.storage.SecretBox;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pending deliveries from the outbox: one shared HTTP client (pooled connections,
 * {@link #CONNECT_TIMEOUT} to connect, 10 s per request as GitHub allows, no redirects), at most
 * {@link #CONCURRENCY} at a time, each claimed with a lease so a crash or a second node never
 * loses or doubles one. A failure is retried after 5 s, 30 s, 2 min, 10 min and 45 min (with
 * jitter), then given up; every attempt is kept.
 *
 * <p>Receivers are kept from each other: at most {@link #PER_HOST} deliveries are in flight to
 * one host (host and port), and a host that gave no answer at all (a timeout, a refused
 * connection) is left alone for a while, from {@link #BACKOFF_MIN} doubling to
 * {@link #BACKOFF_MAX}, without using up its deliveries' attempts. The sender never waits for a
 * slot: what cannot be sent now stays pending for the next round, so one receiver that never
 * answers holds two slots, not all of them, and every other hook's delivery goes out at once.
 */
final class WebhookSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    static final int CONCURRENCY = 16;
    /** Deliveries in flight to one host: a slow receiver gets two, whatever the number of its hooks. */
    static final int PER_HOST = 2;
    /** Long enough for a receiver across the world, short enough that a dead one costs little. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration BACKOFF_MIN = Duration.ofSeconds(5);
    static final Duration BACKOFF_MAX = Duration.ofMinutes(5);
    /** Due deliveries looked at per round (one per hook): many more hooks than slots. */
    private static final int WINDOW = 500;
    static final List<Duration> RETRIES = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Duration.ofMinutes(45));
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int RESPONSE_HEAD = 512;

    private final Jdbi jdbi;
    private final SecretBox secrets;
    private final SsrfGuard guard;
    private final Clock clock;
    private final HookDao dao = new HookDao();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Semaphore slots = new Semaphore(CONCURRENCY);
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    /** Hosts that gave no answer: when they may be tried again, and the pause they were given. */
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();

    private record Backoff(Instant until, Duration pause) {}
    private final Semaphore signal = new Semaphore(1);
    private Thread worker;
    private volatile boolean running;

    WebhookSender(Jdbi jdbi, SecretBox secrets, SsrfGuard guard, Clock clock) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.guard = guard;
        this.clock = clock;
    }

    /** Starts sending on a virtual thread. */
    synchronized void start() {
        if (running) return;
        running = true;
        worker = Thread.ofVirtual().name("hearth-webhook-sender").start(this::run);
    }

    void wake() {
        signal.release();
    }

    private void run() {
        boolean backlog = false;
        while (running) {
            try {
                if (!backlog) {
                    signal.tryAcquire(1, TimeUnit.SECONDS); // retries come due without a wake-up
                    signal.drainPermits();
                }
                Instant now = clock.instant();
                // Claimed together, in one write transaction: on SQLite, one writer lock per round
                // rather than per delivery. Each claimed delivery has its slot already, so it is
                // sent at once, well within its lease.
                List<HookDao.Due> taken = new ArrayList<>();
                List<HookDao.Due> claimed;
                try {
                    claimed = claim(taken, now);
                } catch (RuntimeException e) { // rolled back: nothing was claimed, give the slots back
                    taken.forEach(due -> {
                        releaseHost(host(due.url()));
                        slots.release();
                    });
                    throw e;
                }
                backlog = !claimed.isEmpty(); // more of the same hooks may be due: look again at once
                for (HookDao.Due due : claimed) {
                    String host = host(due.url());
                    Thread.ofVirtual().start(() -> {
                        try {
                            attempt(due.delivery(), host);
                        } finally {
                            releaseHost(host);
                            slots.release();
                            signal.release(); // a slot is free: what waited for it may go now
                        }
                    });
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                backlog = false; // wait a tick before trying again
                LOG.warn("Webhook sender failed; retrying: {}", e.toString());
            }
        }
    }

    /** Claims what may go now (a slot free, its host under its cap and not paused), adding each to {@code taken}. */
    private List<HookDao.Due> claim(List<HookDao.Due> taken, Instant now) {
        return jdbi.inTransaction(h -> {
            for (HookDao.Due due : dao.duePerHook(h, now, WINDOW)) {
                String host = host(due.url());
                if (coolingDown(host, now) || !slots.tryAcquire()) continue;
                if (!takeHost(host)) {
                    slots.release();
                    continue;
                }
                if (dao.claim(h, due.delivery().id(), now, now.plus(LEASE))) {
                    taken.add(due);
                } else {
                    releaseHost(host);
                    slots.release();
                }
            }
            return taken;
        });
    }

    /** Where a hook's deliveries go, as receivers are told apart: host and port. */
    static String host(String url) {
        try {
            URI uri = URI.create(url);
            return (uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT)) + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private boolean coolingDown(String host, Instant now) {
        Backoff b = backoffs.get(host);
        return b != null && now.isBefore(b.until());
    }

    private boolean takeHost(String host) {
        boolean[] taken = {false};
        inFlight.compute(host, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= PER_HOST) return n;
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void releaseHost(String host) {
        inFlight.computeIfPresent(host, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** The host answered (whatever it said): no pause. It did not: a pause twice the last, within bounds. */
    private void heardFrom(String host, boolean answered) {
        if (answered) {
            backoffs.remove(host);
            return;
        }
        backoffs.compute(host, (k, b) -> {
            Duration pause = b == null ? BACKOFF_MIN : b.pause().multipliedBy(2);
            if (pause.compareTo(BACKOFF_MAX) > 0) pause = BACKOFF_MAX;
            return new Backoff(clock.instant().plus(pause), pause);
        });
    }

    private void attempt(Delivery d, String host) {
        Optional<Hook> hook = jdbi.withHandle(h -> dao.hookById(h, d.hookId()));
        if (hook.isEmpty()) return; // deleted meanwhile; its deliveries went with it
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Integer code = null;
        String error = null;
        String head = null;
        try {
            guard.check(hook.get().url());
            HttpResponse<InputStream> response = http.send(request(hook.get(), d, started), HttpResponse.BodyHandlers.ofInputStream());
            code = response.statusCode();
            try (InputStream body = response.body()) {
                head = new String(body.readNBytes(RESPONSE_HEAD), StandardCharsets.UTF_8);
            }
        } catch (HearthException e) {
            error = "refused: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (error == null || code != null) heardFrom(host, true);
        else if (!error.startsWith("refused: ") && !error.equals("interrupted")) heardFrom(host, false);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        boolean ok = code != null && code >= 200 && code < 300;
        int attemptsSoFar = d.attempts() + 1;
        String status = ok ? Delivery.DELIVERED : attemptsSoFar > RETRIES.size() ? Delivery.FAILED : Delivery.PENDING;
        Instant next = status.equals(Delivery.PENDING) ? clock.instant().plus(jitter(RETRIES.get(attemptsSoFar - 1))) : null;
        Integer finalCode = code;
        String finalError = error;
        String finalHead = head;
        try {
            jdbi.useTransaction(h -> dao.recordAttempt(h, d.id(), started, finalCode, millis, finalError, finalHead, status, next));
        } catch (RuntimeException e) {
            if (running) throw e;
            return; // stopping: the lease runs out and the delivery is attempted again after the restart
        }
        LOG.info("Webhook delivery {} ({} to hook {}) attempt {}: {} in {} ms{}", d.guid(), d.event(), d.hookId(), attemptsSoFar,
                code == null ? "no response" : code, millis, error == null ? "" : " (" + error + ")");
    }

    private HttpRequest request(Hook hook, Delivery d, Instant now) {
        byte[] body = hook.contentType().equals("json")
                ? d.payload().getBytes(StandardCharsets.UTF_8)
                : ("payload=" + URLEncoder.encode(d.payload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        long timestamp = now.getEpochSecond();
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(hook.url()))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", hook.contentType().equals("json") ? "application/json" : "application/x-www-form-urlencoded")
                .header("User-Agent", "Hearth-Hookshot/1")
                .header("X-GitHub-Event", d.event())
                .header("X-GitHub-Delivery", d.guid())
                .header("X-GitHub-Hook-ID", Long.toString(hook.id()))
                .header("X-Hearth-Event", d.event())
                .header("webhook-id", d.guid())
                .header("webhook-timestamp", Long.toString(timestamp));
        if (hook.sealedSecret() != null) {
            String secret = secrets.open(hook.sealedSecret());
            r.header("X-Hub-Signature-256", WebhookSignatures.github(secret, body));
            r.header("webhook-signature", WebhookSignatures.standard(secret, d.guid(), timestamp, body));
        }
        return r.build();
    }

    private static Duration jitter(Duration base) {
        double factor = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (base.toMillis() * factor));
    }

    @Override
    public synchronized void close() {
        running = false;
        if (worker != null) worker.interrupt();
        worker = null;
    }
}
