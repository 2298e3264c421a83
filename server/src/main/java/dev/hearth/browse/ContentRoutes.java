package dev.hearth.browse;

import dev.hearth.error.HearthException;
import dev.hearth.web.Conditional;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Files and directories at a ref ({@code /contents}, {@code /readme}) and raw files for browsers
 * ({@code /{owner}/{repo}/raw/{ref}/{path}}). An answer is tagged with the sha of the blob or
 * tree it shows, so it stays valid across pushes that do not touch that path.
 */
final class ContentRoutes extends AbstractBrowseRoutes {
    private final Trees trees;
    private final Readme readme;
    private final BrowseCache cache;

    ContentRoutes(Deps deps, Trees trees, Readme readme, BrowseCache cache) {
        super(deps);
        this.trees = trees;
        this.readme = readme;
        this.cache = cache;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get(REPO + "/contents", withRepo(this::contents));
        r.get(REPO + "/contents/<path>", withRepo(this::contents));
        r.get(REPO + "/readme", withRepo(this::readme));
        r.get(REPO + "/readme/<path>", withRepo(this::readme));
        r.get("/{owner}/{repo}/raw/<refpath>", withRepo(this::raw));
    }

    /** A commit and the ref as the client named it, for the URLs in the answer. */
    private record At(RevCommit commit, String ref, boolean immutable) {}

    private static At at(Context ctx, OpenRepo repo) throws IOException {
        String ref = ctx.queryParam("ref");
        RevCommit commit = repo.commit(ref);
        boolean given = ref != null && !ref.isBlank();
        return new At(commit, given ? ref : repo.meta().defaultBranch(), given && OpenRepo.isFullSha(ref));
    }

    /** A contents answer: the object shown (a tree's listing or a file), where, under which ref name, with which links. */
    private record ContentKey(long repoId, ObjectId object, String path, String ref, Links links) {}

    private void contents(Context ctx, OpenRepo repo) throws IOException {
        String path = Trees.checkPath(optionalPath(ctx, "path"));
        At at = at(ctx, repo);
        Trees.Entry entry = trees.at(repo, at.commit().getTree(), path)
                .orElseThrow(() -> HearthException.notFound("Not Found"));
        Links links = links(ctx, repo);
        if (entry.isTree()) {
            // As on GitHub, a directory answers its first Trees.MAX_DIRECTORY_ENTRIES entries;
            // the git trees API lists more.
            if (Conditional.notModified(ctx, Conditional.strong(entry.id().name(), "dir"), at.immutable())) return;
            cachedJson(ctx, cache, new ContentKey(repo.id(), entry.id().copy(), path, at.ref(), links),
                    () -> trees.children(repo, entry.id(), path).entries().stream().map(e -> ContentJson.entry(e, at.ref(), links)).toList());
            return;
        }
        boolean raw = wantsRaw(ctx) && !entry.isSubmodule();
        if (Conditional.notModified(ctx, Conditional.strong(entry.id().name(), raw ? "raw" : "json"), at.immutable())) {
            return;
        }
        if (entry.isSubmodule()) {
            ctx.json(ContentJson.entry(entry, at.ref(), links));
        } else if (raw) {
            ObjectLoader loader = Blobs.open(repo, entry.id());
            sendRaw(ctx, loader, Blobs.isBinary(loader) ? "application/octet-stream" : "text/plain; charset=utf-8");
        } else if (entry.isSymlink()) {
            byte[] target = Blobs.bytes(Blobs.open(repo, entry.id()), Blobs.MAX_EMBEDDED);
            ctx.json(ContentJson.symlink(entry, at.ref(), links, new String(target, StandardCharsets.UTF_8)));
        } else {
            cachedJson(ctx, cache, new ContentKey(repo.id(), entry.id().copy(), path, at.ref(), links),
                    () -> fileJson(repo, entry, at.ref(), links));
        }
    }

    private static ContentJson fileJson(OpenRepo repo, Trees.Entry entry, String ref, Links links) throws IOException {
        if (entry.size() > Blobs.MAX_EMBEDDED) return ContentJson.file(entry, ref, links, "none", "");
        byte[] bytes = Blobs.bytes(Blobs.open(repo, entry.id()), Blobs.MAX_EMBEDDED);
        return ContentJson.file(entry, ref, links, "base64", Blobs.base64(bytes));
    }

    private void readme(Context ctx, OpenRepo repo) throws IOException {
        String dir = Trees.checkPath(optionalPath(ctx, "path"));
        At at = at(ctx, repo);
        Trees.Entry folder = trees.at(repo, at.commit().getTree(), dir).filter(Trees.Entry::isTree)
                .orElseThrow(() -> HearthException.notFound("Not Found"));
        Trees.Entry file = Readme.pick(trees.children(repo, folder.id(), dir).entries())
                .orElseThrow(() -> HearthException.notFound("Not Found"));
        boolean raw = wantsRaw(ctx);
        boolean html = !raw && wantsHtml(ctx);
        String variant = raw ? "raw" : html ? "html" : "json";
        if (Conditional.notModified(ctx, Conditional.of(file.path(), file.id().name(), variant), at.immutable())) return;
        ObjectLoader loader = Blobs.open(repo, file.id());
        if (raw) {
            sendRaw(ctx, loader, Blobs.isBinary(loader) ? "application/octet-stream" : "text/plain; charset=utf-8");
        } else if (html) {
            inert(ctx);
            ctx.contentType("text/html; charset=utf-8");
            ctx.result(readme.html(file.name(), Blobs.head(loader, Readme.MAX_RENDERED)));
        } else {
            ctx.json(fileJson(repo, file, at.ref(), links(ctx, repo)));
        }
    }

    /** {@code raw/{ref}/{path}}, where the ref itself may contain slashes (see {@link OpenRepo#locate}). */
    private void raw(Context ctx, OpenRepo repo) throws IOException {
        OpenRepo.RefAndPath at = repo.locate(ctx.pathParam("refpath"), true)
                .orElseThrow(() -> HearthException.notFound("Not Found"));
        String path = Trees.checkPath(at.path());
        RevCommit c = repo.commit(at.ref());
        Trees.Entry entry = trees.at(repo, c.getTree(), path)
                .filter(e -> e.isFile() || e.isSymlink())
                .orElseThrow(() -> HearthException.notFound("Not Found"));
        if (Conditional.notModified(ctx, Conditional.strong(entry.id().name(), "raw"), OpenRepo.isFullSha(at.ref()))) {
            inert(ctx);
            return;
        }
        ObjectLoader loader = Blobs.open(repo, entry.id());
        sendRaw(ctx, loader, Blobs.browserType(entry.name(), Blobs.isBinary(loader)));
    }
}
