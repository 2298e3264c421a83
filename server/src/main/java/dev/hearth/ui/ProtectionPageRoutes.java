package dev.hearth.ui;

import dev.hearth.error.HearthException;
import dev.hearth.repos.ProtectionService;
import dev.hearth.repos.RepoAction;
import dev.hearth.repos.RepoService;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Arrays;
import java.util.List;

/**
 * Protected branches for a repository's admins: the rules (force pushes, deletions, admins
 * bound too, who may push) per branch or pattern, through the API's {@link ProtectionService},
 * which every push over HTTP and SSH and every API commit obeys.
 */
final class ProtectionPageRoutes implements Routes {
    private final Pages pages;
    private final RepoContext repos;
    private final ProtectionService protections;

    ProtectionPageRoutes(Pages pages, RepoContext repos, ProtectionService protections) {
        this.pages = pages;
        this.repos = repos;
        this.protections = protections;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get("/{owner}/{repo}/settings/branches", ctx -> show(ctx, admin(ctx), "", "", FormErrors.NONE));
        r.post("/{owner}/{repo}/settings/branches", this::put);
        r.post("/{owner}/{repo}/settings/branches/delete", this::delete);
    }

    private RepoService.Access admin(Context ctx) {
        pages.require(ctx);
        return repos.access(ctx).require(RepoAction.MANAGE_PROTECTION);
    }

    private void show(Context ctx, RepoService.Access access, String pattern, String pushers, FormErrors errors) {
        RepoHeader header = RepoContext.header(access, "settings");
        List<ProtectionPage.Row> rows = protections.all(access.repo().id()).stream()
                .map(p -> new ProtectionPage.Row(p.pattern(), p.allowForcePushes(), p.allowDeletions(), p.enforceAdmins(),
                        p.pushers().map(ids -> String.join(", ", protections.logins(ids))).orElse(""))).toList();
        pages.render(ctx, "protections.jte", pages.chrome(ctx, "Protected branches · " + header.fullName()),
                new ProtectionPage(header, rows, pattern, pushers, errors));
    }

    private void put(Context ctx) {
        RepoService.Access access = admin(ctx);
        String pattern = Pages.field(ctx, "pattern").strip();
        String pushers = Pages.field(ctx, "pushers").strip();
        List<String> logins = pushers.isEmpty() ? null
                : Arrays.stream(pushers.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
        try {
            protections.put(access, pattern, ctx.formParam("allow_force_pushes") != null,
                    ctx.formParam("allow_deletions") != null, ctx.formParam("enforce_admins") != null, logins);
            ctx.redirect(RepoContext.header(access, "settings").base() + "/settings/branches", HttpStatus.SEE_OTHER);
        } catch (HearthException e) {
            FormErrors errors = FormErrors.of(e);
            ctx.status(422);
            show(ctx, access, pattern, pushers, errors);
        }
    }

    private void delete(Context ctx) {
        RepoService.Access access = admin(ctx);
        protections.delete(access, Pages.field(ctx, "pattern"));
        ctx.redirect(RepoContext.header(access, "settings").base() + "/settings/branches", HttpStatus.SEE_OTHER);
    }
}
