package dev.hearth.ui;

import dev.hearth.accounts.Principal;
import dev.hearth.error.HearthException;
import dev.hearth.web.Authentication;
import dev.hearth.web.ErrorPages;
import dev.hearth.web.PublicUrl;
import dev.hearth.web.RequestEncoding;
import dev.hearth.web.SessionReader;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The frame of every page: which requests are pages, the session cookie read and refreshed
 * before a page runs, the security headers, the CSRF check on every form post, and rendering
 * the precompiled jte templates (so a template error fails the build, not a request).
 *
 * <p>A session cookie authenticates page requests only. API and git requests never look at it,
 * so a forged cross-site request to them carries no credentials.
 */
public final class Pages implements ErrorPages, SessionReader<Principal> {
    static final String COOKIE = "hearth_session";
    /** script-src 'self': no inline script or event handler runs, whatever a page might contain. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String SESSION = "hearth.ui.session";
    private static final Set<String> NOT_PAGES = Set.of("api", "healthz", "readyz", "oauth", "assets");

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Sessions sessions;
    private final Authentication<Principal> auth;
    private final PublicUrl publicUrl;

    Pages(Sessions sessions, Authentication<Principal> auth, PublicUrl publicUrl) {
        this.sessions = sessions;
        this.auth = auth;
        this.publicUrl = publicUrl;
    }

    /**
     * Whether a path is a page: everything but the API, health checks, assets, git's smart HTTP
     * ({@code .git} paths, {@code info/refs}, the two services) and raw files, which keep
     * their own answers and problem+json errors.
     */
    static boolean isPagePath(String path) {
        String[] s = path.split("/");
        if (s.length < 2) return true; // "/"
        if (NOT_PAGES.contains(s[1])) return false;
        if (s.length >= 3 && s[2].endsWith(".git")) return false;
        if (s.length >= 4 && (s[3].equals("raw") || s[3].equals("info") || s[3].startsWith("git-"))) return false;
        return true;
    }

    @Override
    public boolean isPage(Context ctx) {
        return isPagePath(ctx.path());
    }

    /** Runs before every request: for pages, security headers, the session, and the CSRF check of a post. */
    void before(Context ctx) {
        if (!isPage(ctx)) return;
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        Optional<Sessions.Session> found = sessions.verify(ctx.cookie(COOKIE));
        Sessions.Session session = found.orElse(null);
        if (session != null && session.signedIn()) {
            Optional<Principal> who = sessions.principal(session);
            if (who.isEmpty()) session = null; // the account is gone
            else if (auth.caller(ctx).isEmpty()) auth.assume(ctx, who.get());
        }
        if (session == null) {
            session = sessions.start(Optional.empty());
            setCookie(ctx, session);
        } else if (sessions.wantsRefresh(session)) {
            session = sessions.touched(session); // the idle expiry moves as the user is active
            setCookie(ctx, session);
        }
        ctx.attribute(SESSION, session);
        if (ctx.method().name().equals("POST")) {
            RequestEncoding.requireUtf8Form(ctx);
            Sessions.Session current = session;
            checkForgery(ctx, found.filter(f -> f.id().equals(current.id())));
        }
    }

    /** A post must come from this site (Origin, Sec-Fetch-Site when sent) and carry its session's CSRF token. */
    private void checkForgery(Context ctx, Optional<Sessions.Session> presented) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw HearthException.denied("This form was posted from another site");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals("null") && !sameOrigin(ctx, origin)) {
            throw HearthException.denied("This form was posted from another site");
        }
        if (origin != null && origin.equals("null")) throw HearthException.denied("This form was posted from another site");
        if (presented.isEmpty() || !sessions.csrfMatches(presented.get(), ctx.formParam("_csrf"))) {
            throw HearthException.denied("The form had no valid CSRF token; reload the page and try again");
        }
    }

    private boolean sameOrigin(Context ctx, String origin) {
        try {
            URI given = URI.create(origin);
            URI ours = URI.create(publicUrl.base(ctx));
            return given.getScheme() != null && given.getScheme().equalsIgnoreCase(ours.getScheme())
                    && given.getHost() != null && given.getHost().equalsIgnoreCase(ours.getHost())
                    && effectivePort(given) == effectivePort(ours);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** This server's address as its users reach it (the public URL when set), for payloads that link back. */
    String publicBase(Context ctx) {
        return publicUrl.base(ctx);
    }

    /** Starts a new session for a user who just proved their password (a new id: no session fixation). */
    void signIn(Context ctx, Principal who) {
        Sessions.Session s = sessions.start(Optional.of(who.userId()));
        ctx.attribute(SESSION, s);
        setCookie(ctx, s);
    }

    void signOut(Context ctx) {
        Sessions.Session current = ctx.attribute(SESSION);
        if (current != null && current.signedIn()) sessions.end(current);
        Sessions.Session s = sessions.start(Optional.empty());
        ctx.attribute(SESSION, s);
        setCookie(ctx, s);
    }

    private void setCookie(Context ctx, Sessions.Session s) {
        boolean secure = "https".equalsIgnoreCase(ctx.scheme()) || publicUrl.configured().startsWith("https:");
        // Set by hand: the token is base64url with dots, which needs no quoting.
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + sessions.sign(s) + "; Path=/; Max-Age="
                + Sessions.IDLE.toSeconds() + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }

    /** A form field as posted, "" when absent. */
    static String field(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v;
    }

    Optional<Principal> caller(Context ctx) {
        return auth.caller(ctx);
    }

    /** The signed-in user, or a redirect to the sign-in page that comes back here. */
    Principal require(Context ctx) {
        return auth.caller(ctx).orElseThrow(() -> new SignInRequired(ctx.path()));
    }

    /** Thrown when a page needs a signed-in user; answered with a redirect to /login. */
    static final class SignInRequired extends RuntimeException {
        final String returnTo;

        SignInRequired(String returnTo) {
            super("sign in first", null, false, false);
            this.returnTo = returnTo;
        }
    }

    Chrome chrome(Context ctx, String title) {
        Sessions.Session s = ctx.attribute(SESSION);
        if (s == null) s = sessions.start(Optional.empty());
        return new Chrome(title, auth.caller(ctx).map(Principal::login).orElse(null), sessions.csrf(s), ctx.path());
    }

    /** Renders a template with the frame {@code c} and its model {@code m}, as text/html. */
    void render(Context ctx, String template, Chrome chrome, Object model) {
        StringOutput out = new StringOutput(16 * 1024);
        java.util.HashMap<String, Object> params = new java.util.HashMap<>();
        params.put("c", chrome);
        params.put("m", model);
        templates.render(template, params, Bidi.output(out));
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(out.toString());
    }

    /** A page that only says something went wrong. */
    public record ErrorView(int status, String title, String detail) {}

    @Override
    public void render(Context ctx, int status, String title, String detail) {
        render(ctx, "error.jte", chrome(ctx, status + " " + title), new ErrorView(status, title, detail));
    }

    /** The events WebSocket's upgrade: the session of a same-site page. */
    @Override
    public Optional<Principal> read(Function<String, String> headers) {
        String origin = headers.apply("Origin");
        String host = headers.apply("Host");
        if (origin == null || host == null) return Optional.empty();
        try {
            URI o = URI.create(origin);
            String originHost = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            if (originHost == null || !originHost.equalsIgnoreCase(host)) return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String cookie = cookieValue(headers.apply("Cookie"));
        return sessions.verify(cookie).flatMap(sessions::principal);
    }

    private static String cookieValue(String header) {
        if (header == null) return null;
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(COOKIE + "=")) return p.substring(COOKIE.length() + 1);
        }
        return null;
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
