package dev.hearth.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A file or directory entry of {@code /contents}. {@code type} is {@code file}, {@code dir},
 * {@code symlink} or {@code submodule}; {@code content} is only filled for a single file small
 * enough to embed ({@code encoding} "base64"; "none" past the limit: read it with {@link Browse#raw}).
 */
public record Content(String type, String encoding, long size, String name, String path, String content, String sha,
                      String url, String gitUrl, String htmlUrl, String downloadUrl, String target) {

    public boolean isDirectory() {
        return "dir".equals(type);
    }

    /** The embedded content, decoded. */
    public byte[] bytes() {
        if (content == null || !"base64".equals(encoding)) {
            throw new IllegalStateException(path + " has no embedded content (encoding " + encoding + ")");
        }
        return Base64.getMimeDecoder().decode(content);
    }

    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
