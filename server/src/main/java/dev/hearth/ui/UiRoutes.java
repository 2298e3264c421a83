package dev.hearth.ui;

import dev.hearth.accounts.AccountService;
import dev.hearth.accounts.Principal;
import dev.hearth.accounts.SshKeyService;
import dev.hearth.accounts.TokenService;
import dev.hearth.activity.ActivityLog;
import dev.hearth.browse.RepoBrowser;
import dev.hearth.events.HookService;
import dev.hearth.repos.ProtectionService;
import dev.hearth.repos.RepoCreator;
import dev.hearth.repos.RepoService;
import dev.hearth.web.Authentication;
import dev.hearth.web.PublicUrl;
import dev.hearth.web.Routes;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * The web UI: server-rendered pages over the same services as the API. Registered after every
 * other feature, so its catch-all paths ({@code /{login}}, {@code /{owner}/{repo}}) never shadow
 * theirs; the names those need are reserved logins (see {@code accounts.Login}).
 */
public final class UiRoutes implements Routes {
    /** The services pages use, as the API's routes use them. */
    public record Deps(AccountService accounts, TokenService tokens, SshKeyService keys, RepoService repos,
                       RepoCreator creator, ProtectionService protections, RepoBrowser browser, ActivityLog activity, HookService hooks,
                       Authentication<Principal> auth, PublicUrl publicUrl) {}

    private final Pages pages;
    private final List<Routes> areas;

    public UiRoutes(Deps deps, Path dataDir, Clock clock, SecureRandom random) {
        Sessions sessions = new Sessions(SessionKey.load(dataDir, random), deps.accounts(), clock, random);
        this.pages = new Pages(sessions, deps.auth(), deps.publicUrl());
        RepoContext repos = new RepoContext(deps, pages);
        this.areas = List.of(
                new AssetRoutes(),
                new LoginRoutes(pages, deps.auth()),
                new SettingsRoutes(pages, deps), // before the repository pages: /settings/keys has their shape
                new RepoPageRoutes(pages, repos),
                new HistoryRoutes(pages, repos),
                new RepoSettingsRoutes(pages, repos, deps.repos()),
                new HookPageRoutes(pages, deps.hooks()),
                new ProtectionPageRoutes(pages, repos, deps.protections()),
                new HomeRoutes(pages, deps));
    }

    /** The error pages and the session reader, which the HTTP server and the events WebSocket need. */
    public Pages pages() {
        return pages;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.before(pages::before);
        r.exception(Pages.SignInRequired.class, (e, ctx) -> ctx.redirect(
                "/login?next=" + URLEncoder.encode(e.returnTo, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER));
        areas.forEach(area -> area.register(r));
    }
}
