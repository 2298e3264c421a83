package dev.hearth.ui;

import dev.hearth.browse.RepoBrowser;
import dev.hearth.error.HearthException;
import dev.hearth.repos.RepoAction;
import dev.hearth.repos.RepoService;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What every repository page shares: the repository as the visitor may see it (through
 * {@link RepoService}, as the API: a private one they may not read is a 404 page), its header,
 * clone URLs and the branch and tag selector.
 */
final class RepoContext {
    private final UiRoutes.Deps deps;
    private final Pages pages;

    RepoContext(UiRoutes.Deps deps, Pages pages) {
        this.deps = deps;
        this.pages = pages;
    }

    RepoService.Access access(Context ctx) {
        return deps.repos().find(pages.caller(ctx), ctx.pathParam("owner"), ctx.pathParam("repo"));
    }

    RepoBrowser.View open(RepoService.Access access) {
        return deps.browser().open(access);
    }

    static RepoHeader header(RepoService.Access a, String tab) {
        return new RepoHeader(a.repo().ownerLogin(), a.repo().name(), a.repo().description(), a.repo().isPrivate(),
                a.may(RepoAction.EDIT_DETAILS), tab);
    }

    Clone clone(Context ctx, RepoHeader repo) {
        String path = "/" + repo.owner() + "/" + repo.name() + ".git";
        return new Clone(deps.publicUrl().base(ctx) + path, deps.publicUrl().sshBase(ctx).map(b -> b + path).orElse(null));
    }

    /** The selector, each choice leading to {@code link(ref, path)}. */
    static RefPicker picker(RepoBrowser.View view, String ref, String commit, BiFunction<String, String, String> link,
                            String path) throws IOException {
        List<RepoBrowser.RefName> branches = view.branches();
        boolean isBranch = branches.stream().anyMatch(b -> b.name().equals(ref));
        return new RefPicker(ref, commit, isBranch,
                branches.stream().map(b -> new RefPicker.Choice(b.name(), link.apply(b.name(), path), b.name().equals(ref))).toList(),
                view.tags().stream().map(t -> new RefPicker.Choice(t.name(), link.apply(t.name(), path), t.name().equals(ref))).toList());
    }

    /** The ref and path of a {@code <refpath>} URL parameter; 404 when no ref fits. */
    static RepoBrowser.Located locate(RepoBrowser.View view, String refAndPath) throws IOException {
        if (view.isEmpty()) throw HearthException.notFound("This repository is empty");
        return view.locate(refAndPath).orElseThrow(() -> HearthException.notFound("No branch, tag or commit " + refAndPath));
    }

    Live live(Context ctx, RepoHeader repo, RefPicker refs) {
        return refs.isBranch() && pages.caller(ctx).isPresent() ? new Live(repo.fullName(), refs.current(), refs.commit()) : null;
    }
}
