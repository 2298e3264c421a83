package dev.hearth.repos;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of a protected branch or branch pattern. {@code pushers}, when present, are the only
 * users who may push (repository admins too, unless {@code enforceAdmins}).
 *
 * <p>Patterns follow GitHub's: {@code *} matches within one path segment, {@code **} across
 * segments, {@code ?} one character; anything else is literal.
 */
public record BranchProtection(String pattern, boolean allowForcePushes, boolean allowDeletions, boolean enforceAdmins,
                               Optional<List<Long>> pushers) {

    public boolean matches(String branch) {
        return regex(pattern).matcher(branch).matches();
    }

    static Pattern regex(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
