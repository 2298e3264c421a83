package dev.hearth.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Conditional GET (RFC 9110, section 13): an entity tag on a response, and a 304 when the client
 * already holds that representation. Answers that depend on who asks ({@code Authorization}) and
 * how ({@code Accept}) say so in {@code Vary} and are only ever cached privately.
 */
public final class Conditional {
    private static final String IMMUTABLE = "private, max-age=86400, immutable";
    private static final String REVALIDATE = "private, max-age=0, must-revalidate";

    private Conditional() {}

    /**
     * A strong tag naming the object an answer shows (a commit, tree or blob sha) and the variant
     * of it (json, raw, html...): the same object and variant always give the same bytes.
     */
    public static String strong(String sha, String variant) {
        return "\"" + sha + "-" + variant + "\"";
    }

    /** A tag for an answer about a moving ref: a digest of everything the answer depends on. */
    public static String of(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "\"" + HexFormat.of().formatHex(digest.digest(), 0, 20) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Sets {@code ETag}, {@code Cache-Control} and {@code Vary}, and answers whether the client's
     * copy is current. When it is, the status is already 304 and the handler writes nothing more.
     */
    public static boolean notModified(Context ctx, String etag, boolean immutable) {
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", immutable ? IMMUTABLE : REVALIDATE);
        ctx.header("Vary", "Accept, Authorization");
        if (!matches(ctx.header("If-None-Match"), etag)) return false;
        ctx.status(304);
        return true;
    }

    /** If-None-Match uses the weak comparison: {@code W/"x"} matches {@code "x"}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) return false;
        String wanted = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(wanted)) return true;
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
