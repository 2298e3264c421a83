package dev.hearth.browse;

import dev.hearth.error.HearthException;
import dev.hearth.repos.RepoService;
import dev.hearth.repos.RepoStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The browse package's read side for the web UI: the same ref resolution, trees, READMEs, logs,
 * diffs and comparisons (and the same cache) as the browse API, as plain values instead of
 * GitHub's JSON. {@link #open} takes a {@link RepoService.Access}, which only the
 * permission policy makes, so no page can read a repository without asking.
 */
public final class RepoBrowser {
    private final RepoStore store;
    private final Trees trees;
    private final CommitLog log;
    private final Diffs diffs;
    private final Compare compare;
    private final Readme readme;
    private final BrowseCache cache;
    private final LastCommits lastCommits;

    RepoBrowser(RepoStore store, Trees trees, CommitLog log, Diffs diffs, Compare compare, Readme readme,
                BrowseCache cache, LastCommits lastCommits) {
        this.cache = cache;
        this.lastCommits = lastCommits;
        this.store = store;
        this.trees = trees;
        this.log = log;
        this.diffs = diffs;
        this.compare = compare;
        this.readme = readme;
    }

    /** What a tree entry is. */
    public enum Kind { DIR, FILE, SYMLINK, SUBMODULE }

    /** A tree entry; {@code size} is -1 for anything but a file or symlink. */
    public record Node(String path, String name, Kind kind, String sha, long size) {
        static Node of(Trees.Entry e) {
            Kind kind = e.isTree() ? Kind.DIR : e.isSymlink() ? Kind.SYMLINK : e.isSubmodule() ? Kind.SUBMODULE : Kind.FILE;
            return new Node(e.path(), e.name(), kind, e.id().name(), e.size());
        }
    }

    /**
     * The entries of a directory a page shows, and how many it leaves out: at most
     * {@value Trees#MAX_DIRECTORY_ENTRIES} are shown.
     */
    public record Folder(List<Node> nodes, int omitted) {
        public static final int MAX_SHOWN = Trees.MAX_DIRECTORY_ENTRIES;
    }

    /** A branch or tag by its short name, and the commit it ends at. */
    public record RefName(String name, String sha) {}

    /** A commit as pages show it. */
    public record Commit(String sha, List<String> parents, String authorName, String authorEmail, Instant authorDate,
                         String committerName, Instant committerDate, String message) {
        static Commit of(CommitInfo c) {
            return new Commit(c.sha(), c.parents(), c.author().name(), c.author().email(), c.author().date(),
                    c.committer().name(), c.committer().date(), c.message());
        }

        /** The first line of the message. */
        public String summary() {
            int nl = message.indexOf('\n');
            return nl < 0 ? message : message.substring(0, nl);
        }

        /** The message after its first line, without the blank line between. */
        public String body() {
            int nl = message.indexOf('\n');
            return nl < 0 ? "" : message.substring(nl + 1).strip();
        }

        public String shortSha() {
            return sha.substring(0, 7);
        }
    }

    /** A ref and a path inside its tree, read from a URL where the ref may itself contain slashes. */
    public record Located(String ref, String commit, String path) {}

    /** A file's content: {@code text} is empty for binary files and for those over the limit. */
    public record Blob(long size, boolean binary, boolean tooLarge, String text) {}

    /** One changed file; {@code patch} is null for binary files and very long patches. */
    public record FileDiff(String path, String previousPath, String status, int additions, int deletions, String patch) {}

    /** The files changed between two trees. */
    public record Diff(List<FileDiff> files, int additions, int deletions) {}

    /** GitHub's three-dot comparison; {@code mergeBase} is null for unrelated histories. */
    public record Comparison(String status, int aheadBy, int behindBy, String mergeBase, List<Commit> commits,
                             Diff diff) {}

    /** Opens a repository for one request; the caller closes it. */
    /** Opens the repository for one request: only with proof that the policy let the caller read it. */
    public View open(RepoService.Access access) {
        return new View(OpenRepo.open(store, access));
    }

    /** One repository, opened for one request. Not thread-safe. */
    public final class View implements AutoCloseable {
        private final OpenRepo repo;

        private View(OpenRepo repo) {
            this.repo = repo;
        }

        public boolean isEmpty() throws IOException {
            return repo.isEmpty();
        }

        public List<RefName> branches() throws IOException {
            return Refs.branches(repo).stream().map(r -> new RefName(r.shortName(), r.peeled().name())).toList();
        }

        public List<RefName> tags() throws IOException {
            return Refs.tags(repo).stream().map(r -> new RefName(r.shortName(), r.peeled().name())).toList();
        }

        /** The commit a ref (branch, tag, sha, abbreviated sha) names, if any. */
        public Optional<Commit> commit(String ref) throws IOException {
            Optional<ObjectId> id = repo.resolve(ref);
            if (id.isEmpty()) return Optional.empty();
            try {
                return Optional.of(Commit.of(CommitInfo.of(repo.walk().parseCommit(id.get()))));
            } catch (IncorrectObjectTypeException | MissingObjectException e) {
                return Optional.empty();
            }
        }

        /**
         * Splits {@code ref/with/slashes/and/a/path} into the ref and the path (checked like every
         * client path), as the raw files are split: see {@code OpenRepo.locate}.
         */
        public Optional<Located> locate(String refAndPath) throws IOException {
            Optional<OpenRepo.RefAndPath> at = repo.locate(refAndPath, false);
            if (at.isEmpty()) return Optional.empty();
            Optional<Commit> commit = commit(at.get().ref());
            if (commit.isEmpty()) return Optional.empty();
            return Optional.of(new Located(at.get().ref(), commit.get().sha(), Trees.checkPath(at.get().path())));
        }

