package dev.hearth.ui;

import java.util.ArrayList;
import java.util.List;

/** One step of a path's breadcrumbs; the last has no link ({@code href} null). */
public record Crumb(String name, String href) {
    /** {@code repo / dir / sub / file}, each but the last linked to its tree. */
    static List<Crumb> of(RepoHeader repo, String ref, String path) {
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(new Crumb(repo.name(), path.isEmpty() ? null : repo.tree(ref, "")));
        if (path.isEmpty()) return crumbs;
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            String sub = String.join("/", java.util.Arrays.asList(parts).subList(0, i + 1));
            crumbs.add(new Crumb(parts[i], i == parts.length - 1 ? null : repo.tree(ref, sub)));
        }
        return crumbs;
    }
}
