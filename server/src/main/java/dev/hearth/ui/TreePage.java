package dev.hearth.ui;

import java.util.List;

/**
 * A directory at a ref: the repository's front page (its root on the default branch) and
 * {@code /tree/{ref}/{path}}.
 *
 * @param isBranch whether {@code ref} is a branch, which a push can move (the live banner listens then)
 * @param readmeHtml sanitised HTML rendered by the browse package, or null
 * @param omitted entries of a large directory left out of {@code rows} (only the first
 *                {@value dev.hearth.browse.RepoBrowser.Folder#MAX_SHOWN} are shown), 0 for most
 */
public record TreePage(RepoHeader repo, RefPicker refs, String path, List<Crumb> crumbs, List<Row> rows,
                       int omitted, LastChange latest, String readmeName, String readmeHtml, Clone urls, Live live) {

    /** One entry of the listing; {@code last} is null until the last commit of each entry is known. */
    public record Row(String name, String href, String kind, String size, LastChange last) {}

    /** A commit as a one-liner: summary, author, age. */
    public record LastChange(String summary, String href, String author, String age, String exact, String shortSha) {}

    /** The note above a truncated listing, as GitHub words it; null when nothing was left out. */
    public String truncation() {
        if (omitted <= 0) return null;
        return String.format(java.util.Locale.ROOT, "Sorry, we had to truncate this directory to %,d entries. %,d %s omitted from "
                + "the list. Latest commit info may be omitted.", rows.size(), omitted,
                omitted == 1 ? "entry was" : "entries were");
    }

    public boolean root() {
        return path.isEmpty();
    }
}
