package dev.hearth.accounts;

import dev.hearth.error.HearthException;
import dev.hearth.web.PathIds;
import dev.hearth.web.Authentication;
import dev.hearth.web.JsonBody;
import dev.hearth.web.PublicUrl;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Users and their personal access tokens under {@code /api/v3}. */
public final class AccountRoutes implements Routes {
    private final AccountService accounts;
    private final TokenService tokens;
    private final Authentication<Principal> auth;
    private final JsonBody body;
    private final PublicUrl publicUrl;

    public AccountRoutes(AccountService accounts, TokenService tokens, Authentication<Principal> auth,
                         JsonBody body, PublicUrl publicUrl) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.auth = auth;
        this.body = body;
        this.publicUrl = publicUrl;
    }

    record CreateUser(@NotNull String login, @NotNull String email, @NotNull String password) {}

    /** What a site admin may change of a user: for now the password (a forgotten one). */
    record EditUser(@NotNull String password) {}

    record CreateToken(@NotNull String name, @NotNull List<String> scopes, Instant expiresAt) {}

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.post("/api/v3/admin/users", this::createUser);
        r.patch("/api/v3/admin/users/{login}", this::editUser);
        r.get("/api/v3/user", ctx -> ctx.json(UserJson.of(auth.require(ctx).user(), publicUrl.base(ctx), true)));
        r.get("/api/v3/users/{login}", this::showUser);
        r.post("/api/v3/users/{login}/tokens", this::createToken);
        r.get("/api/v3/users/{login}/tokens", this::listTokens);
        r.delete("/api/v3/users/{login}/tokens/{id}", this::revokeToken);
    }

    private void createUser(Context ctx) {
        Principal caller = auth.require(ctx);
        if (!caller.actsAsSiteAdmin()) throw HearthException.denied("Creating users needs a site admin");
        CreateUser req = body.read(ctx, CreateUser.class);
        User user = accounts.create(req.login(), req.email(), req.password(), false);
        ctx.status(201).json(UserJson.of(user, publicUrl.base(ctx), true));
    }

    /**
     * Gitea's {@code PATCH /admin/users/{username}}, for the password: sets it (the usual rules)
     * and signs out the user's browser sessions; their tokens and keys stay.
     */
    private void editUser(Context ctx) {
        Principal caller = auth.require(ctx);
        if (!caller.actsAsSiteAdmin()) throw HearthException.denied("Editing users needs a site admin");
        User user = accounts.find(ctx.pathParam("login"))
                .orElseThrow(() -> HearthException.notFound("No user " + ctx.pathParam("login")));
        EditUser req = body.read(ctx, EditUser.class);
        accounts.changePassword(user, req.password());
        ctx.json(UserJson.of(accounts.find(user.id()).orElseThrow(), publicUrl.base(ctx), true));
    }

    private void showUser(Context ctx) {
        User user = accounts.find(ctx.pathParam("login"))
                .orElseThrow(() -> HearthException.notFound("No user " + ctx.pathParam("login")));
        boolean self = auth.caller(ctx).map(p -> p.userId() == user.id() || p.actsAsSiteAdmin()).orElse(false);
        ctx.json(UserJson.of(user, publicUrl.base(ctx), self));
    }

    /**
     * Token management needs the user's password (a token cannot mint tokens) or a site admin,
     * as in Gitea.
     */
    private User tokenOwner(Context ctx) {
        Principal caller = auth.require(ctx);
        String login = ctx.pathParam("login");
        boolean self = caller.login().equalsIgnoreCase(login);
        if (self && caller.method() == Principal.Method.PASSWORD) return caller.user();
        if (caller.actsAsSiteAdmin()) {
            return accounts.find(login).orElseThrow(() -> HearthException.notFound("No user " + login));
        }
        throw HearthException.denied(self
                ? "Managing tokens needs your password (HTTP Basic), not a token"
                : "You may only manage your own tokens");
    }

    private void createToken(Context ctx) {
        User owner = tokenOwner(ctx);
        CreateToken req = body.read(ctx, CreateToken.class);
        Set<Scope> scopes = Scope.parseAll(req.scopes());
        TokenService.Created created = tokens.create(owner, req.name(), scopes, req.expiresAt());
        ctx.status(201).json(TokenJson.of(created.token(), created.secret()));
    }

    private void listTokens(Context ctx) {
        User owner = tokenOwner(ctx);
        ctx.json(tokens.list(owner).stream().map(t -> TokenJson.of(t, null)).toList());
    }

    private void revokeToken(Context ctx) {
        User owner = tokenOwner(ctx);
        if (!tokens.revoke(owner, PathIds.of(ctx, "id", "No such token"))) throw HearthException.notFound("No such token");
        ctx.status(204);
    }
}
