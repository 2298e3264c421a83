package dev.hearth.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** Read-only views of a repository's content: refs, commits, files, trees, blobs and archives. */
public final class Browse {
    private static final String RAW = "application/vnd.github.raw";

    private final Transport t;
    private final int perPage;

    Browse(Transport t, int perPage) {
        this.t = t;
        this.perPage = perPage;
    }

    public Stream<Branch> branches(String owner, String repo) {
        return Pages.stream(t, Urls.repo(owner, repo) + "/branches", perPage, Branch.class);
    }

    public Stream<Tag> tags(String owner, String repo) {
        return Pages.stream(t, Urls.repo(owner, repo) + "/tags", perPage, Tag.class);
    }

    /** History, newest first, page by page as the stream is read. */
    public Stream<Commit> commits(String owner, String repo, CommitQuery query) {
        String q = Urls.query(Urls.params("sha", query.sha(), "path", query.path(), "author", query.author(),
                "since", query.since(), "until", query.until()));
        return Pages.stream(t, Urls.repo(owner, repo) + "/commits" + q, perPage, Commit.class);
    }

    /** One commit (by branch, tag or sha) with its stats and changed files. */
    public Commit commit(String owner, String repo, String ref) {
        return t.json(Transport.Call.get(Urls.repo(owner, repo) + "/commits/" + Urls.path(ref)), Commit.class);
    }

    /** A file at {@code ref} (null: the default branch), its content embedded when small enough. */
    public Content file(String owner, String repo, String path, String ref) {
        JsonNode node = contents(owner, repo, path, ref);
        if (node.isArray()) throw new IllegalArgumentException(path + " is a directory; use directory()");
        return t.json().treeToValue(node, Content.class);
    }

    /** The entries of a directory at {@code ref}; "" is the root. */
    public List<Content> directory(String owner, String repo, String path, String ref) {
        JsonNode node = contents(owner, repo, path, ref);
        if (!node.isArray()) throw new IllegalArgumentException(path + " is not a directory; use file()");
        return t.json().treeToValue(node, t.json().getTypeFactory().constructCollectionType(List.class, Content.class));
    }

    /** The README of the root (or of directory {@code dir}) at {@code ref}, as the contents API shows a file. */
    public Content readme(String owner, String repo, String dir, String ref) {
        String d = dir == null || dir.isEmpty() ? "" : "/" + Urls.path(dir);
        return t.json(Transport.Call.get(Urls.repo(owner, repo) + "/readme" + d + Urls.query(Urls.params("ref", ref))),
                Content.class);
    }

    /** A file's bytes as they are stored, however large. */
    public byte[] raw(String owner, String repo, String path, String ref) {
        HttpResponse<InputStream> response = t.send(new Transport.Call("GET", contentsPath(owner, repo, path, ref),
                null, null, RAW));
        try (InputStream in = response.body()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ConnectionFailedException("the file broke off: " + Transport.describe(e), e);
        }
    }

    /** The git data API's tree of a sha, commit or ref; {@code recursive} lists every level. */
    public Tree tree(String owner, String repo, String sha, boolean recursive) {
        return t.json(Transport.Call.get(Urls.repo(owner, repo) + "/git/trees/" + Urls.path(sha)
                + (recursive ? "?recursive=1" : "")), Tree.class);
    }

    public Blob blob(String owner, String repo, String sha) {
        return t.json(Transport.Call.get(Urls.repo(owner, repo) + "/git/blobs/" + Urls.segment(sha)), Blob.class);
    }

    /**
     * Streams the archive of {@code ref} (null: the default branch) into {@code target}, never
     * holding it in memory. The file appears whole or not at all: it is written beside the
     * target and moved into place at the end.
     */
    public Path archive(String owner, String repo, ArchiveFormat format, String ref, Path target) {
        String path = Urls.repo(owner, repo) + "/" + format.path + (ref == null ? "" : "/" + Urls.path(ref));
        HttpResponse<InputStream> response = t.send(new Transport.Call("GET", path, null, null, "*/*"));
        Path dir = target.toAbsolutePath().getParent();
        Path partial = null;
        try (InputStream in = response.body()) {
            partial = Files.createTempFile(dir, ".hearth-", ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            try {
                if (partial != null) Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: a stray .part file is all that remains
            }
            throw new ConnectionFailedException("the archive could not be saved: " + Transport.describe(e), e);
        }
    }

    private JsonNode contents(String owner, String repo, String path, String ref) {
        return t.json(Transport.Call.get(contentsPath(owner, repo, path, ref)), JsonNode.class);
    }

    private static String contentsPath(String owner, String repo, String path, String ref) {
        String p = path == null || path.isEmpty() || path.equals("/") ? "" : "/" + Urls.path(path);
        return Urls.repo(owner, repo) + "/contents" + p + Urls.query(Urls.params("ref", ref));
    }
}
