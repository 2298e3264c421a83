package dev.hearth.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hearth.web.PublicUrl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** GitHub's shapes for a file and a commit in the answers of the contents API's writes. */
final class ContentJson {
    private ContentJson() {}

    record FileLinks(String self, String git, String html) {}

    record File(String name, String path, String sha, long size, String url, String htmlUrl, String gitUrl,
                String downloadUrl, String type, @JsonProperty("_links") FileLinks links) {}

    record Person(String name, String email, Instant date) {
        static Person of(PersonIdent p) {
            return new Person(p.getName(), p.getEmailAddress(), PublicUrl.seconds(p.getWhenAsInstant()));
        }
    }

    record TreeRef(String sha, String url) {}

    record Parent(String sha, String url, String htmlUrl) {}

    record Commit(String sha, String url, String htmlUrl, Person author, Person committer, String message,
                  TreeRef tree, List<Parent> parents) {}

    /** Builds links under a base URL for one repository. */
    record Links(String base, String fullName) {
        String api() {
            return base + "/api/v3/repos/" + fullName;
        }

        String html() {
            return base + "/" + fullName;
        }

        File file(RepoPath path, ObjectId blob, long size, String branch) {
            String p = encodePath(path.value());
            String url = api() + "/contents/" + p + "?ref=" + encode(branch);
            String html = html() + "/blob/" + encode(branch) + "/" + p;
            String git = api() + "/git/blobs/" + blob.name();
            return new File(path.name(), path.value(), blob.name(), size, url, html, git,
                    html() + "/raw/" + encode(branch) + "/" + p, "file", new FileLinks(url, git, html));
        }

        Commit commit(RevCommit c) {
            return new Commit(c.name(), api() + "/git/commits/" + c.name(), html() + "/commit/" + c.name(),
                    Person.of(c.getAuthorIdent()), Person.of(c.getCommitterIdent()), c.getFullMessage(),
                    new TreeRef(c.getTree().name(), api() + "/git/trees/" + c.getTree().name()),
                    Arrays.stream(c.getParents()).map(p -> new Parent(p.name(), api() + "/git/commits/" + p.name(),
                            html() + "/commit/" + p.name())).toList());
        }
    }

    private static String encodePath(String path) {
        return Arrays.stream(path.split("/")).map(ContentJson::encode).collect(Collectors.joining("/"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
