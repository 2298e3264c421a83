package dev.hearth.ui;

import java.util.List;

/** The models of the history pages: commit lists, one commit, branches and tags, comparisons. */
public final class HistoryPages {
    private HistoryPages() {}

    /** {@code /commits/{ref}}: a page of history, optionally of one path. */
    public record Commits(RepoHeader repo, RefPicker refs, String path, List<CommitRow> commits, String newerHref,
                          String olderHref, Live live) {}

    /** {@code /commit/{sha}}: the message, who and when, parents, and the diff against the first parent. */
    public record Commit(RepoHeader repo, String sha, String summary, String body, String author, String authorEmail,
                         String age, String exact, String committer, List<CommitRow> parents, String treeHref,
                         DiffView diff) {}

    /** {@code /branches} or {@code /tags}. */
    public record Refs(RepoHeader repo, boolean tags, String defaultBranch, List<RefRow> refs) {}

    /** A branch or tag with its newest commit; {@code compareHref} is null for the default branch and for tags. */
    public record RefRow(String name, String href, CommitRow commit, String compareHref) {}

    /** {@code /compare/{base}...{head}}. */
    public record Compare(RepoHeader repo, String base, String head, String status, int aheadBy, int behindBy,
                          List<CommitRow> commits, DiffView diff) {}
}
