package dev.hearth.repos;

import dev.hearth.accounts.Principal;
import dev.hearth.error.HearthException;
import dev.hearth.web.Authentication;
import dev.hearth.web.JsonBody;
import dev.hearth.web.PublicUrl;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v3/repos/{owner}/{repo}/branches/{branch}/protection}: GitHub's shape, the part
 * that applies. GitHub's other fields are accepted when null (or false), and refused otherwise.
 * Registered before the browse routes, since a branch pattern may contain slashes.
 */
public final class ProtectionRoutes implements Routes {
    private final RepoService repos;
    private final ProtectionService protections;
    private final Authentication<Principal> auth;
    private final JsonBody body;
    private final PublicUrl publicUrl;

    public ProtectionRoutes(RepoService repos, ProtectionService protections, Authentication<Principal> auth, JsonBody body,
                            PublicUrl publicUrl) {
        this.repos = repos;
        this.protections = protections;
        this.auth = auth;
        this.body = body;
        this.publicUrl = publicUrl;
    }

    record Restrictions(List<String> users, List<String> teams, List<String> apps) {}

    record Put(Object requiredStatusChecks, Boolean enforceAdmins, Object requiredPullRequestReviews,
               Restrictions restrictions, Boolean allowForcePushes, Boolean allowDeletions, Boolean requiredLinearHistory,
               Boolean requiredConversationResolution, Boolean blockCreations, Boolean lockBranch, Boolean allowForkSyncing,
               Boolean requiredSignatures) {}

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        String path = "/api/v3/repos/{owner}/{repo}/branches/<branch>/protection";
        r.get(path, ctx -> {
            RepoService.Access access = access(ctx);
            String pattern = ctx.pathParam("branch");
            BranchProtection p = protections.get(access, pattern)
                    .orElseThrow(() -> HearthException.notFound("Branch not protected"));
            ctx.json(json(ctx, access, p));
        });
        r.put(path, this::put);
        r.delete(path, ctx -> {
            protections.delete(access(ctx), ctx.pathParam("branch"));
            ctx.status(204);
        });
    }

    private RepoService.Access access(Context ctx) {
        auth.require(ctx);
        return repos.find(auth.caller(ctx), ctx.pathParam("owner"), ctx.pathParam("repo"));
    }

    private void put(Context ctx) {
        RepoService.Access access = access(ctx);
        Put req = body.read(ctx, Put.class);
        unsupported("required_status_checks", req.requiredStatusChecks() != null);
        unsupported("required_pull_request_reviews", req.requiredPullRequestReviews() != null);
        unsupported("required_linear_history", Boolean.TRUE.equals(req.requiredLinearHistory()));
        unsupported("required_conversation_resolution", Boolean.TRUE.equals(req.requiredConversationResolution()));
        unsupported("block_creations", Boolean.TRUE.equals(req.blockCreations()));
        unsupported("lock_branch", Boolean.TRUE.equals(req.lockBranch()));
        unsupported("required_signatures", Boolean.TRUE.equals(req.requiredSignatures()));
        if (req.restrictions() != null && ((req.restrictions().teams() != null && !req.restrictions().teams().isEmpty())
                || (req.restrictions().apps() != null && !req.restrictions().apps().isEmpty()))) {
            throw HearthException.invalid("restrictions", "Hearth restricts pushes to users only");
        }
        BranchProtection p = protections.put(access, ctx.pathParam("branch"), Boolean.TRUE.equals(req.allowForcePushes()),
                Boolean.TRUE.equals(req.allowDeletions()), Boolean.TRUE.equals(req.enforceAdmins()),
                req.restrictions() == null ? null : req.restrictions().users() == null ? List.of() : req.restrictions().users());
        ctx.json(json(ctx, access, p));
    }

    private static void unsupported(String field, boolean set) {
        if (set) throw HearthException.invalid(field, "is not supported by Hearth; send null");
    }

    private Map<String, Object> json(Context ctx, RepoService.Access access, BranchProtection p) {
        String url = publicUrl.base(ctx) + "/api/v3/repos/" + access.repo().fullName() + "/branches/" + p.pattern() + "/protection";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        m.put("required_status_checks", null);
        m.put("required_pull_request_reviews", null);
        m.put("enforce_admins", Map.of("url", url + "/enforce_admins", "enabled", p.enforceAdmins()));
        m.put("allow_force_pushes", Map.of("enabled", p.allowForcePushes()));
        m.put("allow_deletions", Map.of("enabled", p.allowDeletions()));
        p.pushers().ifPresent(ids -> m.put("restrictions", Map.of("url", url + "/restrictions",
                "users", protections.logins(ids).stream().map(l -> Map.of("login", l)).toList(),
                "teams", List.of(), "apps", List.of())));
        return m;
    }
}
