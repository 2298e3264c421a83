package dev.hearth.web;

import dev.hearth.audit.AuditLog;
import dev.hearth.error.HearthException;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import org.slf4j.MDC;

/**
 * The authentication middleware and the typed way for routes to ask who is calling. Credentials
 * are checked once per request, before any handler; wrong credentials are a 401 even on public
 * routes, so a client learns at once that its token is bad.
 */
public final class Authentication<P extends Caller> {
    private static final String ATTRIBUTE = "hearth.caller";

    private final Authenticator<P> authenticator;
    private final Class<P> type;
    private final Set<String> ownCredentialPaths;

    /**
     * @param ownCredentialPaths paths whose {@code Authorization} header is not a user's but the
     *                           route's own business, such as OAuth client authentication at the
     *                           token endpoint
     */
    public Authentication(Authenticator<P> authenticator, Class<P> type, Set<String> ownCredentialPaths) {
        this.authenticator = authenticator;
        this.type = type;
        this.ownCredentialPaths = Set.copyOf(ownCredentialPaths);
    }

    void authenticate(Context ctx) {
        if (ownCredentialPaths.contains(ctx.path())) return;
        Credentials.parse(ctx.header("Authorization"))
                .ifPresent(credentials -> assume(ctx, authenticator.authenticate(credentials)));
    }

    /**
     * Names the caller of this request (and of its log lines and audit entries): the one its
     * credentials proved, or, from the web UI's page routes only, the user of a session the UI
     * verified. A session cookie never authenticates the API or git (that would open them to
     * cross-site request forgery).
     */
    public void assume(Context ctx, P caller) {
        ctx.attribute(ATTRIBUTE, caller);
        MDC.put(AuditLog.MDC_ACTOR_ID, Long.toString(caller.id()));
        MDC.put(AuditLog.MDC_ACTOR_LOGIN, caller.login());
    }

    /** Checks an {@code Authorization} header value outside an HTTP request (a WebSocket, say). */
    public Optional<P> authenticate(String authorizationHeader) {
        return Credentials.parse(authorizationHeader).map(authenticator::authenticate);
    }

    /** Checks credentials given some other way than a header. */
    public P authenticate(Credentials credentials) {
        return authenticator.authenticate(credentials);
    }

    /** The caller, or empty for an anonymous request. */
    public Optional<P> caller(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE)).map(type::cast);
    }

    /** The caller; an anonymous request is answered 401 with a Basic challenge. */
    public P require(Context ctx) {
        return caller(ctx).orElseThrow(() -> HearthException.unauthenticated("Requires authentication"));
    }

    static Optional<Long> callerId(Context ctx) {
        Object caller = ctx.attribute(ATTRIBUTE);
        return caller instanceof Caller c ? Optional.of(c.id()) : Optional.empty();
    }

    static Optional<String> login(Context ctx) {
        Object caller = ctx.attribute(ATTRIBUTE);
        return caller instanceof Caller c ? Optional.of(c.login()) : Optional.empty();
    }
}
