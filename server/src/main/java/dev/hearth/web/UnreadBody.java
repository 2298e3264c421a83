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

    /** Past this much of a refused request's body left unread, the connection is closed rather than drained. */
    static final long SETTLE_BOUND = 1L << 20;

    /**
     * Before an error answer: a body the handler did not read (a 415 or 401 before parsing, say)
     * is drained up to {@link #SETTLE_BOUND}, else the connection is marked for closing, so a
     * client never reuses a connection the server is about to drop.
     */
    public static void settle(Context ctx) {
        if (ctx.res().isCommitted()) return;
        boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
        if (hasBody) discard(ctx, SETTLE_BOUND);
    }

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
