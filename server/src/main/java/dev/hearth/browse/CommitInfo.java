package dev.hearth.browse;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * What a commit says, detached from JGit's walk so it can be cached and shared between requests.
 * The message loses its trailing newlines, as GitHub shows it.
 */
record CommitInfo(String sha, String tree, List<String> parents, Person author, Person committer, String message) {

    /** A name, an email and a moment, in UTC with whole seconds. */
    record Person(String name, String email, Instant date) {
        static Person of(PersonIdent ident) {
            return new Person(ident.getName(), ident.getEmailAddress(), ident.getWhenAsInstant());
        }
    }

    static CommitInfo of(RevCommit c) {
        return new CommitInfo(c.name(), c.getTree().name(),
                Arrays.stream(c.getParents()).map(RevCommit::name).toList(),
                Person.of(c.getAuthorIdent()), Person.of(c.getCommitterIdent()),
                c.getFullMessage().stripTrailing());
    }

    /** A rough size in bytes, for the cache's weigher. */
    int weight() {
        return 400 + 2 * (message.length() + author.name().length() + author.email().length()
                + committer.name().length() + committer.email().length()) + 48 * parents.size();
    }
}
