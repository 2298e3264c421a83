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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pending deliveries from the outbox: one shared HTTP client (pooled connections, 5 s to
 * connect, 10 s per request, no redirects), at most {@link #CONCURRENCY} at a time, each claimed
 * with a lease so a crash or a second node never loses or doubles one. A failure is retried
 * after 5 s, 30 s, 2 min, 10 min and 45 min (with jitter), then given up; every attempt is kept.
 */
final class WebhookSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    static final int CONCURRENCY = 8;
    /** Deliveries claimed at once: at most two rounds of slots, each attempt at most 10 s, within the lease. */
    private static final int BATCH = 2 * CONCURRENCY;
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
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Semaphore slots = new Semaphore(CONCURRENCY);
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
                // Claimed together, in one write transaction: on SQLite, one writer lock per batch
                // rather than per delivery. A batch is small enough to be sent well within its lease.
                List<Delivery> claimed = jdbi.inTransaction(h -> dao.due(h, now, BATCH).stream()
                        .filter(d -> dao.claim(h, d.id(), now, now.plus(LEASE))).toList());
                backlog = claimed.size() == BATCH; // a full batch: more may be due, go on at once
                for (Delivery d : claimed) {
                    slots.acquire();
                    Thread.ofVirtual().start(() -> {
                        try {
                            attempt(d);
                        } finally {
                            slots.release();
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

    private void attempt(Delivery d) {
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
        long millis = (System.nanoTime() - t0) / 1_000_000;
        boolean ok = code != null && code >= 200 && code < 300;
        int attemptsSoFar = d.attempts() + 1;
        String status = ok ? Delivery.DELIVERED : attemptsSoFar > RETRIES.size() ? Delivery.FAILED : Delivery.PENDING;
        Instant next = status.equals(Delivery.PENDING) ? clock.instant().plus(jitter(RETRIES.get(attemptsSoFar - 1))) : null;
        Integer finalCode = code;
        String finalError = error;
        String finalHead = head;
        jdbi.useTransaction(h -> dao.recordAttempt(h, d.id(), started, finalCode, millis, finalError, finalHead, status, next));
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
