package dev.hearth.events;

import dev.hearth.accounts.AccountService;
import dev.hearth.accounts.Principal;
import dev.hearth.error.HearthException;
import dev.hearth.repos.RepoService;
import dev.hearth.web.Authentication;
import dev.hearth.web.Credentials;
import dev.hearth.web.PublicUrl;
import dev.hearth.web.Routes;
import dev.hearth.web.SessionReader;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.Callback;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v3/events}: the live, permission-filtered, resumable event stream over
 * WebSocket. The client authenticates at the upgrade ({@code Authorization}) or with a first
 * {@code {"type":"auth","token":...}} within the auth timeout; otherwise the socket closes 1008.
 * A web page of Hearth's own may instead bring its session cookie to the upgrade.
 */
public final class EventRoutes implements Routes {
    private final EventHub hub;
    private final RepoService repos;
    private final AccountService accounts;
    private final Authentication<Principal> auth;
    private final SessionReader<Principal> browserSessions;
    private final JsonMapper json;
    private final PublicUrl publicUrl;
    private final Duration authTimeout;
    private final Duration heartbeat;
    private final Map<String, Subscriber> sessions = new ConcurrentHashMap<>();

    public EventRoutes(EventHub hub, RepoService repos, AccountService accounts, Authentication<Principal> auth,
                       SessionReader<Principal> browserSessions, JsonMapper json, PublicUrl publicUrl,
                       Duration authTimeout, Duration heartbeat) {
        this.browserSessions = browserSessions;
        this.hub = hub;
        this.repos = repos;
        this.accounts = accounts;
        this.auth = auth;
        this.json = json;
        this.publicUrl = publicUrl;
        this.authTimeout = authTimeout;
        this.heartbeat = heartbeat;
    }

    /** What a client may send. */
    record ClientMessage(String type, String repo, String user, Long after, String token) {}

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.ws("/api/v3/events", ws -> {
            ws.onConnect(this::connect);
            ws.onMessage(ctx -> {
                Subscriber s = sessions.get(ctx.sessionId());
                if (s != null) handle(s, ctx.message());
            });
            ws.onClose(ctx -> Optional.ofNullable(sessions.remove(ctx.sessionId())).ifPresent(Subscriber::closed));
            ws.onError(ctx -> Optional.ofNullable(sessions.remove(ctx.sessionId())).ifPresent(Subscriber::closed));
        });
    }

    private void connect(WsContext ctx) {
        String base = publicUrl.configured().isEmpty() ? "http://" + ctx.host() : publicUrl.configured();
        Subscriber s = new Subscriber(hub, connection(ctx), json, base, heartbeat);
        sessions.put(ctx.sessionId(), s);
        Optional<Principal> who;
        try {
            who = auth.authenticate(ctx.header("Authorization"));
        } catch (HearthException e) {
            s.close(Subscriber.CLOSE_POLICY, "bad credentials");
            return;
        }
        // A web page cannot set headers on a WebSocket; it brings its session cookie, which
        // counts only from a page of this site (the reader checks Origin).
        if (who.isEmpty()) who = browserSessions.read(ctx::header);
        if (who.isPresent()) {
            s.start(who.get());
            return;
        }
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(authTimeout);
            } catch (InterruptedException e) {
                return;
            }
            if (!s.isAuthenticated()) s.close(Subscriber.CLOSE_POLICY, "authentication required");
        });
    }

    private static Subscriber.Connection connection(WsContext ctx) {
        return new Subscriber.Connection() {
            @Override
            public void send(String text, Runnable sent, java.util.function.Consumer<Throwable> failed) {
                ctx.session.sendText(text, Callback.from(sent, failed));
            }

            @Override
            public void close(int code, String reason) {
                ctx.closeSession(code, reason);
            }
        };
    }

    private void handle(Subscriber s, String text) {
        s.heard();
        ClientMessage m;
        try {
            m = json.readValue(text, ClientMessage.class);
        } catch (JacksonException e) {
            s.reply(Map.of("type", "error", "message", "messages are JSON objects with a known 'type'"));
            return;
        }
        String type = m.type() == null ? "" : m.type();
        if (!s.isAuthenticated()) {
            if (!type.equals("auth") || m.token() == null) {
                s.close(Subscriber.CLOSE_POLICY, "authenticate first: {\"type\":\"auth\",\"token\":\"...\"}");
                return;
            }
            try {
                s.start(auth.authenticate(new Credentials.Token(m.token())));
            } catch (HearthException e) {
                s.close(Subscriber.CLOSE_POLICY, "bad credentials");
            }
            return;
        }
        switch (type) {
            case "ping" -> s.reply(Map.of("type", "pong"));
            case "pong" -> { }
            case "subscribe", "unsubscribe" -> subscription(s, m, type.equals("subscribe"));
            case "resume" -> {
                if (m.after() == null) s.reply(Map.of("type", "error", "message", "resume needs 'after', an event id"));
                else s.resume(m.after());
            }
            default -> s.reply(Map.of("type", "error", "message", "unknown message type '" + type + "'"));
        }
    }

    private void subscription(Subscriber s, ClientMessage m, boolean add) {
        if (m.repo() != null) {
            String[] parts = m.repo().split("/", 2);
            Optional<RepoService.Access> access = parts.length == 2
                    ? repos.lookup(Optional.of(s.principal()), parts[0], parts[1]) : Optional.empty();
            if (access.isEmpty()) {
                s.reply(Map.of("type", "error", "message", "no repository " + m.repo() + " that you can read"));
                return;
            }
            long id = access.get().repo().id();
            if (add) s.subscribeRepo(id);
            else s.unsubscribeRepo(id);
            s.reply(Map.of("type", add ? "subscribed" : "unsubscribed", "repo", access.get().repo().fullName()));
        } else if (m.user() != null) {
            var user = accounts.find(m.user());
            if (user.isEmpty()) {
                s.reply(Map.of("type", "error", "message", "no user " + m.user()));
                return;
            }
            if (add) s.subscribeOwner(user.get().id());
            else s.unsubscribeOwner(user.get().id());
            s.reply(Map.of("type", add ? "subscribed" : "unsubscribed", "user", user.get().login()));
        } else {
            s.reply(Map.of("type", "error", "message", "say which: {\"repo\":\"owner/name\"} or {\"user\":\"login\"}"));
        }
    }
}
