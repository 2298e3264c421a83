package dev.hearth.ui;

import dev.hearth.accounts.AccessToken;
import dev.hearth.web.PathIds;
import dev.hearth.accounts.Principal;
import dev.hearth.accounts.Scope;
import dev.hearth.accounts.TokenService;
import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import dev.hearth.repos.RepoService;
import dev.hearth.repos.Repository;
import dev.hearth.web.HttpServer;
import dev.hearth.web.Credentials;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The forms of a signed-in user: a new repository, personal access tokens (a new one is shown
 * once, on the page that answers its creation), SSH keys, and the password with the browser
 * sessions it opens. Each goes through the same service as the API, with the same validation; a
 * refused form comes back with its errors and 422.
 */
final class SettingsRoutes implements Routes {
    private final Pages pages;
    private final UiRoutes.Deps deps;

    SettingsRoutes(Pages pages, UiRoutes.Deps deps) {
        this.pages = pages;
        this.deps = deps;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get("/new", ctx -> newRepoForm(ctx, new SettingsPages.NewRepo("", "", false, true, FormErrors.NONE)));
        r.post("/new", this::createRepo);
        r.get("/settings", ctx -> ctx.redirect("/settings/tokens", HttpStatus.FOUND));
        r.get("/settings/tokens", ctx -> tokens(ctx, null, "", FormErrors.NONE));
        r.post("/settings/tokens", this::createToken);
        r.post("/settings/tokens/{id}/delete", this::revokeToken);
        r.get("/settings/keys", ctx -> keys(ctx, "", "", FormErrors.NONE));
        r.post("/settings/keys", this::addKey);
        r.post("/settings/keys/{id}/delete", this::deleteKey);
        r.get("/settings/security", ctx -> security(ctx, FormErrors.NONE, notice(ctx.queryParam("done"))));
        r.post("/settings/password", this::changePassword);
        r.post("/settings/sessions/end", this::endSessions);
    }

    private void security(Context ctx, FormErrors errors, String notice) {
        pages.require(ctx);
        pages.render(ctx, "security.jte", pages.chrome(ctx, "Password and sessions"), new SettingsPages.Security(errors, notice));
    }

    /** What a redirect after a change says; only these words, never text from the query. */
    private static String notice(String done) {
        if (done == null) return null;
        return switch (done) {
            case "password" -> "Password changed. Every other browser session is signed out; tokens and SSH keys still work.";
            case "sessions" -> "Every other browser session is signed out.";
            default -> null;
        };
    }

    /**
     * The current password is checked like a sign-in (the same throttling, the same audit of a
     * failure); then the new one is set, every session signed out, and this one started anew.
     */
    private void changePassword(Context ctx) {
        Principal who = pages.require(ctx);
        String current = Pages.field(ctx, "current_password");
        String next = Pages.field(ctx, "password");
        try {
            if (!isPasswordOf(who, current)) throw HearthException.invalid("current_password", "is not your current password");
            if (!next.equals(Pages.field(ctx, "password_confirm"))) {
                throw HearthException.invalid("password_confirm", "does not match the new password");
            }
            deps.accounts().changePassword(who.user(), next);
        } catch (HearthException e) {
            FormErrors errors = FormErrors.of(e);
            ctx.status(422);
            security(ctx, errors, null);
            return;
        }
        pages.signIn(ctx, who);
        ctx.redirect("/settings/security?done=password", HttpStatus.SEE_OTHER);
    }

    private boolean isPasswordOf(Principal who, String password) {
        if (password.isEmpty()) return false;
        try {
            Principal checked = deps.auth().authenticate(new Credentials.Basic(who.login(), password));
            return checked.method() == Principal.Method.PASSWORD && checked.userId() == who.userId();
        } catch (HearthException e) {
            if (e.category() == ErrorCategory.UNAUTHENTICATED) return false;
            throw e; // too many attempts: the error page, with Retry-After
        }
    }

    private void endSessions(Context ctx) {
        Principal who = pages.require(ctx);
        deps.accounts().endSessions(who.user());
        pages.signIn(ctx, who); // this one goes on, as a new session
        ctx.redirect("/settings/security?done=sessions", HttpStatus.SEE_OTHER);
    }

    private void newRepoForm(Context ctx, SettingsPages.NewRepo form) {
        pages.require(ctx);
        pages.render(ctx, "newrepo.jte", pages.chrome(ctx, "New repository"), form);
    }

