package dev.hearth.client;

import java.util.List;

/** The git data API's tree; {@code truncated} when a recursive listing was cut short. */
public record Tree(String sha, String url, List<Item> tree, boolean truncated) {

    /** An entry; {@code size} only for blobs, {@code url} null for a submodule's commit. */
    public record Item(String path, String mode, String type, String sha, Long size, String url) {}
}
