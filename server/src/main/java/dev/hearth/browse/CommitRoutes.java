package dev.hearth.browse;

import dev.hearth.accounts.AccountService;
import dev.hearth.error.HearthException;
import dev.hearth.web.Conditional;
import dev.hearth.web.PageRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Commits: the listing ({@code git log}), one commit with its diff, the git data API's commit and
 * the comparison of two refs. An answer for a full sha is immutable; one for a branch or tag is
 * tagged with the sha it resolved to, so it changes exactly when a push moves the ref.
 */
final class CommitRoutes extends AbstractBrowseRoutes {
    private final AccountService accounts;
    private final CommitLog log;
    private final Diffs diffs;
    private final Compare compare;
    private final BrowseCache cache;

    CommitRoutes(Deps deps, AccountService accounts, CommitLog log, Diffs diffs, Compare compare, BrowseCache cache) {
        super(deps);
        this.accounts = accounts;
        this.log = log;
        this.diffs = diffs;
        this.compare = compare;
        this.cache = cache;
    }

    /** A page of a listing, serialised: the query (from a full sha), the page, the links. */
    private record PageKey(long repoId, CommitLog.Query query, long offset, int perPage, Links links) {}

    /** One commit with its diff, serialised. */
    private record CommitKey(long repoId, ObjectId commit, Links links) {}

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get(REPO + "/commits", withRepo(this::list));
        r.get(REPO + "/commits/<ref>", withRepo(this::one));
        r.get(REPO + "/git/commits/{sha}", withRepo(this::git));
        r.get(REPO + "/compare/<basehead>", withRepo(this::compare));
    }

    private void list(Context ctx, OpenRepo repo) throws IOException {
        PageRequest page = PageRequest.from(ctx);
        RevCommit start = repo.commit(ctx.queryParam("sha"));
        String path = ctx.queryParam("path") == null ? null : Trees.checkPath(ctx.queryParam("path"));
        CommitLog.Query query = new CommitLog.Query(start, path, authors(ctx.queryParam("author")),
                time(ctx, "since"), time(ctx, "until"));
        String etag = Conditional.of(start.name(), String.valueOf(path), String.valueOf(query.authorEmails()),
                String.valueOf(query.since()), String.valueOf(query.until()), page.page() + "/" + page.perPage());
        if (Conditional.notModified(ctx, etag, false)) return;
        long total = log.total(repo, query);
        List<CommitInfo> commits = log.page(repo, query, page.offset(), page.perPage());
        page.writeLinks(ctx, total);
        Links links = links(ctx, repo);
        cachedJson(ctx, cache, new PageKey(repo.id(), query, page.offset(), page.perPage(), links),
                () -> commits.stream().map(c -> CommitJson.of(c, links)).toList());
    }

    private void one(Context ctx, OpenRepo repo) throws IOException {
        String ref = ctx.pathParam("ref");
        RevCommit commit = repo.commit(ref);
        if (Conditional.notModified(ctx, Conditional.strong(commit.name(), "commit"), OpenRepo.isFullSha(ref))) return;
        RevCommit parent = commit.getParentCount() == 0 ? null : repo.walk().parseCommit(commit.getParent(0));
        Links links = links(ctx, repo);
        cachedJson(ctx, cache, new CommitKey(repo.id(), commit.copy(), links), () -> CommitJson.of(CommitInfo.of(commit),
                diffs.between(repo, parent == null ? null : parent.getTree(), commit.getTree()), links));
    }

    private void git(Context ctx, OpenRepo repo) throws IOException {
        String sha = ctx.pathParam("sha");
        RevCommit commit = repo.object(sha).map(id -> parseCommit(repo, id))
                .orElseThrow(() -> HearthException.notFound("No commit " + sha));
        if (Conditional.notModified(ctx, Conditional.strong(commit.name(), "git-commit"), true)) return;
        ctx.json(CommitJson.Git.of(CommitInfo.of(commit), links(ctx, repo)));
    }

    private void compare(Context ctx, OpenRepo repo) throws IOException {
        String basehead = ctx.pathParam("basehead");
        int dots = basehead.indexOf("...");
        if (dots <= 0 || dots + 3 >= basehead.length()) throw HearthException.notFound("Use {base}...{head}");
        String baseRef = basehead.substring(0, dots);
        String headRef = basehead.substring(dots + 3);
        RevCommit base = repo.commit(baseRef);
        RevCommit head = repo.commit(headRef);
        boolean immutable = OpenRepo.isFullSha(baseRef) && OpenRepo.isFullSha(headRef);
        if (Conditional.notModified(ctx, Conditional.of(base.name(), head.name(), "compare"), immutable)) return;
        Compare.Result result = compare.compare(repo, base, head);
        if (result.mergeBase() == null) {
            throw HearthException.notFound("No common ancestor between " + baseRef + " and " + headRef + ".");
        }
        ObjectId mergeBase = ObjectId.fromString(result.mergeBase().sha());
        Diffs.Result files = diffs.between(repo, repo.walk().parseCommit(mergeBase).getTree(), head.getTree());
        ctx.json(CompareJson.of(result, files, basehead, links(ctx, repo)));
    }

    private static RevCommit parseCommit(OpenRepo repo, ObjectId id) {
        try {
            return repo.walk().parseCommit(id);
        } catch (IncorrectObjectTypeException | MissingObjectException e) {
            throw HearthException.notFound("No commit " + id.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitHub's author filter: an email, or the login of an account (its email then). */
    private Set<String> authors(String author) {
        if (author == null || author.isBlank()) return null;
        if (author.contains("@")) return Set.of(author.strip().toLowerCase(Locale.ROOT));
        return accounts.find(author.strip()).map(u -> Set.of(u.email().toLowerCase(Locale.ROOT))).orElse(Set.of());
    }

    private static Instant time(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) return null;
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw HearthException.invalid(name, "must be an ISO 8601 timestamp such as 2024-01-31T12:00:00Z");
        }
    }
}
