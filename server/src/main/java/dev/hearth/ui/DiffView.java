package dev.hearth.ui;

import dev.hearth.browse.RepoBrowser;
import java.util.ArrayList;
import java.util.List;

/**
 * Files changed, as unified diffs whose lines carry their kind (added, deleted, hunk header,
 * context) for colouring. A large file starts collapsed, and so does every file of a large diff.
 */
public record DiffView(List<FileView> files, int additions, int deletions) {
    /** Lines in one file past which it starts collapsed. */
    static final int COLLAPSE_FILE_LINES = 400;
    /** Lines in the whole diff past which every file starts collapsed. */
    static final int COLLAPSE_ALL_LINES = 3000;
    /** Lines in one file past which its diff is not put on the page at all (the counts stay). */
    static final int MAX_SHOWN_LINES = 5000;

    public record FileView(String path, String previousPath, String status, int additions, int deletions,
                           List<Line> lines, boolean open, String anchor, boolean tooLarge) {
        public boolean hasPatch() {
            return !lines.isEmpty();
        }
    }

    /** One diff line; {@code kind} is add, del, hunk or ctx. */
    public record Line(String kind, String text) {}

    static DiffView of(RepoBrowser.Diff diff) {
        int total = diff.files().stream().mapToInt(f -> f.additions() + f.deletions()).sum();
        List<FileView> files = new ArrayList<>();
        int n = 0;
        for (RepoBrowser.FileDiff f : diff.files()) {
            List<Line> lines = new ArrayList<>();
            if (f.patch() != null) {
                for (String l : f.patch().split("\n", -1)) {
                    String kind = l.startsWith("@@") ? "hunk" : l.startsWith("+") ? "add" : l.startsWith("-") ? "del" : "ctx";
                    lines.add(new Line(kind, l));
                }
            }
            boolean tooLarge = lines.size() > MAX_SHOWN_LINES;
            boolean open = total <= COLLAPSE_ALL_LINES && lines.size() <= COLLAPSE_FILE_LINES;
            files.add(new FileView(f.path(), f.previousPath(), f.status(), f.additions(), f.deletions(),
                    tooLarge ? List.of() : lines, open, "diff-" + n++, tooLarge));
        }
        return new DiffView(files, diff.additions(), diff.deletions());
    }
}