        /** The entry at a path of a commit's tree; the root for "". */
        public Optional<Node> at(String commit, String path) throws IOException {
            return trees.at(repo, parse(commit).getTree(), Trees.checkPath(path)).map(Node::of);
        }

        /**
         * A directory's first {@value Trees#MAX_DIRECTORY_ENTRIES} entries in tree order (as
         * GitHub's pages show a large folder), then sorted: directories first, then by name.
         */
        public Folder children(Node dir) throws IOException {
            Trees.Children children = trees.children(repo, ObjectId.fromString(dir.sha()), dir.path());
            List<Node> nodes = new ArrayList<>(children.entries().stream().map(Node::of).toList());
            nodes.sort(Comparator.comparing((Node n) -> n.kind() == Kind.DIR ? 0 : 1).thenComparing(Node::name));
            return new Folder(nodes, children.omitted());
        }

        /** The README of a directory rendered as sanitised HTML (see {@link Markdown}): file name and HTML. */
        public Optional<Rendered> readme(Node dir) throws IOException {
            List<Trees.Entry> entries = trees.children(repo, ObjectId.fromString(dir.sha()), dir.path()).entries();
            Optional<Trees.Entry> file = Readme.pick(entries);
            if (file.isEmpty()) return Optional.empty();
            // Rendering a README is the costliest part of a repository's front page: kept by blob and name.
            Trees.Entry f = file.get();
            return Optional.of(cache.get(new ReadmeKey(f.id().copy(), f.name()), Rendered.class, () ->
                    new Rendered(f.name(), readme.html(f.name(), Blobs.head(Blobs.open(repo, f.id()), Readme.MAX_RENDERED)))));
        }

        /**
         * The newest commit that changed each entry of a directory (by entry name), from one
         * history walk helped by the commit-graph (see {@link LastCommits}); kept on disk when
         * the page names a branch or tag, not a commit sha. Only the first
         * {@value Trees#MAX_DIRECTORY_ENTRIES} entries in tree order have one, as only they are shown.
         */
        public Map<String, LastCommits.LastCommit> lastCommits(Located at, Node dir) throws IOException {
            return lastCommits.of(repo.git(), ObjectId.fromString(at.commit()), dir.path(), !OpenRepo.looksLikeSha(at.ref()));
        }

        /** A file's content up to {@code maxBytes}; larger and binary files come without text. */
        public Blob blob(Node file, int maxBytes) throws IOException {
            ObjectLoader loader = Blobs.open(repo, ObjectId.fromString(file.sha()));
            boolean binary = Blobs.isBinary(loader);
            boolean tooLarge = loader.getSize() > maxBytes;
            String text = binary || tooLarge ? "" : new String(loader.getCachedBytes(maxBytes), StandardCharsets.UTF_8);
            return new Blob(loader.getSize(), binary, tooLarge, text);
        }

        /** {@code git log} from a commit, newest first, optionally only commits touching a path. */
        public List<Commit> log(String start, String path, long offset, int limit) throws IOException {
            String p = path == null || path.isBlank() ? null : Trees.checkPath(path);
            return log.page(repo, new CommitLog.Query(parse(start), p, null, null, null), offset, limit).stream()
                    .map(Commit::of).toList();
        }

        /** What a commit changed against its first parent (everything, for a root commit). */
        public Diff diff(Commit commit) throws IOException {
            RevCommit c = parse(commit.sha());
            RevCommit parent = c.getParentCount() == 0 ? null : repo.walk().parseCommit(c.getParent(0));
            return diffOf(diffs.between(repo, parent == null ? null : parent.getTree(), c.getTree()));
        }

        /** Head against base, GitHub's three-dot way: the diff starts at their merge base. */
        public Comparison compare(Commit base, Commit head) throws IOException {
            Compare.Result r = compare.compare(repo, parse(base.sha()), parse(head.sha()));
            List<Commit> commits = r.commits().stream().map(Commit::of).toList();
            if (r.mergeBase() == null) return new Comparison("unrelated", r.aheadBy(), r.behindBy(), null, commits,
                    new Diff(List.of(), 0, 0));
            Diffs.Result files = diffs.between(repo, parse(r.mergeBase().sha()).getTree(), parse(head.sha()).getTree());
            return new Comparison(r.status(), r.aheadBy(), r.behindBy(), r.mergeBase().sha(), commits, diffOf(files));
        }

        private static Diff diffOf(Diffs.Result r) {
            return new Diff(r.files().stream().map(f -> new FileDiff(f.filename(), f.previousFilename(), f.status(),
                    f.additions(), f.deletions(), f.patch())).toList(), r.additions(), r.deletions());
        }

        private RevCommit parse(String sha) throws IOException {
            try {
                return repo.walk().parseCommit(ObjectId.fromString(sha));
            } catch (IncorrectObjectTypeException | MissingObjectException | IllegalArgumentException e) {
                throw HearthException.notFound("No commit " + sha);
            }
        }

        @Override
        public void close() {
            repo.close();
        }
    }

    /** A rendered document: the file it came from and its HTML. */
    public record Rendered(String name, String html) implements BrowseCache.Weighed {
        @Override
        public int weight() {
            return 64 + 2 * (name.length() + html.length());
        }
    }

    private record ReadmeKey(ObjectId blob, String name) {}
}
