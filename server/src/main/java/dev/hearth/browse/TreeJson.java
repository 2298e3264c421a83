package dev.hearth.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The git data API's tree and blob. */
record TreeJson(String sha, String url, List<Item> tree, boolean truncated) {

    /** A tree entry; {@code size} only for blobs, no {@code url} for a submodule's commit. */
    record Item(String path, String mode, String type, String sha,
                @JsonInclude(JsonInclude.Include.NON_NULL) Long size,
                @JsonInclude(JsonInclude.Include.NON_NULL) String url) {}

    /** {@code /git/blobs/{sha}}: the content base64-encoded. */
    record Blob(String sha, long size, String url, String content, String encoding) {}

    static TreeJson of(Trees.Listing listing, Links links) {
        return new TreeJson(listing.sha().name(), links.gitTree(listing.sha().name()),
                listing.entries().stream().map(e -> item(e, links)).toList(), listing.truncated());
    }

    private static Item item(Trees.Entry e, Links links) {
        String sha = e.id().name();
        String url = e.isTree() ? links.gitTree(sha) : e.isSubmodule() ? null : links.gitBlob(sha);
        return new Item(e.path(), e.octalMode(), e.type(), sha, e.size() < 0 ? null : e.size(), url);
    }
}
