package dev.hearth.web;

import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.util.List;
import java.util.Locale;

/**
 * Multipart uploads, which Jetty streams to disk past a small in-memory threshold and refuses
 * past the size limits set in {@link HttpServer}: those refusals become 413, a garbled body 400.
 */
public final class Multipart {
    private Multipart() {}

    public static List<UploadedFile> files(Context ctx, String name) {
        try {
            return ctx.uploadedFiles(name);
        } catch (Exception e) { // Javalin rethrows the servlet's checked exceptions unchecked
            for (Throwable t = e; t != null; t = t.getCause()) {
                String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                if (m.contains("exceed") || m.contains("too large") || m.contains("413")) {
                    UnreadBody.discard(ctx, 64L << 20);
                    throw new HearthException(ErrorCategory.TOO_LARGE, "An uploaded file or the whole upload is too large");
                }
            }
            throw HearthException.malformed("The multipart body could not be read");
        }
    }
}
