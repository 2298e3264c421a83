package dev.hearth.ui;

import dev.hearth.browse.LastCommits;
import dev.hearth.browse.RepoBrowser;
import dev.hearth.error.HearthException;
import dev.hearth.repos.RepoService;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A repository's code: its front page ({@code /{owner}/{repo}}: clone URLs, the default
 * branch's files and README), directories ({@code /tree/{ref}/{path}}) and files
 * ({@code /blob/{ref}/{path}}). A ref may contain slashes: the longest leading part of the
 * path that names a ref is the ref.
 */
final class RepoPageRoutes implements Routes {
    /** Files larger than this are not shown inline (the raw link still serves them). */
    static final int MAX_SHOWN = 512 * 1024;
    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("java", "java"), Map.entry("kt", "kotlin"), Map.entry("scala", "scala"), Map.entry("groovy", "groovy"),
            Map.entry("js", "javascript"), Map.entry("mjs", "javascript"), Map.entry("ts", "typescript"),
            Map.entry("py", "python"), Map.entry("rb", "ruby"), Map.entry("go", "go"), Map.entry("rs", "rust"),
            Map.entry("c", "c"), Map.entry("h", "c"), Map.entry("cc", "cpp"), Map.entry("cpp", "cpp"), Map.entry("hpp", "cpp"),
            Map.entry("cs", "csharp"), Map.entry("php", "php"), Map.entry("sh", "bash"), Map.entry("bash", "bash"),
            Map.entry("yml", "yaml"), Map.entry("yaml", "yaml"), Map.entry("json", "json"), Map.entry("xml", "xml"),
            Map.entry("html", "xml"), Map.entry("css", "css"), Map.entry("md", "markdown"), Map.entry("sql", "sql"),
            Map.entry("toml", "ini"), Map.entry("ini", "ini"), Map.entry("properties", "properties"),
            Map.entry("gradle", "gradle"), Map.entry("swift", "swift"), Map.entry("lua", "lua"), Map.entry("pl", "perl"));
    private static final List<String> IMAGES = List.of("png", "jpg", "jpeg", "gif", "webp", "bmp", "ico");

    private final Pages pages;
    private final RepoContext repos;

    RepoPageRoutes(Pages pages, RepoContext repos) {
        this.pages = pages;
        this.repos = repos;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get("/{owner}/{repo}", this::front);
        r.get("/{owner}/{repo}/tree/<refpath>", this::tree);
        r.get("/{owner}/{repo}/blob/<refpath>", this::blob);
    }

    private void front(Context ctx) throws IOException {
        RepoService.Access access = repos.access(ctx);
        RepoHeader header = RepoContext.header(access, "code");
        try (RepoBrowser.View view = repos.open(access)) {
            String branch = access.repo().defaultBranch();
            Optional<RepoBrowser.Commit> head = view.isEmpty() ? Optional.empty() : view.commit(branch);
            if (head.isEmpty() && !view.isEmpty()) {
                // The default branch is gone but others exist: show the first of them.
                List<RepoBrowser.RefName> branches = view.branches();
                if (!branches.isEmpty()) {
                    branch = branches.getFirst().name();
                    head = view.commit(branch);
                }
            }
            if (head.isEmpty()) {
                pages.render(ctx, "empty.jte", pages.chrome(ctx, header.fullName()),
                        new EmptyRepoPage(header, repos.clone(ctx, header), access.repo().defaultBranch()));
                return;
            }
            directory(ctx, view, header, new RepoBrowser.Located(branch, head.get().sha(), ""));
        }
    }

    private void tree(Context ctx) throws IOException {
        RepoService.Access access = repos.access(ctx);
        RepoHeader header = RepoContext.header(access, "code");
        try (RepoBrowser.View view = repos.open(access)) {
            directory(ctx, view, header, RepoContext.locate(view, ctx.pathParam("refpath")));
        }
    }

    private void directory(Context ctx, RepoBrowser.View view, RepoHeader header, RepoBrowser.Located at) throws IOException {
        RepoBrowser.Node dir = view.at(at.commit(), at.path()).orElseThrow(() -> HearthException.notFound(
                "No path " + at.path() + " at " + at.ref()));
        if (dir.kind() != RepoBrowser.Kind.DIR) {
            ctx.redirect(header.blob(at.ref(), at.path()), HttpStatus.FOUND);
            return;
        }
        Instant now = Instant.now();
        Map<String, LastCommits.LastCommit> lastByName = view.lastCommits(at, dir);
        RepoBrowser.Folder folder = view.children(dir);
        List<TreePage.Row> rows = folder.nodes().stream().map(n -> new TreePage.Row(n.name(),
                switch (n.kind()) {
                    case DIR -> header.tree(at.ref(), n.path());
                    case SUBMODULE -> null;
                    default -> header.blob(at.ref(), n.path());
                },
                n.kind().name().toLowerCase(Locale.ROOT), n.size() < 0 ? "" : Sizes.human(n.size()),
                Optional.ofNullable(lastByName.get(n.name())).map(c -> change(header, c, now)).orElse(null))).toList();
        List<RepoBrowser.Commit> latest = view.log(at.commit(), at.path(), 0, 1);
        TreePage.LastChange last = latest.isEmpty() ? null : change(header, latest.getFirst(), now);
        RefPicker refs = RepoContext.picker(view, at.ref(), at.commit(), header::tree, at.path());
        Optional<RepoBrowser.Rendered> readme = view.readme(dir);
        String title = at.path().isEmpty() ? header.fullName() : at.path() + " at " + at.ref() + " · " + header.fullName();
        pages.render(ctx, "tree.jte", pages.chrome(ctx, title), new TreePage(header, refs, at.path(),
                Crumb.of(header, at.ref(), at.path()), rows, folder.omitted(), last, readme.map(RepoBrowser.Rendered::name).orElse(null),
                readme.map(RepoBrowser.Rendered::html).orElse(null), repos.clone(ctx, header), repos.live(ctx, header, refs)));
    }

    static TreePage.LastChange change(RepoHeader header, LastCommits.LastCommit c, Instant now) {
        return new TreePage.LastChange(c.summary(), header.commit(c.sha()), c.authorName(), Ago.since(c.authorDate(), now),
                Ago.exact(c.authorDate()), c.sha().substring(0, 7));
    }

    static TreePage.LastChange change(RepoHeader header, RepoBrowser.Commit c, Instant now) {
        return new TreePage.LastChange(c.summary(), header.commit(c.sha()), c.authorName(), Ago.since(c.authorDate(), now),
                Ago.exact(c.authorDate()), c.shortSha());
    }

    private void blob(Context ctx) throws IOException {
        RepoService.Access access = repos.access(ctx);
        RepoHeader header = RepoContext.header(access, "code");
        try (RepoBrowser.View view = repos.open(access)) {
            RepoBrowser.Located at = RepoContext.locate(view, ctx.pathParam("refpath"));
            RepoBrowser.Node file = view.at(at.commit(), at.path()).orElseThrow(() -> HearthException.notFound(
                    "No file " + at.path() + " at " + at.ref()));
            if (file.kind() == RepoBrowser.Kind.DIR) {
                ctx.redirect(header.tree(at.ref(), at.path()), HttpStatus.FOUND);
                return;
            }
            if (file.kind() == RepoBrowser.Kind.SUBMODULE) throw HearthException.notFound("A submodule has no content here");
            RepoBrowser.Blob blob = view.blob(file, MAX_SHOWN);
            String ext = extension(file.name());
            String display = file.kind() == RepoBrowser.Kind.SYMLINK ? "symlink"
                    : blob.binary() ? (IMAGES.contains(ext) ? "image" : "binary")
                    : blob.tooLarge() ? "large" : "text";
            String text = blob.text();
            int lines = text.isEmpty() ? 0 : (int) text.chars().filter(c -> c == '\n').count() + (text.endsWith("\n") ? 0 : 1);
            if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
            RefPicker refs = RepoContext.picker(view, at.ref(), at.commit(), header::blob, at.path());
            pages.render(ctx, "blob.jte", pages.chrome(ctx, at.path() + " at " + at.ref() + " · " + header.fullName()),
                    new BlobPage(header, refs, at.path(), Crumb.of(header, at.ref(), at.path()), display, text, lines,
                            LANGUAGES.get(ext), Sizes.human(blob.size()), header.raw(at.ref(), at.path()),
                            header.commits(at.ref()) + "?path=" + RepoHeader.segment(at.path()), repos.live(ctx, header, refs)));
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
