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
import io.javalin.http.Context;
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
    private final Map<String, Open> sessions = new ConcurrentHashMap<>();
    private final SocketCaps caps;

    /** Attribute of the upgrade request: the address its caps were checked for. */
    private static final String ADDRESS = "hearth.events.address";
    /** The largest message a client may send: its messages are a few short fields. */
    static final long MAX_MESSAGE = 16 * 1024;

    /** An open socket: its subscriber, and what it counts against (the user once it is known). */
    private record Open(Subscriber subscriber, String address, java.util.concurrent.atomic.AtomicLong user) {}

    /**
     * {@code heartbeat}: the ping interval; at most {@code perUser} sockets per user and
     * {@code perAddress} per address are open at once, more are refused at the upgrade (429).
     */
    public EventRoutes(EventHub hub, RepoService repos, AccountService accounts, Authentication<Principal> auth,
                       SessionReader<Principal> browserSessions, JsonMapper json, PublicUrl publicUrl,
                       Duration authTimeout, Duration heartbeat, int perUser, int perAddress) {
        this.caps = new SocketCaps(perUser, perAddress);
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
        r.wsBeforeUpgrade("/api/v3/events", this::beforeUpgrade);
        r.ws("/api/v3/events", ws -> {
            ws.onConnect(this::connect);
            ws.onMessage(ctx -> {
                Open o = sessions.get(ctx.sessionId());
                if (o != null) handle(o, ctx.message());
            });
            ws.onClose(ctx -> release(ctx.sessionId()));
            ws.onError(ctx -> release(ctx.sessionId()));
        });
    }

    /** Refuses the upgrade (429) for an address, or a user it can tell from the credentials, at its cap. */
    private void beforeUpgrade(Context ctx) {
        String address = ctx.ip();
        ctx.attribute(ADDRESS, address);
        if (caps.addressFull(address)) {
            throw HearthException.tooManyRequests("at most " + caps.perAddress()
                    + " event sockets may be open from one address; close some first", Duration.ofSeconds(30));
        }
        Optional<Principal> who;
        try {
            who = auth.authenticate(ctx.header("Authorization"));
            if (who.isEmpty()) who = browserSessions.read(ctx::header);
        } catch (HearthException e) {
            return; // bad credentials: the socket is closed 1008 once open, as before
        }
        if (who.isPresent() && caps.userFull(who.get().userId())) {
            throw HearthException.tooManyRequests("at most " + caps.perUser()
                    + " event sockets may be open for one user; close some first", Duration.ofSeconds(30));
        }
    }

    /** The socket closed: nothing of it is kept, and it no longer counts against its address and user. */
    private void release(String sessionId) {
        Open o = sessions.remove(sessionId);
        if (o == null) return;
        o.subscriber().closed();
        caps.releaseAddress(o.address());
        long user = o.user().get();
        if (user >= 0) caps.releaseUser(user);
    }

    private void connect(WsContext ctx) {
        String base = publicUrl.configured().isEmpty() ? "http://" + ctx.host() : publicUrl.configured();
        // Pings come every heartbeat and a socket that answers none of three is closed; Jetty's
        // own idle timeout must not come first.
        ctx.session.setIdleTimeout(heartbeat.multipliedBy(4));
        ctx.session.setMaxTextMessageSize(MAX_MESSAGE);
        ctx.session.setMaxBinaryMessageSize(MAX_MESSAGE);
        Subscriber s = new Subscriber(hub, connection(ctx), json, base, heartbeat);
        String address = ctx.attribute(ADDRESS);
        if (address == null) address = String.valueOf(ctx.session.getRemoteSocketAddress());
        if (!caps.takeAddress(address)) { // several upgrades raced past the check
            ctx.closeSession(Subscriber.CLOSE_POLICY, "too many event sockets from this address");
            return;
        }
        Open open = new Open(s, address, new java.util.concurrent.atomic.AtomicLong(-1));
        sessions.put(ctx.sessionId(), open);
        Optional<Principal> who;
        try {
            who = fromAddress(address, () -> auth.authenticate(ctx.header("Authorization")));
        } catch (HearthException e) {
            s.close(Subscriber.CLOSE_POLICY, "bad credentials");
            return;
        }
        // A web page cannot set headers on a WebSocket; it brings its session cookie, which
        // counts only from a page of this site (the reader checks Origin).
        if (who.isEmpty()) who = browserSessions.read(ctx::header);
        if (who.isPresent()) {
            start(open, who.get());
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

    /**
     * Authenticates with the socket's address in the logging context, where the credential
     * checks read it: failed tokens on sockets count against the address like the API's do.
     */
    private static <T> T fromAddress(String address, java.util.function.Supplier<T> authenticate) {
        String before = org.slf4j.MDC.get(dev.hearth.audit.AuditLog.MDC_REMOTE);
        org.slf4j.MDC.put(dev.hearth.audit.AuditLog.MDC_REMOTE, address);
        try {
            return authenticate.get();
        } finally {
            if (before == null) org.slf4j.MDC.remove(dev.hearth.audit.AuditLog.MDC_REMOTE);
            else org.slf4j.MDC.put(dev.hearth.audit.AuditLog.MDC_REMOTE, before);
        }
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

    /** Starts the subscriber as {@code who}, unless the user already holds as many sockets as allowed. */
    private void start(Open open, Principal who) {
        if (!caps.takeUser(who.userId())) {
            open.subscriber().close(Subscriber.CLOSE_POLICY, "too many event sockets for this user");
            return;
        }
        open.user().set(who.userId());
        open.subscriber().start(who);
    }

    private void handle(Open open, String text) {
        Subscriber s = open.subscriber();
        s.heard();
        ClientMessage m;
        try {
            m = json.readValue(text, ClientMessage.class);
        } catch (JacksonException e) {
            m = null;
        }
        if (m == null) { // not JSON, or JSON's null: both malformed
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
                String token = m.token();
                start(open, fromAddress(open.address(), () -> auth.authenticate(new Credentials.Token(token))));
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
