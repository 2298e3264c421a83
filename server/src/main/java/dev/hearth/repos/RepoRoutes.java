package dev.hearth.repos;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hearth.accounts.Principal;
import dev.hearth.error.HearthException;
import dev.hearth.web.Authentication;
import dev.hearth.web.HttpServer;
import dev.hearth.web.JsonBody;
import dev.hearth.web.PageRequest;
import dev.hearth.web.PublicUrl;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;

/** Repositories and collaborators under {@code /api/v3}, in GitHub's shapes. */
public final class RepoRoutes implements Routes {
    private final RepoService repos;
    private final RepoCreator creator;
    private final Authentication<Principal> auth;
    private final JsonBody body;
    private final PublicUrl publicUrl;

    public RepoRoutes(RepoService repos, RepoCreator creator, Authentication<Principal> auth, JsonBody body,
                      PublicUrl publicUrl) {
        this.repos = repos;
        this.creator = creator;
        this.auth = auth;
        this.body = body;
        this.publicUrl = publicUrl;
    }

    record Create(@NotNull String name, String description, @JsonProperty("private") Boolean isPrivate,
                  String defaultBranch, Boolean autoInit) {}

    record Update(String name, String description, @JsonProperty("private") Boolean isPrivate, String defaultBranch) {}

    record Grant(String permission) {}

    /** A collaborator in GitHub's shape. */
    record CollaboratorJson(String login, long id, String type, boolean siteAdmin, RepoJson.Permissions permissions,
                            String roleName) {}

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.post("/api/v3/user/repos", this::create);
        r.get("/api/v3/user/repos", this::listMine);
        r.get("/api/v3/users/{login}/repos", this::listOwned);
        r.get("/api/v3/repos/{owner}/{repo}", ctx -> {
            RepoService.Access a = access(ctx);
            ctx.json(RepoJson.of(a.repo(), a.level(), publicUrl.base(ctx), ssh(ctx)));
        });
        r.patch("/api/v3/repos/{owner}/{repo}", this::update);
        r.delete("/api/v3/repos/{owner}/{repo}", this::delete);
        r.get("/api/v3/repos/{owner}/{repo}/collaborators", this::listCollaborators);
        r.put("/api/v3/repos/{owner}/{repo}/collaborators/{login}", this::putCollaborator);
        r.delete("/api/v3/repos/{owner}/{repo}/collaborators/{login}", this::removeCollaborator);
        r.get("/api/v3/repos/{owner}/{repo}/collaborators/{login}/permission", this::permission);
    }

    private String ssh(Context ctx) {
        return publicUrl.sshBase(ctx).orElse(null);
    }

    private RepoService.Access access(Context ctx) {
        return repos.find(auth.caller(ctx), ctx.pathParam("owner"), ctx.pathParam("repo"));
    }

    private void create(Context ctx) {
        Principal caller = auth.require(ctx);
        Create req = body.read(ctx, Create.class);
        Repository repo = creator.create(caller, new RepoService.NewRepo(req.name(), req.description(),
                Boolean.TRUE.equals(req.isPrivate()), req.defaultBranch()), Boolean.TRUE.equals(req.autoInit()),
                HttpServer.actor(ctx, caller));
        ctx.status(201).json(RepoJson.of(repo, Permission.ADMIN, publicUrl.base(ctx), ssh(ctx)));
    }

    private void update(Context ctx) {
        Principal caller = auth.require(ctx);
        RepoService.Access access = access(ctx);
        Update req = body.read(ctx, Update.class);
        Repository repo = repos.update(caller, access, new RepoService.Changes(req.name(), req.description(), req.isPrivate(),
                req.defaultBranch()));
        ctx.json(RepoJson.of(repo, access.level(), publicUrl.base(ctx), ssh(ctx)));
    }

    private void delete(Context ctx) {
        Principal caller = auth.require(ctx);
        repos.delete(caller, access(ctx));
        ctx.status(204);
    }

    private void listMine(Context ctx) {
        Principal caller = auth.require(ctx);
        PageRequest page = PageRequest.from(ctx);
        var listing = repos.listMemberOf(caller, page.perPage(), page.offset());
        page.writeLinks(ctx, listing.total());
        String base = publicUrl.base(ctx);
        String ssh = ssh(ctx);
        ctx.json(json(listing.items(), repos.levelsFor(Optional.of(caller), listing.items()), base, ssh));
    }

    private void listOwned(Context ctx) {
        Optional<Principal> caller = auth.caller(ctx);
        PageRequest page = PageRequest.from(ctx);
        var listing = repos.listOwnedBy(caller, ctx.pathParam("login"), page.perPage(), page.offset());
        page.writeLinks(ctx, listing.total());
        String base = publicUrl.base(ctx);
        String ssh = ssh(ctx);
        ctx.json(json(listing.items(), repos.levelsFor(caller, listing.items()), base, ssh));
    }

    private static java.util.List<RepoJson> json(java.util.List<Repository> page, java.util.List<Permission> levels,
                                                 String base, String ssh) {
        return java.util.stream.IntStream.range(0, page.size())
                .mapToObj(i -> RepoJson.of(page.get(i), levels.get(i), base, ssh)).toList();
    }

    private void listCollaborators(Context ctx) {
        auth.require(ctx);
        RepoService.Access access = access(ctx);
        PageRequest page = PageRequest.from(ctx);
        var listing = repos.collaborators(access, page.perPage(), page.offset());
        page.writeLinks(ctx, listing.total());
        ctx.json(listing.items().stream().map(c -> new CollaboratorJson(c.login(), c.userId(), "User", c.siteAdmin(),
                RepoJson.Permissions.of(c.permission()), c.permission().wire())).toList());
    }

    /** GitHub's "repository collaborator permission": the legacy base role, the role name and the user. */
    record PermissionJson(String permission, String roleName, CollaboratorJson user) {}

    private void permission(Context ctx) {
        RepoService.Access access = access(ctx);
        RepoService.UserPermission p = repos.permissionOf(access, ctx.pathParam("login"));
        ctx.json(new PermissionJson(p.role().legacy(), p.role().wire(), new CollaboratorJson(p.user().login(),
                p.user().id(), "User", p.user().siteAdmin(), RepoJson.Permissions.of(p.role()), p.role().wire())));
    }

    private void putCollaborator(Context ctx) {
        Principal caller = auth.require(ctx);
        RepoService.Access access = access(ctx);
        boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
        Grant grant = hasBody ? body.read(ctx, Grant.class) : new Grant(null);
        // GitHub's default is push.
        Permission permission = grant.permission() == null ? Permission.WRITE : Permission.parseGrant(grant.permission());
        boolean added = repos.putCollaborator(caller, access, ctx.pathParam("login"), permission);
        ctx.status(added ? 201 : 204);
    }

    private void removeCollaborator(Context ctx) {
        Principal caller = auth.require(ctx);
        repos.removeCollaborator(caller, access(ctx), ctx.pathParam("login"));
        ctx.status(204);
    }
}
