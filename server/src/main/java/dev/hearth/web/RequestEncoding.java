package dev.hearth.web;

import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * What Hearth accepts as the text encoding of a request, decided before anything reads it: a
 * {@code charset} in {@code Content-Type} must be one this JVM knows (415 naming it otherwise,
 * before authentication, so no route trips over it later), and the percent-encoded path and
 * query must decode to valid UTF-8 (400 otherwise): no overlong forms such as {@code %C0%AE}
 * becoming '.', no encoded surrogates, no truncated sequences. Form bodies are held to the same
 * rule by {@link #requireUtf8Form} where a form is read, JSON bodies by {@link JsonBody}.
 * The decoders are the JDK's and Jetty's strict UTF-8 decoders, not a hand-written one.
 */
public final class RequestEncoding {
    private RequestEncoding() {}

    /** The before-handler: the charset named in Content-Type, then the path and query string. */
    public static void check(Context ctx) {
        declaredCharset(ctx).ifPresent(name -> {
            if (!known(name)) {
                throw new HearthException(ErrorCategory.UNSUPPORTED_MEDIA_TYPE,
                        "The charset \"" + printable(name) + "\" in Content-Type is not supported; send UTF-8");
            }
        });
        String path = ctx.req().getRequestURI();
        if (path != null && !isUtf8UrlEncoded(path)) {
            throw HearthException.malformed("The URL path is not valid percent-encoded UTF-8");
        }
        String query = ctx.queryString();
        if (query != null && !isUtf8UrlEncoded(query)) {
            throw HearthException.malformed("The query string is not valid percent-encoded UTF-8");
        }
    }

    /**
     * The {@code charset} parameter of the request's Content-Type, if it has one, read from the raw
     * header: the servlet API's {@code getContentType()} throws for a charset the JVM does not know.
     */
    public static Optional<String> declaredCharset(Context ctx) {
        String type = ctx.header("Content-Type");
        return type == null ? Optional.empty() : Optional.ofNullable(MimeTypes.getCharsetFromContentType(type));
    }

    /** True for UTF-8 and its subset US-ASCII, under any of their registered names. */
    public static boolean isUtf8(String charset) {
        try {
            Charset c = Charset.forName(charset.strip());
            return c.equals(StandardCharsets.UTF_8) || c.equals(StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * For a handler about to read an {@code application/x-www-form-urlencoded} body: the raw bytes
     * must be UTF-8 and so must every percent-encoded name and value (400 otherwise), so a field
     * never reaches a handler with bytes silently replaced or reinterpreted.
     */
    public static void requireUtf8Form(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) return;
        String body;
        try {
            body = strictUtf8(ctx.bodyAsBytes());
        } catch (CharacterCodingException e) {
            throw HearthException.malformed("The form body is not valid UTF-8");
        }
        if (!isUtf8UrlEncoded(body)) throw HearthException.malformed("The form body is not valid percent-encoded UTF-8");
    }

    /** Decodes UTF-8 refusing what Java's lenient {@code new String(bytes, UTF_8)} would replace. */
    public static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes));
        return chars.toString();
    }

    /** Jetty's strict form decoder throws on any escape that is not UTF-8 (or not an escape at all). */
    private static boolean isUtf8UrlEncoded(String encoded) {
        if (encoded.indexOf('%') < 0) return true;
        try {
            UrlEncoded.decodeUtf8To(encoded, 0, encoded.length(), (name, value) -> { });
            return true;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    private static boolean known(String charset) {
        try {
            return Charset.isSupported(charset.strip());
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    /** The name as given, cut short and stripped of anything that is not printable ASCII. */
    private static String printable(String name) {
        String cleaned = name.replaceAll("[^\\x21-\\x7e]", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }
}
