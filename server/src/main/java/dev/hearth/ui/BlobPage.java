package dev.hearth.ui;

import java.util.List;

/**
 * One file at a ref ({@code /blob/{ref}/{path}}).
 *
 * @param display text, image, binary, large or symlink
 * @param language a highlight.js language name, or null to leave the text plain
 */
public record BlobPage(RepoHeader repo, RefPicker refs, String path, List<Crumb> crumbs, String display, String text,
                       int lines, String language, String size, String rawHref, String historyHref, Live live) {
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** Whether the shown text or the file's name holds bidirectional controls: the page warns, as GitHub does. */
    public boolean bidi() {
        return Bidi.contains(path) || (display.equals("text") && Bidi.contains(text));
    }
}
