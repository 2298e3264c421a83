package dev.hearth.browse;

import dev.hearth.error.HearthException;
import dev.hearth.web.Conditional;
import dev.hearth.web.PageRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;

/**
 * Branches, tags and the git data API's refs. A listing's tag is a digest of every ref it
 * shows, so any push that changes one of them changes the tag.
 */
final class RefRoutes extends AbstractBrowseRoutes {

    RefRoutes(Deps deps) {
        super(deps);
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get(REPO + "/branches", withRepo((ctx, repo) ->
                page(ctx, repo, Refs.branches(repo), RefJson::branch)));
        r.get(REPO + "/branches/<branch>", withRepo(this::branch));
        r.get(REPO + "/tags", withRepo((ctx, repo) ->
                page(ctx, repo, Refs.tags(repo).reversed(), RefJson::tag)));
        r.get(REPO + "/git/refs", withRepo((ctx, repo) -> {
            if (repo.isEmpty()) throw HearthException.conflict(OpenRepo.EMPTY);
            page(ctx, repo, Refs.matching(repo, Constants.R_REFS), RefJson::gitRef);
        }));
        // The older single path: one ref when the name matches exactly, else every ref it prefixes.
        r.get(REPO + "/git/refs/<ref>", withRepo((ctx, repo) -> gitRef(ctx, repo, true)));
        r.get(REPO + "/git/ref/<ref>", withRepo((ctx, repo) -> gitRef(ctx, repo, false)));
        r.get(REPO + "/git/matching-refs/<ref>", withRepo((ctx, repo) -> {
            List<Refs.Named> refs = Refs.matching(repo, Constants.R_REFS + ctx.pathParam("ref"));
            page(ctx, repo, refs, RefJson::gitRef);
        }));
    }

    private void branch(Context ctx, OpenRepo repo) throws IOException {
        String name = ctx.pathParam("branch");
        Ref ref = repo.branch(name).orElseThrow(() -> HearthException.notFound("Branch not found"));
        var commit = repo.walk().parseCommit(ref.getObjectId());
        if (Conditional.notModified(ctx, Conditional.strong(commit.name(), "branch"), false)) return;
        Links links = links(ctx, repo);
        ctx.json(new RefJson.BranchDetail(name, CommitJson.of(CommitInfo.of(commit), links),
                new RefJson.BranchLinks(links.api() + "/branches/" + Links.path(name), links.html() + "/tree/"
                        + Links.path(name)), false, links.api() + "/branches/" + Links.path(name) + "/protection"));
    }

    private void gitRef(Context ctx, OpenRepo repo, boolean prefixMatches) throws IOException {
        String full = Constants.R_REFS + ctx.pathParam("ref");
        List<Refs.Named> refs = Refs.matching(repo, full);
        List<Refs.Named> exact = refs.stream().filter(n -> n.name().equals(full)).toList();
        Links links = links(ctx, repo);
        if (!exact.isEmpty()) {
            Refs.Named ref = exact.getFirst();
            if (Conditional.notModified(ctx, Conditional.strong(ref.target().name(), "ref"), false)) return;
            ctx.json(RefJson.gitRef(ref, links));
        } else if (prefixMatches && !refs.isEmpty()) {
            page(ctx, repo, refs, RefJson::gitRef);
        } else {
            throw HearthException.notFound("Not Found");
        }
    }

    private <T> void page(Context ctx, OpenRepo repo, List<Refs.Named> refs,
                          BiFunction<Refs.Named, Links, T> json) {
        PageRequest page = PageRequest.from(ctx);
        String[] parts = new String[refs.size() * 2 + 2];
        parts[0] = ctx.path();
        parts[1] = page.page() + "/" + page.perPage();
        for (int i = 0; i < refs.size(); i++) {
            parts[2 + 2 * i] = refs.get(i).name();
            parts[3 + 2 * i] = refs.get(i).target().name();
        }
        if (Conditional.notModified(ctx, Conditional.of(parts), false)) return;
        page.writeLinks(ctx, refs.size());
        int from = (int) Math.min(refs.size(), page.offset());
        int to = Math.min(refs.size(), from + page.perPage());
        Links links = links(ctx, repo);
        ctx.json(refs.subList(from, to).stream().map(r -> json.apply(r, links)).toList());
    }
}
