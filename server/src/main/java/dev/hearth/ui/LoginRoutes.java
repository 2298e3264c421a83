package dev.hearth.ui;

import dev.hearth.accounts.Principal;
import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import dev.hearth.web.Authentication;
import dev.hearth.web.Credentials;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * Signing in and out. The password is checked by the same authenticator as the API's Basic
 * credentials, so the same throttling and the same {@code auth.failed} audit apply; only a
 * password opens a session (a token typed as a password does not: it may have fewer rights).
 */
final class LoginRoutes implements Routes {
    private final Pages pages;
    private final Authentication<Principal> auth;

    LoginRoutes(Pages pages, Authentication<Principal> auth) {
        this.pages = pages;
        this.auth = auth;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get("/login", this::form);
        r.post("/login", this::signIn);
        r.post("/logout", this::signOut);
    }

    private void form(Context ctx) {
        String next = safeReturn(ctx.queryParam("next"));
        if (pages.caller(ctx).isPresent()) {
            ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        pages.render(ctx, "login.jte", pages.chrome(ctx, "Sign in"), new LoginForm("", next, null));
    }

    private void signIn(Context ctx) {
        String login = Pages.field(ctx, "login").strip();
        String password = Pages.field(ctx, "password");
        String next = safeReturn(ctx.formParam("next"));
        Principal who;
        try {
            if (login.isEmpty() || password.isEmpty()) throw HearthException.unauthenticated("empty");
            who = auth.authenticate(new Credentials.Basic(login, password));
            if (who.method() != Principal.Method.PASSWORD) throw HearthException.unauthenticated("not a password");
        } catch (HearthException e) {
            if (e.category() == ErrorCategory.TOO_MANY_REQUESTS) {
                e.retryAfter().ifPresent(d -> ctx.header("Retry-After", Long.toString(Math.max(1, d.toSeconds()))));
                ctx.status(429);
                pages.render(ctx, "login.jte", pages.chrome(ctx, "Sign in"), new LoginForm(login, next,
                        "Too many failed sign-ins for this account or from this address. Wait a few minutes and try again."));
                return;
            }
            if (e.category() != ErrorCategory.UNAUTHENTICATED) throw e;
            ctx.status(422);
            pages.render(ctx, "login.jte", pages.chrome(ctx, "Sign in"),
                    new LoginForm(login, next, "Incorrect username or password."));
            return;
        }
        pages.signIn(ctx, who);
        ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        pages.signOut(ctx);
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /**
     * Where to go after signing in: a path on this site only (never {@code //host} or
     * {@code /\host}, which browsers read as another site), else the home page.
     */
    static String safeReturn(String next) {
        if (next == null || next.isEmpty() || next.length() > 2000) return "/";
        if (!next.startsWith("/") || next.startsWith("//")) return "/";
        if (next.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '\\')) return "/";
        if (next.equals("/login") || next.startsWith("/login?") || next.startsWith("/logout")) return "/";
        return next;
    }
}
