package dev.hearth.browse;

import dev.hearth.web.Conditional;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * {@code /tarball/{ref}} and {@code /zipball/{ref}}: the archive streams out as the tree is
 * walked. GitHub redirects to a download host; Hearth answers with the archive itself.
 */
final class ArchiveRoutes extends AbstractBrowseRoutes {
    /** GitHub names archives and their top directory with seven characters of the sha. */
    private static final int SHORT_SHA = 7;

    ArchiveRoutes(Deps deps) {
        super(deps);
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        for (Archiver.Format format : Archiver.Format.values()) {
            String kind = format == Archiver.Format.ZIP ? "zipball" : "tarball";
            r.get(REPO + "/" + kind, withRepo((ctx, repo) -> archive(ctx, repo, format)));
            r.get(REPO + "/" + kind + "/<ref>", withRepo((ctx, repo) -> archive(ctx, repo, format)));
        }
    }

    private void archive(Context ctx, OpenRepo repo, Archiver.Format format) throws IOException {
        String ref = optionalPath(ctx, "ref");
        RevCommit commit = repo.commit(ref);
        if (Conditional.notModified(ctx, Conditional.strong(commit.name(), format.name()), OpenRepo.isFullSha(ref))) {
            return;
        }
        String name = repo.meta().name() + "-" + commit.name().substring(0, SHORT_SHA);
        ctx.status(200);
        ctx.res().setContentType(format.contentType);
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + format.extension + "\"");
        ctx.header("X-Content-Type-Options", "nosniff");
        Archiver.write(repo, commit, name + "/", format, ctx.res().getOutputStream());
    }
}
