package dev.hearth.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A commit as GitHub's {@code /commits} shows it. The top-level {@code author} and
 * {@code committer} are GitHub accounts, which Hearth does not match to emails: always null, as
 * GitHub answers for an email no account claims. {@code stats} and {@code files} only appear on
 * a single commit.
 */
record CommitJson(String sha, Commit commit, String url, String htmlUrl, String commentsUrl, Object author,
                  Object committer, List<Parent> parents,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Stats stats,
                  @JsonInclude(JsonInclude.Include.NON_NULL) List<FileJson> files) {

    record Commit(CommitInfo.Person author, CommitInfo.Person committer, String message, ShaUrl tree, String url,
                  int commentCount, Verification verification) {}

    record ShaUrl(String sha, String url) {}

    record Parent(String sha, String url, String htmlUrl) {}

    record Stats(int total, int additions, int deletions) {}

    /** Hearth does not check signatures yet; GitHub's answer for an unsigned commit. */
    record Verification(boolean verified, String reason, String signature, String payload) {
        static final Verification UNSIGNED = new Verification(false, "unsigned", null, null);
    }

    /** A changed file; {@code patch} is absent for binary files, as on GitHub. */
    record FileJson(String sha, String filename, String status, int additions, int deletions, int changes,
                    String blobUrl, String rawUrl, String contentsUrl,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String patch,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String previousFilename) {

        static FileJson of(Diffs.FileChange f, String ref, Links links) {
            return new FileJson(f.sha(), f.filename(), f.status(), f.additions(), f.deletions(),
                    f.additions() + f.deletions(), links.htmlBlob(ref, f.filename()), links.raw(ref, f.filename()),
                    links.contents(f.filename(), ref), f.patch(), f.previousFilename());
        }

        static List<FileJson> of(Diffs.Result diff, String ref, Links links) {
            return diff.files().stream().map(f -> of(f, ref, links)).toList();
        }
    }

    static CommitJson of(CommitInfo c, Links links) {
        return new CommitJson(c.sha(),
                new Commit(c.author(), c.committer(), c.message(), new ShaUrl(c.tree(), links.gitTree(c.tree())),
                        links.gitCommit(c.sha()), 0, Verification.UNSIGNED),
                links.commit(c.sha()), links.htmlCommit(c.sha()), links.commit(c.sha()) + "/comments", null, null,
                parents(c, links), null, null);
    }

    /** A single commit: with its diff against the first parent, as GitHub shows a merge. */
    static CommitJson of(CommitInfo c, Diffs.Result diff, Links links) {
        CommitJson plain = of(c, links);
        return new CommitJson(plain.sha(), plain.commit(), plain.url(), plain.htmlUrl(), plain.commentsUrl(), null,
                null, plain.parents(), new Stats(diff.additions() + diff.deletions(), diff.additions(), diff.deletions()),
                FileJson.of(diff, c.sha(), links));
    }

    static List<Parent> parents(CommitInfo c, Links links) {
        return c.parents().stream().map(p -> new Parent(p, links.commit(p), links.htmlCommit(p))).toList();
    }

    /** The git data API's commit ({@code /git/commits/{sha}}): no stats, flat fields. */
    record Git(String sha, String url, String htmlUrl, CommitInfo.Person author, CommitInfo.Person committer,
               ShaUrl tree, String message, List<Parent> parents, Verification verification) {
        static Git of(CommitInfo c, Links links) {
            return new Git(c.sha(), links.gitCommit(c.sha()), links.htmlCommit(c.sha()), c.author(), c.committer(),
                    new ShaUrl(c.tree(), links.gitTree(c.tree())), c.message(), CommitJson.parents(c, links),
                    Verification.UNSIGNED);
        }
    }
}
