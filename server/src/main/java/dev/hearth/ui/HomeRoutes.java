package dev.hearth.ui;

import dev.hearth.accounts.Principal;
import dev.hearth.accounts.User;
import dev.hearth.activity.Activity;
import dev.hearth.activity.Event;
import dev.hearth.error.HearthException;
import dev.hearth.repos.Repository;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The home page (a signed-in user's repositories and what happened in them lately; for a
 * visitor, the public repositories), {@code /explore} and a user's page {@code /{login}}.
 */
final class HomeRoutes implements Routes {
    private static final int LISTED = 100;
    /** How far back in the event stream the home page looks for what the user may see. */
    private static final int SCANNED_EVENTS = 500;
    private static final int SHOWN_EVENTS = 20;

    private final Pages pages;
    private final UiRoutes.Deps deps;

    HomeRoutes(Pages pages, UiRoutes.Deps deps) {
        this.pages = pages;
        this.deps = deps;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get("/", this::home);
        r.get("/explore", this::explore);
        r.get("/{login}", this::user);
    }

    private void home(Context ctx) {
        Optional<Principal> who = pages.caller(ctx);
        if (who.isEmpty()) {
            explore(ctx);
            return;
        }
        Instant now = Instant.now();
        List<PeoplePages.RepoRow> repos = deps.repos().listMemberOf(who.get(), LISTED, 0).items().stream()
                .map(r -> row(r, now)).toList();
        pages.render(ctx, "home.jte", pages.chrome(ctx, "Home"),
                new PeoplePages.Home(who.get().login(), repos, activity(who.get(), now)));
    }

    private void explore(Context ctx) {
        Instant now = Instant.now();
        pages.render(ctx, "explore.jte", pages.chrome(ctx, "Explore"),
                new PeoplePages.Explore(deps.repos().listPublic(LISTED, 0).stream().map(r -> row(r, now)).toList()));
    }

    private void user(Context ctx) {
        String login = ctx.pathParam("login");
        User user = deps.accounts().find(login).orElseThrow(() -> HearthException.notFound("No user " + login));
        Optional<Principal> who = pages.caller(ctx);
        Instant now = Instant.now();
        List<PeoplePages.RepoRow> repos = deps.repos().listOwnedBy(who, user.login(), LISTED, 0).items().stream()
                .map(r -> row(r, now)).toList();
        pages.render(ctx, "user.jte", pages.chrome(ctx, user.login()), new PeoplePages.User(user.login(),
                Ago.exact(user.createdAt()), repos, who.map(p -> p.userId() == user.id()).orElse(false)));
    }

    private static PeoplePages.RepoRow row(Repository r, Instant now) {
        Instant updated = r.pushedAt() != null ? r.pushedAt() : r.updatedAt();
        return new PeoplePages.RepoRow(r.fullName(), "/" + RepoHeader.segment(r.ownerLogin()) + "/" + RepoHeader.segment(r.name()),
                r.description(), r.isPrivate(), Ago.since(updated, now));
    }

    /** The newest events of repositories the user may read now, in words. */
    private List<PeoplePages.ActivityRow> activity(Principal who, Instant now) {
        long last = deps.activity().lastId();
        List<Event> events = deps.activity().after(Math.max(0, last - SCANNED_EVENTS), SCANNED_EVENTS);
        Map<Long, Boolean> readable = new HashMap<>();
        List<PeoplePages.ActivityRow> rows = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0 && rows.size() < SHOWN_EVENTS; i--) {
            Event e = events.get(i);
            if (!(e.activity() instanceof Activity.RepoActivity a)) continue; // events about a user are private to them
            boolean canRead = readable.computeIfAbsent(a.repo().id(),
                    id -> deps.repos().lookup(Optional.of(who), id).isPresent());
            if (!canRead) continue;
            rows.add(new PeoplePages.ActivityRow(a.actor().login(), "/" + RepoHeader.segment(a.actor().login()),
                    describe(a), a.repo().fullName(), "/" + RepoHeader.segment(a.repo().owner()) + "/"
                    + RepoHeader.segment(a.repo().name()), Ago.since(e.createdAt(), now), Ago.exact(e.createdAt())));
        }
        return rows;
    }

    private static String describe(Activity.RepoActivity a) {
        return switch (a) {
            case Activity.RepositoryCreated c -> "created";
            case Activity.RepositoryRenamed r -> "renamed " + r.fromName() + " to";
            case Activity.RepositoryDeleted d -> "deleted";
            case Activity.VisibilityChanged v -> "made " + (v.isPrivate() ? "private" : "public");
            case Activity.Pushed p when p.deleted() -> "deleted " + shortRef(p.ref()) + " in";
            case Activity.Pushed p -> "pushed " + p.totalCommits() + (p.totalCommits() == 1 ? " commit" : " commits")
                    + " to " + shortRef(p.ref()) + " in";
            case Activity.RefCreated c -> "created " + shortRef(c.ref()) + " in";
            case Activity.RefDeleted d -> "deleted " + shortRef(d.ref()) + " in";
            case Activity.CollaboratorAdded m -> "added " + m.member().login() + " to";
            case Activity.CollaboratorRemoved m -> "removed " + m.member().login() + " from";
        };
    }

    private static String shortRef(String ref) {
        return org.eclipse.jgit.lib.Repository.shortenRefName(ref);
    }
}
