package dev.hearth.browse;

import dev.hearth.accounts.AccountService;
import dev.hearth.accounts.Principal;
import dev.hearth.repos.RepoService;
import dev.hearth.repos.RepoStore;
import dev.hearth.web.Authentication;
import dev.hearth.web.PublicUrl;
import dev.hearth.web.Routes;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;

/**
 * The read side of repositories, in GitHub's REST shapes: refs, commits, comparisons, trees,
 * blobs, contents, READMEs, archives and raw files. Everything is computed in process with JGit.
 * Builds the browse services once, with one shared cache, and registers each area's routes.
 */
public final class BrowseRoutes implements Routes {
    /** The shared cache's budget; see {@link BrowseCache} for what it holds. */
    static final long CACHE_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8);

    /** The budget of the last-commit-per-entry answers of directory pages (and their commit-graphs). */
    public static final long LAST_COMMITS_BYTES = Math.min(32L << 20, Runtime.getRuntime().maxMemory() / 16);

    private final List<Routes> areas;
    private final RepoBrowser browser;

    public BrowseRoutes(RepoService repos, RepoStore store, AccountService accounts, Authentication<Principal> auth,
                        PublicUrl publicUrl, LastCommits lastCommits) {
        AbstractBrowseRoutes.Deps deps = new AbstractBrowseRoutes.Deps(repos, store, auth, publicUrl);
        BrowseCache cache = new BrowseCache(CACHE_BYTES);
        Diffs diffs = new Diffs(cache);
        Trees trees = new Trees(Trees.MAX_ENTRIES, cache);
        CommitLog log = new CommitLog(cache);
        Compare compare = new Compare(cache);
        Readme readme = new Readme(new Markdown());
        this.areas = List.of(
                new RefRoutes(deps),
                new CommitRoutes(deps, accounts, log, diffs, compare, cache),
                new GitObjectRoutes(deps, trees, cache),
                new ContentRoutes(deps, trees, readme, cache),
                new ArchiveRoutes(deps, cache));
        this.browser = new RepoBrowser(store, trees, log, diffs, compare, readme, cache, lastCommits);
    }

    /** The same services, and the same cache, for the web UI's pages. */
    public RepoBrowser browser() {
        return browser;
    }

    @Override
    public void register(JavalinDefaultRoutingApi routes) {
        areas.forEach(area -> area.register(routes));
    }
}
