package dev.hearth.browse;

import java.util.List;

/** {@code /compare/{base}...{head}} in GitHub's shape. */
record CompareJson(String url, String htmlUrl, String permalinkUrl, String diffUrl, String patchUrl,
                   CommitJson baseCommit, CommitJson mergeBaseCommit, String status, int aheadBy, int behindBy,
                   int totalCommits, List<CommitJson> commits, List<CommitJson.FileJson> files) {

    static CompareJson of(Compare.Result r, Diffs.Result files, String basehead, Links links) {
        String html = links.html() + "/compare/" + Links.path(basehead);
        return new CompareJson(links.api() + "/compare/" + Links.path(basehead), html,
                links.html() + "/compare/" + r.base().sha() + "..." + r.head().sha(), html + ".diff", html + ".patch",
                CommitJson.of(r.base(), links), CommitJson.of(r.mergeBase(), links), r.status(), r.aheadBy(),
                r.behindBy(), r.aheadBy(), r.commits().stream().map(c -> CommitJson.of(c, links)).toList(),
                CommitJson.FileJson.of(files, r.head().sha(), links));
    }
}
