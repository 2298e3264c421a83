package dev.hearth.git;

import dev.hearth.error.HearthException;
import org.eclipse.jgit.errors.CorruptObjectException;

/**
 * A path inside a repository's tree that is safe to write on every OS: no {@code .git} in any
 * spelling, no {@code ..}, not absolute, no NUL, no empty segment. The same rules pushed trees
 * pass ({@link SafeObjectChecker}), so {@code NUL}, {@code aux.c} or {@code 12:00.txt} may be
 * written; and no backslash, which a pushed tree may hold but which a path given to the API more
 * likely meant as a folder separator.
 */
public record RepoPath(String value) {
    /**
     * The most folders a path written through the API may be nested in, the file included
     * ({@code a/b/c.txt} is 3): deeper than any real repository (linux and git/git stay under
     * 15, deep {@code node_modules} chains under 100), and well within what JGit's index code
     * recurses over on a request's stack (it overflows somewhere under 1,000).
     */
    public static final int MAX_DEPTH = 256;

    public RepoPath {
        if (value == null || value.isEmpty()) throw HearthException.invalid("path", "must not be empty");
        if (value.startsWith("/")) throw HearthException.invalid("path", "must be relative, not start with '/'");
        if (value.length() > 4096) throw HearthException.invalid("path", "is longer than 4096 characters");
        if (value.chars().filter(c -> c == '/').count() >= MAX_DEPTH) {
            throw HearthException.invalid("path", "is nested more than " + MAX_DEPTH + " levels deep, the most Hearth accepts");
        }
        if (value.indexOf('\\') >= 0) throw HearthException.invalid("path", "separate folders with '/', not '\\'");
        try {
            new SafeObjectChecker().checkPath(value);
        } catch (CorruptObjectException e) {
            throw HearthException.invalid("path", "'" + printable(value) + "' is not allowed (" + e.getMessage() + ")");
        }
    }

    /** Joins a folder (may be empty) and a name, each checked. */
    public static RepoPath join(String folder, String name) {
        String f = folder == null ? "" : folder.strip();
        while (f.endsWith("/")) f = f.substring(0, f.length() - 1);
        return new RepoPath(f.isEmpty() ? name : f + "/" + name);
    }

    public String name() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    private static String printable(String s) {
        return s.replace("\0", "\\0");
    }
}
