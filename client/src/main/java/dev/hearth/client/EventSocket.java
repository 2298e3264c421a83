package dev.hearth.client;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One subscription over a succession of WebSocket connections. Each connection authenticates at
 * the upgrade, subscribes, and asks to resume after the last event id it knows (the server's
 * cursor from its first {@code welcome}, then the last event delivered), so nothing recorded
 * while disconnected is missed; events at or below that id are dropped, so none is seen twice.
 * A close for bad credentials (1008) ends the subscription, unless the credential can be renewed
 * once; any other drop reconnects after an exponential backoff.
 */
final class EventSocket implements Subscription {
    private static final int POLICY = 1008;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    private final Transport t;
    private final String repo;
    private final EventListener listener;
    private final Sleeper sleeper;
    private final Duration maxBackoff;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final CompletableFuture<Void> firstSubscribed = new CompletableFuture<>();
    private volatile long lastId;
    private volatile boolean closing;
    private volatile Connection current;
    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

    EventSocket(Transport t, String repo, long afterId, EventListener listener, Sleeper sleeper, Duration maxBackoff) {
        this.t = t;
        this.repo = repo;
        this.listener = listener;
        this.sleeper = sleeper;
        this.maxBackoff = maxBackoff;
        this.lastId = afterId;
    }

    /** Connects and waits until the server confirms the subscription. */
    void start() {
        connect(false);
        try {
            firstSubscribed.get(t.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            closing = true;
            if (e.getCause() instanceof HearthClientException h) throw h;
            throw new ConnectionFailedException("could not subscribe: " + e.getCause(), new java.io.IOException(e.getCause()));
        } catch (TimeoutException | InterruptedException e) {
            close();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new ConnectionFailedException("no answer to the subscription within " + t.requestTimeout(),
                    new java.io.IOException(e));
        }
    }

    @Override
    public long lastEventId() {
        return Math.max(0, lastId);
    }

    @Override
    public CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public void close() {
        closing = true;
        Connection c = current;
        if (c != null) c.close();
        done.complete(null);
    }

    private URI uri() {
        URI base = t.resolve("/api/v3/events");
        String scheme = base.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + base.toString().substring(base.getScheme().length()));
    }

    private void connect(boolean renewed) {
        Optional<String> authorization;
        try {
            authorization = t.auth().authorization(t);
        } catch (HearthClientException e) {
            fail(e);
            return;
        }
        Connection c = new Connection(authorization.orElse(null), renewed);
        current = c;
        WebSocket.Builder builder = t.http().newWebSocketBuilder().connectTimeout(t.requestTimeout());
        authorization.ifPresent(a -> builder.header("Authorization", a));
        builder.buildAsync(uri(), c).whenComplete((ws, error) -> {
            if (error != null) c.dropped("could not connect: " + rootMessage(error));
        });
    }

    private void fail(HearthClientException error) {
        closing = true;
        firstSubscribed.completeExceptionally(error);
        if (done.completeExceptionally(error)) listener.onError(error);
    }

    private void reconnectLater(String reason) {
        if (closing) return;
        if (!firstSubscribed.isDone()) {
            fail(new ConnectionFailedException("event stream: " + reason, new java.io.IOException(reason)));
            return;
        }
        listener.onReconnecting(reason);
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(failures.getAndIncrement(), 16));
        Duration delay = wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        Thread.ofVirtual().name("hearth-events-reconnect").start(() -> {
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            if (!closing) connect(false);
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** One WebSocket connection; callbacks of a connection that is no longer current are ignored. */
    private final class Connection implements WebSocket.Listener {
        private final String authorization;
        private final boolean renewed;
        private final AtomicBoolean over = new AtomicBoolean();
        private final StringBuilder partial = new StringBuilder();
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
        private WebSocket ws;
        private boolean subscribed;

        Connection(String authorization, boolean renewed) {
            this.authorization = authorization;
            this.renewed = renewed;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            if (closing) {
                close();
                return;
            }
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    handle(t.json().readTree(text));
                } catch (JacksonException e) {
                    // not for this client; the stream goes on
                }
            }
            webSocket.request(1);
            return null;
        }

        private void handle(JsonNode m) {
            if (current != this || closing) return;
            String type = m.path("type").asString("");
            switch (type) {
                case "welcome" -> {
                    if (lastId < 0) lastId = m.path("last_event_id").asLong(0);
                    send(Map.of("type", "subscribe", "repo", repo));
                }
                case "subscribed" -> {
                    subscribed = true;
                    failures.set(0);
                    send(Map.of("type", "resume", "after", lastId));
                    firstSubscribed.complete(null);
                }
                case "event" -> {
                    long id = m.path("id").asLong();
                    if (id <= lastId) return;
                    lastId = id;
                    HearthEvent event = new HearthEvent(id, m.path("event").asString(null),
                            java.time.Instant.parse(m.path("created_at").asString()), m.path("repository").asString(null),
                            m.get("payload"));
                    try {
                        listener.onEvent(event);
                    } catch (RuntimeException e) {
                        // a failing listener must not end the subscription; the next event still comes
                    }
                }
                case "ping" -> send(Map.of("type", "pong"));
                case "error" -> {
                    if (!subscribed) {
                        over.set(true);
                        close();
                        fail(new EventStreamException("subscription refused: " + m.path("message").asString(""), 0));
                    }
                }
                default -> { }
            }
        }

        private synchronized void send(Map<String, ?> message) {
            String text = t.json().writeValueAsString(message);
            WebSocket socket = ws;
            sending = sending.handle((x, e) -> null).thenCompose(x -> socket.sendText(text, true));
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (current != this || closing) return null;
            if (statusCode == POLICY) {
                if (!over.compareAndSet(false, true)) return null;
                if (!renewed && t.auth().renew(authorization)) {
                    connect(true);
                } else {
                    fail(new EventStreamException("the server refused the credentials: " + reason, statusCode));
                }
                return null;
            }
            dropped("closed by the server (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            dropped(rootMessage(error));
        }

        void dropped(String reason) {
            if (current != this || !over.compareAndSet(false, true)) return;
            reconnectLater(reason);
        }

        void close() {
            WebSocket socket = ws;
            if (socket == null) return;
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .whenComplete((x, e) -> socket.abort());
        }
    }
}
