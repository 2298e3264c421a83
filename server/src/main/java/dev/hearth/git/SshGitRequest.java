package dev.hearth.git;

import dev.hearth.repos.Permission;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A git command as an SSH client sends it, and nothing else: {@code git-upload-pack '<path>'} or
 * {@code git-receive-pack '<path>'}, the path {@code [/]owner/repo[.git]} in single quotes, as
 * git itself quotes it. The whole line must match, so there is no room for a second command,
 * an option, another argument or a {@code ..}: names start with a letter, digit or underscore.
 * Nothing here is ever run by a shell; the parts only become a database lookup.
 *
 * @param repo the repository name as given, possibly ending in {@code .git}
 */
record SshGitRequest(Service service, String owner, String repo) {
    static final int MAX_LENGTH = 256;
    // The owner is a login (Login's shape), the repository a RepoName with an optional ".git".
    private static final Pattern SHAPE = Pattern.compile(
            "(git-upload-pack|git-receive-pack) '/?([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9_][A-Za-z0-9._-]{0,103})'");

    /** The two git services Hearth runs over SSH, and what each needs. */
    enum Service {
        UPLOAD_PACK("git-upload-pack", Permission.READ),
        RECEIVE_PACK("git-receive-pack", Permission.WRITE);

        private final String command;
        private final Permission needs;

        Service(String command, Permission needs) {
            this.command = command;
            this.needs = needs;
        }

        String command() { return command; }

        Permission needs() { return needs; }
    }

    static Optional<SshGitRequest> parse(String line) {
        if (line == null || line.length() > MAX_LENGTH) return Optional.empty();
        Matcher m = SHAPE.matcher(line);
        if (!m.matches()) return Optional.empty();
        Service service = m.group(1).equals(Service.UPLOAD_PACK.command) ? Service.UPLOAD_PACK : Service.RECEIVE_PACK;
        return Optional.of(new SshGitRequest(service, m.group(2), m.group(3)));
    }
}
