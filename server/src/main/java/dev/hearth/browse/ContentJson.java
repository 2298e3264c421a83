package dev.hearth.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An entry of {@code /contents}: a file with its content, or one line of a directory listing
 * (no content). A symlink shows its {@code target}, a submodule its commit; Hearth does not
 * follow either.
 */
record ContentJson(String type, @JsonInclude(JsonInclude.Include.NON_NULL) String encoding, long size, String name,
                   String path, @JsonInclude(JsonInclude.Include.NON_NULL) String content, String sha, String url,
                   String gitUrl, String htmlUrl, String downloadUrl,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String target,
                   @JsonProperty("_links") ContentLinks links) {

    record ContentLinks(String self, String git, String html) {}

    /** A directory entry, or a file without its content. */
    static ContentJson entry(Trees.Entry e, String ref, Links links) {
        return with(e, ref, links, null, null, null);
    }

    /** A file with its content and how it is encoded ("base64", or "none" past the size limit). */
    static ContentJson file(Trees.Entry e, String ref, Links links, String encoding, String content) {
        return with(e, ref, links, encoding, content, null);
    }

    static ContentJson symlink(Trees.Entry e, String ref, Links links, String target) {
        return with(e, ref, links, null, null, target);
    }

    private static ContentJson with(Trees.Entry e, String ref, Links links, String encoding, String content,
                                    String target) {
        String sha = e.id().name();
        String type = e.isTree() ? "dir" : e.isSymlink() ? "symlink" : e.isSubmodule() ? "submodule" : "file";
        String self = links.contents(e.path(), ref);
        String git = e.isTree() ? links.gitTree(sha) : e.isSubmodule() ? null : links.gitBlob(sha);
        String html = e.isTree() ? links.htmlTree(ref, e.path()) : links.htmlBlob(ref, e.path());
        String download = e.isFile() || e.isSymlink() ? links.raw(ref, e.path()) : null;
        return new ContentJson(type, encoding, Math.max(0, e.size()), e.name(), e.path(), content, sha, self, git,
                html, download, target, new ContentLinks(self, git, html));
    }
}
