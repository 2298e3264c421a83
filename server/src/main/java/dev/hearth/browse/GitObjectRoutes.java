package dev.hearth.browse;

import dev.hearth.error.HearthException;
import dev.hearth.web.Conditional;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTree;

/** The git data API's trees and blobs, addressed by sha (a tree also by a commit or ref). */
final class GitObjectRoutes extends AbstractBrowseRoutes {
    private final Trees trees;
    private final BrowseCache cache;

    GitObjectRoutes(Deps deps, Trees trees, BrowseCache cache) {
        super(deps);
        this.trees = trees;
        this.cache = cache;
    }

    /** A tree's answer, serialised, under its sha and its links (which name the host and the repository). */
    private record TreeAnswerKey(long repoId, ObjectId tree, boolean recursive, Links links) {}

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get(REPO + "/git/trees/<sha>", withRepo(this::tree));
        r.get(REPO + "/git/blobs/{sha}", withRepo(this::blob));
    }

    private void tree(Context ctx, OpenRepo repo) throws IOException {
        String sha = ctx.pathParam("sha");
        RevTree tree = OpenRepo.isFullSha(sha) ? treeOf(repo, sha) : repo.commit(sha).getTree();
        // As on GitHub, any value of recursive (even 0 or false) asks for the whole tree.
        boolean recursive = ctx.queryParam("recursive") != null;
        String variant = recursive ? "tree-recursive" : "tree";
        if (Conditional.notModified(ctx, Conditional.strong(tree.name(), variant), OpenRepo.isFullSha(sha))) return;
        // A recursive listing of a large tree is a megabyte of JSON; a tree never changes, so the
        // answer is kept serialised (measured: 6.4 ms of CPU per request before, see bench/browse-load.md).
        Links links = links(ctx, repo);
        cachedJson(ctx, cache, new TreeAnswerKey(repo.id(), tree.copy(), recursive, links),
                () -> TreeJson.of(trees.list(repo, tree, recursive), links));
    }

    /** A tree by its own sha, or the tree of a commit (or of what a tag points at). */
    private static RevTree treeOf(OpenRepo repo, String sha) throws IOException {
        ObjectId id = repo.object(sha).orElseThrow(() -> HearthException.notFound("No tree " + sha));
        try {
            RevObject object = repo.walk().peel(repo.walk().parseAny(id));
            if (object instanceof RevCommit commit) return commit.getTree();
            if (object instanceof RevTree tree) return tree;
        } catch (MissingObjectException e) {
            // answered below, like any other object that is not a tree
        }
        throw HearthException.notFound("No tree " + sha);
    }

    private void blob(Context ctx, OpenRepo repo) throws IOException {
        String sha = ctx.pathParam("sha");
        ObjectId id = repo.object(sha).orElseThrow(() -> HearthException.notFound("No blob " + sha));
        ObjectLoader loader = Blobs.open(repo, id);
        boolean raw = wantsRaw(ctx);
        if (Conditional.notModified(ctx, Conditional.strong(sha, raw ? "raw" : "blob"), true)) return;
        if (raw) {
            sendRaw(ctx, loader, "application/octet-stream");
            return;
        }
        byte[] bytes = Blobs.bytes(loader, Blobs.MAX_JSON_BLOB);
        ctx.json(new TreeJson.Blob(sha, bytes.length, links(ctx, repo).gitBlob(sha), Blobs.base64(bytes), "base64"));
    }
}
