package dev.hearth.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * What to do with the rest of a body we refuse (413): read and drop it, up to a bound, so the
 * answer reaches a client still sending and the connection stays usable; past the bound, mark
 * the connection for closing so no client reuses it half-read.
 */
public final class UnreadBody {
    private UnreadBody() {}

    public static void discard(Context ctx, long bound) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            InputStream in = ctx.req().getInputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > bound) {
                    ctx.header("Connection", "close");
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            ctx.header("Connection", "close");
        }
    }
}
