package dev.hearth.client;

import java.util.Base64;

/** The git data API's blob, its content base64-encoded. */
public record Blob(String sha, long size, String url, String content, String encoding) {
    public byte[] bytes() {
        return Base64.getMimeDecoder().decode(content);
    }
}
