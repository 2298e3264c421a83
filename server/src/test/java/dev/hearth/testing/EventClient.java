package dev.hearth.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A WebSocket client of {@code /api/v3/events} for tests: messages arrive in a queue, waits are bounded. */
public final class EventClient implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private EventClient(String baseUrl, java.util.Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(URI.create(baseUrl.replace("http://", "ws://") + "/api/v3/events"), new Listener())
                .orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** Connects, authenticating at the upgrade when {@code authorization} is given. */
    public static EventClient connect(String baseUrl, String authorization) {
        return new EventClient(baseUrl, authorization == null ? java.util.Map.of() : java.util.Map.of("Authorization", authorization));
    }

    /** Connects with the given upgrade headers (a browser's Cookie and Origin, say). */
    public static EventClient connectWith(String baseUrl, java.util.Map<String, String> headers) {
        return new EventClient(baseUrl, headers);
    }

    public void send(String json) {
        socket.sendText(json, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The next message, waiting at most 20 seconds. */
    public JsonNode next() {
        try {
            JsonNode m = messages.poll(20, TimeUnit.SECONDS);
            if (m == null) throw new AssertionError("no message within 20 s");
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next message of a type, skipping server pings. */
    public JsonNode next(String type) {
        for (;;) {
            JsonNode m = next();
            if (m.get("type").asString().equals(type)) return m;
            if (!m.get("type").asString().equals("ping")) throw new AssertionError("expected " + type + " but got " + m);
        }
    }

    /** The close code the server sent, waiting at most 20 seconds. */
    public int closeCode() {
        return closeCode.orTimeout(20, TimeUnit.SECONDS).join();
    }

    public boolean hasPending() {
        return !messages.isEmpty();
    }

    /** The messages received and not yet taken, taken now (after {@link #closeCode()}: all that came before the close). */
    public java.util.List<JsonNode> remaining() {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        messages.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
