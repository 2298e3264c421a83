package dev.hearth.ui;

import java.util.List;

/**
 * The branch and tag selector: what is shown now and where each other ref leads (the same path
 * on that ref). {@code commit} is the full sha the page shows.
 */
public record RefPicker(String current, String commit, boolean isBranch, List<Choice> branches, List<Choice> tags) {
    public record Choice(String name, String href, boolean current) {}

    public String shortCommit() {
        return commit.substring(0, 7);
    }
}
