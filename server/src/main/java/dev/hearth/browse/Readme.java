package dev.hearth.browse;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Which file of a directory is its README, and that file as HTML. */
final class Readme {
    /** A larger README is rendered up to this many bytes. */
    static final int MAX_RENDERED = 1 << 20;
    private static final List<String> MARKDOWN = List.of(".md", ".markdown", ".mdown", ".mkd");

    private final Markdown markdown;

    Readme(Markdown markdown) {
        this.markdown = markdown;
    }

    /** A file named README, in any case and with any extension; Markdown first, then by name. */
    static Optional<Trees.Entry> pick(List<Trees.Entry> entries) {
        return entries.stream()
                .filter(Trees.Entry::isFile)
                .filter(e -> {
                    String n = e.name().toLowerCase(Locale.ROOT);
                    return n.equals("readme") || n.startsWith("readme.");
                })
                .min(Comparator.comparing((Trees.Entry e) -> isMarkdown(e.name()) ? 0 : 1)
                        .thenComparing(Trees.Entry::name));
    }

    static boolean isMarkdown(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return MARKDOWN.stream().anyMatch(n::endsWith);
    }

    /** GitHub's wrapper around a rendered README; other text formats are shown preformatted. */
    String html(String name, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String body = isMarkdown(name) ? markdown.render(text) : "<pre>" + escape(text) + "</pre>";
        return "<div id=\"file\" class=\"md\" data-path=\"" + escape(name) + "\">"
                + "<article class=\"markdown-body entry-content container-lg\" itemprop=\"text\">"
                + body + "</article></div>";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
