package dev.hearth.web;

import dev.hearth.error.HearthException;
import io.javalin.http.Context;

/** Numeric ids in paths ({@code …/tokens/{id}}): anything that is not a number names nothing, so it is a 404. */
public final class PathIds {
    private PathIds() {}

    /** The path parameter {@code name} as an id; otherwise 404 with {@code notFound} as the detail. */
    public static long of(Context ctx, String name, String notFound) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw HearthException.notFound(notFound);
        }
    }
}
