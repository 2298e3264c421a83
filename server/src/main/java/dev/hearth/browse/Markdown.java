package dev.hearth.browse;

import java.util.List;
import java.util.Locale;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Markdown to HTML for READMEs: CommonMark with GitHub's tables. Raw HTML in the source is
 * escaped, never passed through, and link and image URLs keep only http, https, mailto and
 * relative targets, so a README can carry no script, event handler or {@code javascript:} link.
 * Parser and renderer are immutable and shared between threads.
 */
final class Markdown {
    // Registered on both: a parser-only extension parses tables that the renderer then drops.
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final List<String> SCHEMES = List.of("http", "https", "mailto");

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new SafeUrls())
            .build();

    String render(String markdown) {
        return renderer.render(parser.parse(markdown));
    }

    /** Allows a URL only if it has no scheme or an allowed one; anything else becomes "#". */
    static final class SafeUrls implements UrlSanitizer {
        @Override
        public String sanitizeLinkUrl(String url) {
            return safe(url);
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return safe(url);
        }

        static String safe(String url) {
            // Browsers skip whitespace and control characters inside a scheme ("java\tscript:").
            String compact = url.replaceAll("[\\x00-\\x20\\x7f]", "").toLowerCase(Locale.ROOT);
            int colon = compact.indexOf(':');
            if (colon < 0) return url;
            String beforeColon = compact.substring(0, colon);
            if (beforeColon.contains("/") || beforeColon.contains("?") || beforeColon.contains("#")) return url;
            return SCHEMES.contains(beforeColon) ? url : "#";
        }
    }
}
