package dev.hearth.ui;

import dev.hearth.accounts.Principal;
import dev.hearth.browse.RepoBrowser;
import dev.hearth.error.HearthException;
import dev.hearth.repos.Permission;
import dev.hearth.repos.RepoAction;
import dev.hearth.repos.RepoService;
import dev.hearth.repos.Repository;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.util.List;

/**
 * A repository's settings for its admins: name, description, visibility and default branch;
 * collaborators; deletion behind typing the repository's name. The same {@link RepoService}
 * calls as the API's, so the same checks, audit entries and events.
 */
final class RepoSettingsRoutes implements Routes {
    private final Pages pages;
    private final RepoContext repos;
    private final RepoService service;

    RepoSettingsRoutes(Pages pages, RepoContext repos, RepoService service) {
        this.pages = pages;
        this.repos = repos;
        this.service = service;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get("/{owner}/{repo}/settings", ctx -> show(ctx, admin(ctx), null, FormErrors.NONE, "", FormErrors.NONE,
                FormErrors.NONE));
        r.post("/{owner}/{repo}/settings", this::update);
        r.post("/{owner}/{repo}/settings/collaborators", this::addCollaborator);
        r.post("/{owner}/{repo}/settings/collaborators/{login}/delete", this::removeCollaborator);
        r.post("/{owner}/{repo}/settings/delete", this::delete);
    }

    /**
     * The repository, for a signed-in maintainer or admin of it (others: 403, or 404 if they may
     * not even read it). What only admins may do is checked again by each action.
     */
    private RepoService.Access admin(Context ctx) {
        pages.require(ctx);
        return repos.access(ctx).require(RepoAction.EDIT_DETAILS);
    }

    private void show(Context ctx, RepoService.Access access, Repository typed, FormErrors errors, String collaborator,
                      FormErrors collaboratorErrors, FormErrors deleteErrors) throws IOException {
        Repository r = typed == null ? access.repo() : typed;
        RepoHeader header = RepoContext.header(access, "settings");
        List<String> branches;
        try (RepoBrowser.View view = repos.open(access)) {
            branches = view.branches().stream().map(RepoBrowser.RefName::name).toList();
        }
        List<RepoSettingsPage.Collaborator> collaborators = service.collaborators(access, 100, 0).items().stream()
                .map(c -> new RepoSettingsPage.Collaborator(c.login(), c.permission().wire(),
                        header.base() + "/settings/collaborators/" + RepoHeader.segment(c.login()) + "/delete")).toList();
        pages.render(ctx, "reposettings.jte", pages.chrome(ctx, "Settings · " + header.fullName()),
                new RepoSettingsPage(header, r.name(), r.description() == null ? "" : r.description(), r.isPrivate(),
                        r.defaultBranch(), branches, collaborators, errors, collaborator, collaboratorErrors, deleteErrors,
                        new RepoSettingsPage.Allowed(access.may(RepoAction.RENAME), access.may(RepoAction.CHANGE_VISIBILITY),
                                access.may(RepoAction.CHANGE_DEFAULT_BRANCH), access.may(RepoAction.MANAGE_COLLABORATORS),
                                access.may(RepoAction.MANAGE_HOOKS), access.may(RepoAction.MANAGE_PROTECTION),
                                access.may(RepoAction.DELETE))));
    }

    private void update(Context ctx) throws IOException {
        RepoService.Access access = admin(ctx);
        Principal who = pages.require(ctx);
        String name = Pages.field(ctx, "name").strip();
        String description = Pages.field(ctx, "description");
        boolean isPrivate = ctx.formParam("private") != null;
        String branch = Pages.field(ctx, "default_branch");
        try {
            Repository now = service.update(who, access, new RepoService.Changes(name, description, isPrivate,
                    branch.isBlank() ? null : branch));
            ctx.redirect(RepoContext.header(access.updated(now), "settings").base() + "/settings",
                    HttpStatus.SEE_OTHER);
        } catch (HearthException e) {
            FormErrors errors = FormErrors.of(e);
            Repository typed = new Repository(access.repo().id(), access.repo().ownerId(), access.repo().ownerLogin(), name,
                    description, isPrivate, branch, access.repo().createdAt(), access.repo().updatedAt(), access.repo().pushedAt());
            ctx.status(422);
            show(ctx, access, typed, errors, "", FormErrors.NONE, FormErrors.NONE);
        }
    }

    private void addCollaborator(Context ctx) throws IOException {
        RepoService.Access access = admin(ctx).require(RepoAction.MANAGE_COLLABORATORS);
        Principal who = pages.require(ctx);
        String login = Pages.field(ctx, "login").strip();
        try {
            service.putCollaborator(who, access, login, Permission.parseGrant(Pages.field(ctx, "permission")));
            ctx.redirect(RepoContext.header(access, "settings").base() + "/settings", HttpStatus.SEE_OTHER);
        } catch (HearthException e) {
            // An unknown login is a mistake in the form here, not a missing page.
            FormErrors errors = e.category() == dev.hearth.error.ErrorCategory.NOT_FOUND
                    ? new FormErrors(java.util.Map.of("login", "there is no user " + login), null) : FormErrors.of(e);
            ctx.status(422);
            show(ctx, access, null, FormErrors.NONE, login, errors, FormErrors.NONE);
        }
    }

    private void removeCollaborator(Context ctx) {
        RepoService.Access access = admin(ctx).require(RepoAction.MANAGE_COLLABORATORS);
        service.removeCollaborator(pages.require(ctx), access, ctx.pathParam("login"));
        ctx.redirect(RepoContext.header(access, "settings").base() + "/settings", HttpStatus.SEE_OTHER);
    }

    private void delete(Context ctx) throws IOException {
        RepoService.Access access = admin(ctx).require(RepoAction.DELETE);
        if (!Pages.field(ctx, "confirm").strip().equals(access.repo().name())) {
            ctx.status(422);
            show(ctx, access, null, FormErrors.NONE, "", FormErrors.NONE, new FormErrors(java.util.Map.of("confirm",
                    "type the repository's name, " + access.repo().name() + ", to delete it"), null));
            return;
        }
        service.delete(pages.require(ctx), access);
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }
}