    private void createRepo(Context ctx) {
        Principal who = pages.require(ctx);
        String name = Pages.field(ctx, "name");
        String description = Pages.field(ctx, "description");
        boolean isPrivate = ctx.formParam("private") != null;
        boolean autoInit = ctx.formParam("auto_init") != null;
        try {
            Repository repo = deps.creator().create(who, new RepoService.NewRepo(name, description.isBlank() ? null : description,
                    isPrivate, null), autoInit, HttpServer.actor(ctx, who));
            ctx.redirect("/" + RepoHeader.segment(repo.ownerLogin()) + "/" + RepoHeader.segment(repo.name()), HttpStatus.SEE_OTHER);
        } catch (HearthException e) {
            FormErrors errors = FormErrors.of(e);
            ctx.status(422);
            newRepoForm(ctx, new SettingsPages.NewRepo(name, description, isPrivate, autoInit,
                    e.errors().isEmpty() ? new FormErrors(java.util.Map.of("name", e.getMessage()), null) : errors));
        }
    }

    private void tokens(Context ctx, String created, String name, FormErrors errors) {
        Principal who = pages.require(ctx);
        Instant now = Instant.now();
        List<SettingsPages.TokenRow> rows = deps.tokens().list(who.user()).stream().map(t -> tokenRow(t, now)).toList();
        List<String> scopes = Arrays.stream(Scope.values()).map(Scope::wire).toList();
        pages.render(ctx, "tokens.jte", pages.chrome(ctx, "Tokens"), new SettingsPages.Tokens(rows, scopes, created, name, errors));
    }

    private static SettingsPages.TokenRow tokenRow(AccessToken t, Instant now) {
        return new SettingsPages.TokenRow(t.id(), t.name(), Scope.join(t.scopes(), ", "), t.tokenLastEight(), Ago.since(t.createdAt(), now),
                t.lastUsedAt() == null ? "never" : Ago.since(t.lastUsedAt(), now),
                t.expiresAt() == null ? "never" : Ago.exact(t.expiresAt()));
    }

    private void createToken(Context ctx) {
        Principal who = pages.require(ctx);
        String name = Pages.field(ctx, "name");
        try {
            TokenService.Created created = deps.tokens().create(who.user(), name, Scope.parseAll(ctx.formParams("scopes")), null);
            ctx.status(201);
            tokens(ctx, created.secret(), "", FormErrors.NONE);
        } catch (HearthException e) {
            FormErrors errors = FormErrors.of(e);
            ctx.status(422);
            tokens(ctx, null, name, errors);
        }
    }

    private void revokeToken(Context ctx) {
        Principal who = pages.require(ctx);
        if (!deps.tokens().revoke(who.user(), id(ctx))) throw HearthException.notFound("No such token");
        ctx.redirect("/settings/tokens", HttpStatus.SEE_OTHER);
    }

    private void keys(Context ctx, String title, String key, FormErrors errors) {
        Principal who = pages.require(ctx);
        Instant now = Instant.now();
        List<SettingsPages.KeyRow> rows = deps.keys().list(who.user(), 100, 0).keys().stream()
                .map(k -> new SettingsPages.KeyRow(k.id(), k.title(), k.fingerprint(), Ago.since(k.createdAt(), now))).toList();
        pages.render(ctx, "keys.jte", pages.chrome(ctx, "SSH keys"), new SettingsPages.Keys(rows, title, key, errors));
    }

    private void addKey(Context ctx) {
        Principal who = pages.require(ctx);
        String title = Pages.field(ctx, "title");
        String key = Pages.field(ctx, "key");
        try {
            deps.keys().add(who.user(), title, key);
            ctx.redirect("/settings/keys", HttpStatus.SEE_OTHER);
        } catch (HearthException e) {
            FormErrors errors = FormErrors.of(e);
            ctx.status(422);
            keys(ctx, title, key, errors);
        }
    }

    private void deleteKey(Context ctx) {
        Principal who = pages.require(ctx);
        if (!deps.keys().delete(who.user(), id(ctx))) throw HearthException.notFound("No such key");
        ctx.redirect("/settings/keys", HttpStatus.SEE_OTHER);
    }

    private static long id(Context ctx) {
        return PathIds.of(ctx, "id", "No such item");
    }
}
