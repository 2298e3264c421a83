package dev.hearth.web;

import dev.hearth.audit.Actor;
import dev.hearth.audit.AuditLog;
import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import dev.hearth.storage.Database;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson3;
import io.javalin.websocket.WsHandlerType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/**
 * Javalin on Jetty with Hearth's middleware, in this order: request id, the request's text
 * encoding ({@link RequestEncoding}), authentication, the feature routes, then errors as
 * problem+json and one access-log line per request. No method override ({@link NoMethodOverride}).
 */
public final class HttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("hearth.access");
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String REQUEST_ID = "hearth.request-id";
    private static final String BASIC_CHALLENGE = "Basic realm=\"Hearth\"";

    private final Javalin app;
    private final List<Route> registered = new CopyOnWriteArrayList<>();

    /**
     * A route as a feature registered it: the HTTP method ({@code WEBSOCKET} for an upgrade) and
     * Javalin's path pattern, with {@code {name}} and {@code <name>} (which may span slashes) parameters.
     */
    public record Route(String method, String path) {}

    /**
     * Where the server listens, and the limits of multipart uploads: a file larger than
     * {@code maxUploadFile} or a request larger than {@code maxUploadRequest} is refused. A
     * connection waiting on its client for {@code idleTimeout} is closed, and so is one whose
     * request body arrives slower than {@code minRequestDataRate} bytes per second on average
     * (Jetty checks it as content arrives, so a drip of a byte every few seconds is cut off,
     * while time the handler spends working between reads is not the client's).
     */
    public record Settings(String host, int port, Path uploadDir, long maxUploadFile, long maxUploadRequest,
                           List<String> corsOrigins, java.time.Duration idleTimeout, long minRequestDataRate) {
        public Settings(String host, int port, Path uploadDir, long maxUploadFile, long maxUploadRequest,
                        List<String> corsOrigins) {
            this(host, port, uploadDir, maxUploadFile, maxUploadRequest, corsOrigins,
                    dev.hearth.config.TransportLimits.DEFAULTS.httpIdleTimeout(),
                    dev.hearth.config.TransportLimits.DEFAULTS.minRequestDataRate());
        }
    }

    public HttpServer(Settings settings, JsonMapper mapper, Authentication<?> authentication, RateLimiter limiter,
                      List<Routes> features) {
        this(settings, mapper, authentication, limiter, ErrorPages.NONE, features);
    }

    public HttpServer(Settings settings, JsonMapper mapper, Authentication<?> authentication, RateLimiter limiter,
                      ErrorPages pages, List<Routes> features) {
        this.app = Javalin.create(config -> {
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.multipartConfig.cacheDirectory(settings.uploadDir().toString());
            config.jetty.multipartConfig.maxInMemoryFileSize(64, SizeUnit.KB);
            config.jetty.multipartConfig.maxFileSize(settings.maxUploadFile(), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(settings.maxUploadRequest(), SizeUnit.BYTES);
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.jsonMapper(new JavalinJackson3(mapper, false));
            // Cross-origin calls to the API only, from listed origins only; git and raw files never.
            if (!settings.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    rule.path = "/api/*";
                    settings.corsOrigins().forEach(o -> rule.allowHost(o));
                    rule.allowCredentials = true;
                    rule.maxAge = 600;
                    List.of("Link", "ETag", "X-Request-Id", "Retry-After").forEach(rule::exposeHeader);
                }));
            }
            config.router.ignoreTrailingSlashes = true;
            config.requestLogger.http(HttpServer::logAccess);
            config.jetty.modifyHttpConfiguration(http -> http.addCustomizer(new NoMethodOverride()));
            config.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(settings.minRequestDataRate()));
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                connector.setIdleTimeout(settings.idleTimeout().toMillis());
                return connector;
            });
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(5_000);
                server.setErrorHandler(new JettyProblemHandler(mapper));
            });

            config.events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) registered.add(new Route(h.getHttpMethod().name(), h.getPath()));
            });
            config.events.wsHandlerAdded(h -> {
                if (h.getHandlerType() == WsHandlerType.WEBSOCKET) registered.add(new Route("WEBSOCKET", h.getPath()));
            });
            var routes = config.routes;
            routes.before(HttpServer::assignRequestId);
            routes.before(RequestEncoding::check);
            routes.before(authentication::authenticate);
            routes.before(limiter::consume);
            routes.exception(HearthException.class, (e, ctx) -> {
                UnreadBody.settle(ctx);
                e.retryAfter().ifPresent(d -> ctx.header("Retry-After", Long.toString(Math.max(1, d.toSeconds()))));
                if (pages.isPage(ctx)) page(pages, ctx, e.category().status(), e.category().title(), e.getMessage());
                else respond(ctx, e.category(), e.getMessage(), e);
            });
            routes.exception(HttpResponseException.class, (e, ctx) -> {
                UnreadBody.settle(ctx);
                if (pages.isPage(ctx)) page(pages, ctx, e.getStatus(), e.getMessage(), e.getMessage());
                else respondToJavalin(e, ctx);
            });
            routes.exception(Exception.class, (e, ctx) -> {
                if (Database.isOutOfSpace(e)) {
                    LOG.error("Out of storage space in {} {} (request {})", ctx.method(), ctx.path(), requestId(ctx), e);
                    HearthException full = outOfSpace();
                    if (pages.isPage(ctx)) page(pages, ctx, full.category().status(), full.category().title(), full.getMessage());
                    else respond(ctx, full.category(), full.getMessage(), full);
                    return;
                }
                if (clientTooSlow(e)) {
                    // The connection's idle timeout or minimum data rate cut the body off: the client's doing.
                    LOG.info("{} {} (request {}): the request body came too slowly", ctx.method(), ctx.path(), requestId(ctx));
                    ctx.status(408);
                    ctx.json(new Problem("about:blank", "Request timeout", 408, "The request body came too slowly",
                            requestId(ctx), null));
                    ctx.contentType(Problem.CONTENT_TYPE);
                    return;
                }
                respondToBug(e, ctx);
                if (pages.isPage(ctx)) page(pages, ctx, 500, "Internal server error",
                        "Something went wrong on our side; the server log has the details under request id " + requestId(ctx));
            });
            routes.error(404, ctx -> {
                if (ctx.result() == null && ctx.resultInputStream() == null) {
                    if (pages.isPage(ctx)) page(pages, ctx, 404, "Not Found", "There is no page at " + ctx.path());
                    else respond(ctx, ErrorCategory.NOT_FOUND, "No such resource: " + ctx.path(), null);
                }
            });
            features.forEach(feature -> feature.register(routes));
        });
    }

    public void start() {
        app.start();
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    /** Every route the features registered, in order: what the OpenAPI document is checked against. */
    public List<Route> routes() {
        return List.copyOf(registered);
    }

    /** The id of this request (as the {@code X-Request-Id} response header has it), "" before one is assigned. */
    public static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? "" : id;
    }

    /** Who makes this request and from where, for the write path and the audit log. */
    public static Actor actor(Context ctx, Caller caller) {
        String id = requestId(ctx);
        return new Actor(caller.id(), caller.login(), ctx.ip(), id.isEmpty() ? null : id, Actor.Transport.HTTP);
    }

    private static void assignRequestId(Context ctx) {
        String given = ctx.header("X-Request-Id");
        String id = given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.attribute(REQUEST_ID, id);
        ctx.header("X-Request-Id", id);
        MDC.clear();
        MDC.put(AuditLog.MDC_REQUEST, id);
        MDC.put(AuditLog.MDC_REMOTE, ctx.ip());
    }

    private static void page(ErrorPages pages, Context ctx, int status, String title, String detail) {
        ctx.status(status);
        pages.render(ctx, status, title, detail);
    }

    private static void respond(Context ctx, ErrorCategory category, String detail, HearthException e) {
        ctx.status(category.status());
        if (category == ErrorCategory.UNAUTHENTICATED) {
            ctx.header("WWW-Authenticate", e == null ? BASIC_CHALLENGE : e.challenge().orElse(BASIC_CHALLENGE));
        }
        Problem problem = Problem.of(category, detail, requestId(ctx), e == null ? List.of() : e.errors());
        ctx.json(problem);
        ctx.contentType(Problem.CONTENT_TYPE);
    }

    private static void respondToJavalin(HttpResponseException e, Context ctx) {
        ErrorCategory.forStatus(e.getStatus()).ifPresentOrElse(
                category -> respond(ctx, category, e.getMessage(), null),
                () -> {
                    ctx.status(e.getStatus());
                    ctx.json(new Problem("about:blank", e.getMessage(), e.getStatus(), e.getMessage(), requestId(ctx), null));
                    ctx.contentType(Problem.CONTENT_TYPE);
                });
    }

    /** What a write that failed for space answers: 507, said plainly, nothing internal. */
    static HearthException outOfSpace() {
        return new HearthException(ErrorCategory.INSUFFICIENT_STORAGE, "The server is out of storage space, so this "
                + "change could not be saved. Try again once an administrator has freed some.");
    }

    /** Whether {@code e} is Jetty cutting off a body that came slower than the idle timeout or minimum rate allow. */
    private static boolean clientTooSlow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) return true;
            if (t instanceof org.eclipse.jetty.http.BadMessageException b && b.getCode() == 408) return true;
        }
        return false;
    }

    private static void respondToBug(Exception e, Context ctx) {
        LOG.error("Unhandled error in {} {} (request {})", ctx.method(), ctx.path(), requestId(ctx), e);
        ctx.status(500);
        ctx.json(new Problem("https://hearth.dev/problems/internal-error", "Internal server error", 500,
                "Something went wrong on our side; the server log has the details under request id "
                        + requestId(ctx), requestId(ctx), null));
        ctx.contentType(Problem.CONTENT_TYPE);
    }

    private static void logAccess(Context ctx, Float millis) {
        Optional<String> login = Authentication.login(ctx);
        ACCESS.info("{} {} {} {}ms user={} request_id={}", ctx.method(), ctx.path(), ctx.statusCode(),
                String.format("%.1f", millis), login.orElse("-"), requestId(ctx));
        MDC.clear();
    }
}
