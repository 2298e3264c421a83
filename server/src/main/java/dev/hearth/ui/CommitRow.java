package dev.hearth.ui;

import dev.hearth.browse.RepoBrowser;
import java.time.Instant;

/** A commit in a list: summary, author, age, and links to it and to its files. */
public record CommitRow(String sha, String shortSha, String summary, String author, String age, String exact,
                        String href, String treeHref) {
    static CommitRow of(RepoHeader repo, RepoBrowser.Commit c, Instant now) {
        return new CommitRow(c.sha(), c.shortSha(), c.summary(), c.authorName(), Ago.since(c.authorDate(), now),
                Ago.exact(c.authorDate()), repo.commit(c.sha()), repo.tree(c.sha(), ""));
    }
}
