package dev.hearth.ui;

import dev.hearth.browse.RepoBrowser;
import dev.hearth.error.HearthException;
import dev.hearth.repos.RepoService;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A repository's history: commit lists ({@code /commits/{ref}}, paged, optionally for a path),
 * one commit with its diff, branches, tags and comparisons ({@code /compare/{base}...{head}}).
 */
final class HistoryRoutes implements Routes {
    static final int PER_PAGE = 30;
    private static final int MAX_REFS = 200;

    private final Pages pages;
    private final RepoContext repos;

    HistoryRoutes(Pages pages, RepoContext repos) {
        this.pages = pages;
        this.repos = repos;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get("/{owner}/{repo}/commits", this::commits);
        r.get("/{owner}/{repo}/commits/<refpath>", this::commits);
        r.get("/{owner}/{repo}/commit/{sha}", this::commit);
        r.get("/{owner}/{repo}/branches", ctx -> refs(ctx, false));
        r.get("/{owner}/{repo}/tags", ctx -> refs(ctx, true));
        r.get("/{owner}/{repo}/compare/<basehead>", this::compare);
    }

    private void commits(Context ctx) throws IOException {
        RepoService.Access access = repos.access(ctx);
        RepoHeader header = RepoContext.header(access, "commits");
        try (RepoBrowser.View view = repos.open(access)) {
            String refpath = ctx.pathParamMap().getOrDefault("refpath", access.repo().defaultBranch());
            RepoBrowser.Located at = RepoContext.locate(view, refpath);
            String path = ctx.queryParam("path") != null && !ctx.queryParam("path").isBlank() ? ctx.queryParam("path") : at.path();
            int page = page(ctx);
            List<RepoBrowser.Commit> found = view.log(at.commit(), path, (long) (page - 1) * PER_PAGE, PER_PAGE + 1);
            Instant now = Instant.now();
            List<CommitRow> rows = found.stream().limit(PER_PAGE).map(c -> CommitRow.of(header, c, now)).toList();
            String here = header.commits(at.ref()) + "?" + (path.isEmpty() ? "" : "path=" + RepoHeader.segment(path) + "&");
            RefPicker refs = RepoContext.picker(view, at.ref(), at.commit(), (ref, p) -> header.commits(ref), path);
            pages.render(ctx, "commits.jte", pages.chrome(ctx, "Commits · " + header.fullName()),
                    new HistoryPages.Commits(header, refs, path, rows, page > 1 ? here + "page=" + (page - 1) : null,
                            found.size() > PER_PAGE ? here + "page=" + (page + 1) : null, repos.live(ctx, header, refs)));
        }
    }

    private static int page(Context ctx) {
        String p = ctx.queryParam("page");
        if (p == null || p.isBlank()) return 1;
        try {
            int n = Integer.parseInt(p);
            if (n < 1 || n > 100_000) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw HearthException.invalid("page", "must be a page number from 1");
        }
    }

    private void commit(Context ctx) throws IOException {
        RepoService.Access access = repos.access(ctx);
        RepoHeader header = RepoContext.header(access, "commits");
        try (RepoBrowser.View view = repos.open(access)) {
            String sha = ctx.pathParam("sha");
            RepoBrowser.Commit c = view.commit(sha).orElseThrow(() -> HearthException.notFound("No commit " + sha));
            Instant now = Instant.now();
            List<CommitRow> parents = new ArrayList<>();
            for (String p : c.parents()) view.commit(p).ifPresent(pc -> parents.add(CommitRow.of(header, pc, now)));
            pages.render(ctx, "commit.jte", pages.chrome(ctx, c.summary() + " · " + header.fullName()),
                    new HistoryPages.Commit(header, c.sha(), c.summary(), c.body(), c.authorName(), c.authorEmail(),
                            Ago.since(c.authorDate(), now), Ago.exact(c.authorDate()), c.committerName(), parents,
                            header.tree(c.sha(), ""), DiffView.of(view.diff(c))));
        }
    }

    private void refs(Context ctx, boolean tags) throws IOException {
        RepoService.Access access = repos.access(ctx);
        RepoHeader header = RepoContext.header(access, tags ? "tags" : "branches");
        try (RepoBrowser.View view = repos.open(access)) {
            Instant now = Instant.now();
            String main = access.repo().defaultBranch();
            List<HistoryPages.RefRow> rows = new ArrayList<>();
            for (RepoBrowser.RefName ref : (tags ? view.tags() : view.branches()).stream().limit(MAX_REFS).toList()) {
                RepoBrowser.Commit c = view.commit(ref.sha()).orElse(null);
                if (c == null) continue;
                rows.add(new HistoryPages.RefRow(ref.name(), header.tree(ref.name(), ""), CommitRow.of(header, c, now),
                        tags || ref.name().equals(main) ? null : header.compare(main, ref.name())));
            }
            if (!tags) {
                // The default branch first, as people look for it.
                rows.sort(java.util.Comparator.comparing((HistoryPages.RefRow r) -> r.name().equals(main) ? 0 : 1));
            }
            pages.render(ctx, "refs.jte", pages.chrome(ctx, (tags ? "Tags" : "Branches") + " · " + header.fullName()),
                    new HistoryPages.Refs(header, tags, main, rows));
        }
    }

    private void compare(Context ctx) throws IOException {
        RepoService.Access access = repos.access(ctx);
        RepoHeader header = RepoContext.header(access, "branches");
        String basehead = ctx.pathParam("basehead");
        int dots = basehead.indexOf("...");
        if (dots <= 0 || dots + 3 >= basehead.length()) throw HearthException.notFound("Compare two refs: {base}...{head}");
        String baseRef = basehead.substring(0, dots);
        String headRef = basehead.substring(dots + 3);
        try (RepoBrowser.View view = repos.open(access)) {
            RepoBrowser.Commit base = view.commit(baseRef).orElseThrow(() -> HearthException.notFound("No ref " + baseRef));
            RepoBrowser.Commit head = view.commit(headRef).orElseThrow(() -> HearthException.notFound("No ref " + headRef));
            RepoBrowser.Comparison cmp = view.compare(base, head);
            Instant now = Instant.now();
            pages.render(ctx, "compare.jte", pages.chrome(ctx, baseRef + "..." + headRef + " · " + header.fullName()),
                    new HistoryPages.Compare(header, baseRef, headRef, cmp.status(), cmp.aheadBy(), cmp.behindBy(),
                            cmp.commits().stream().map(c -> CommitRow.of(header, c, now)).toList(), DiffView.of(cmp.diff())));
        }
    }
}
