package dev.hearth.browse;

import dev.hearth.error.HearthException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;

/** Reading blobs: whether one is text, its bytes within a limit, its base64 as GitHub writes it. */
final class Blobs {
    /** GitHub's /contents embeds files up to 1 MB; larger ones come with encoding "none". */
    static final long MAX_EMBEDDED = 1 << 20;
    /** The most /git/blobs encodes into JSON; the raw media type streams any size. */
    static final long MAX_JSON_BLOB = 32 << 20;
    private static final int SNIFF = 8000;
    private static final Map<String, String> IMAGES = Map.of(
            "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif",
            "webp", "image/webp", "ico", "image/x-icon", "bmp", "image/bmp");

    private Blobs() {}

    static ObjectLoader open(OpenRepo repo, ObjectId id) throws IOException {
        try {
            return repo.reader().open(id, Constants.OBJ_BLOB);
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw HearthException.notFound("No blob " + id.name());
        }
    }

    /** Git's own rule: a NUL byte in the first 8000 bytes makes a file binary. */
    static boolean isBinary(ObjectLoader loader) throws IOException {
        if (!loader.isLarge()) return RawText.isBinary(loader.getCachedBytes());
        try (InputStream in = loader.openStream()) {
            return RawText.isBinary(in.readNBytes(SNIFF));
        }
    }

    static byte[] bytes(ObjectLoader loader, long limit) throws IOException {
        if (loader.getSize() > limit) {
            throw HearthException.invalid("sha", "the blob is larger than " + limit + " bytes; ask for "
                    + "application/vnd.github.raw to stream it");
        }
        return loader.getCachedBytes((int) limit);
    }

    /** At most the first {@code n} bytes. */
    static byte[] head(ObjectLoader loader, int n) throws IOException {
        if (!loader.isLarge() && loader.getSize() <= n) return loader.getCachedBytes();
        try (InputStream in = loader.openStream()) {
            return in.readNBytes(n);
        }
    }

    /** Base64 in lines of 60 characters, each ending in a newline, as GitHub sends it. */
    static String base64(byte[] bytes) {
        if (bytes.length == 0) return "";
        return Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(bytes) + "\n";
    }

    /**
     * What a browser may be told a raw file is: text as text/plain, known image formats as
     * themselves, everything else as octet-stream. Never HTML or SVG, which could run script.
     */
    static String browserType(String name, boolean binary) {
        if (!binary) return "text/plain; charset=utf-8";
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return IMAGES.getOrDefault(ext, "application/octet-stream");
    }
}
