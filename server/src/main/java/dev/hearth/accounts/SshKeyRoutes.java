package dev.hearth.accounts;

import dev.hearth.error.HearthException;
import dev.hearth.web.PathIds;
import dev.hearth.web.Authentication;
import dev.hearth.web.JsonBody;
import dev.hearth.web.PageRequest;
import dev.hearth.web.PublicUrl;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import jakarta.validation.constraints.NotNull;

/** The caller's SSH public keys, at GitHub's {@code /api/v3/user/keys}. */
public final class SshKeyRoutes implements Routes {
    private final SshKeyService keys;
    private final Authentication<Principal> auth;
    private final JsonBody body;
    private final PublicUrl publicUrl;

    public SshKeyRoutes(SshKeyService keys, Authentication<Principal> auth, JsonBody body, PublicUrl publicUrl) {
        this.keys = keys;
        this.auth = auth;
        this.body = body;
        this.publicUrl = publicUrl;
    }

    record AddKey(String title, @NotNull String key) {}

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.post("/api/v3/user/keys", this::add);
        r.get("/api/v3/user/keys", this::list);
        r.get("/api/v3/user/keys/{id}", ctx -> ctx.json(SshKeyJson.of(
                keys.find(keyOwner(ctx), id(ctx)).orElseThrow(SshKeyRoutes::noSuchKey), publicUrl.base(ctx))));
        r.delete("/api/v3/user/keys/{id}", this::delete);
    }

    /** A password may manage keys; a token only with the scope GitHub asks for. */
    private User keyOwner(Context ctx) {
        Principal caller = auth.require(ctx);
        if (!caller.has(Scope.ADMIN_PUBLIC_KEY)) {
            throw HearthException.denied("Managing SSH keys needs your password or a token with the 'admin:public_key' scope");
        }
        return caller.user();
    }

    private void add(Context ctx) {
        User owner = keyOwner(ctx);
        AddKey req = body.read(ctx, AddKey.class);
        SshKey key = keys.add(owner, req.title(), req.key());
        SshKeyJson json = SshKeyJson.of(key, publicUrl.base(ctx));
        ctx.status(201).header("Location", json.url()).json(json);
    }

    private void list(Context ctx) {
        User owner = keyOwner(ctx);
        PageRequest page = PageRequest.from(ctx);
        SshKeyService.Page listing = keys.list(owner, page.perPage(), page.offset());
        page.writeLinks(ctx, listing.total());
        String base = publicUrl.base(ctx);
        ctx.json(listing.keys().stream().map(k -> SshKeyJson.of(k, base)).toList());
    }

    private void delete(Context ctx) {
        User owner = keyOwner(ctx);
        if (!keys.delete(owner, id(ctx))) throw noSuchKey();
        ctx.status(204);
    }

    private static long id(Context ctx) {
        return PathIds.of(ctx, "id", "No such key");
    }

    private static HearthException noSuchKey() {
        return HearthException.notFound("No such key");
    }
}
