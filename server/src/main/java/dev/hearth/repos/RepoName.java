package dev.hearth.repos;

import dev.hearth.error.HearthException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A repository name, valid by construction: letters, digits, {@code .}, {@code _}, {@code -};
 * 1 to 100 of them; not starting with {@code -} or {@code .}; not ending in {@code .git}.
 */
public record RepoName(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");

    public RepoName {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw HearthException.invalid("name",
                    "use 1 to 100 letters, digits, '.', '_' or '-', not starting with '-' or '.'");
        }
        if (value.toLowerCase(Locale.ROOT).endsWith(".git")) {
            throw HearthException.invalid("name", "must not end in .git");
        }
    }

    public String lower() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
