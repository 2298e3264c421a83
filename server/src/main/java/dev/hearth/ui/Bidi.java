package dev.hearth.ui;

import gg.jte.Content;
import gg.jte.TemplateOutput;
import gg.jte.html.HtmlTemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;
import java.util.Locale;
import java.util.Set;

/**
 * Bidirectional controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates) shown
 * visibly, never as live controls ("Trojan Source", CVE-2021-42574): text can read one way and
 * mean another, and a file name "invoice", RLO, "fdp.exe" looks like a PDF. This is the
 * one place pages do it: the jte output every template renders through. Each control in text a
 * template writes with {@code ${…}} becomes a marked {@code <span class="bidi">⟪U+202E⟫</span>}
 * (names, descriptions, commit messages, code lines, lists alike); in tooltips and the title only
 * the text marker fits; form values ({@code <textarea>}, {@code value=}) and URLs stay as they are,
 * so editing a description keeps it. Pages with such files also say so ({@link #contains}), as
 * GitHub's warning does.
 */
public final class Bidi {
    private Bidi() {}

    /** Attributes shown to people as text, where the text marker (no markup) stands in. */
    private static final Set<String> TEXT_ATTRIBUTES = Set.of("title", "alt", "aria-label", "placeholder", "download");
    /** Elements whose body is raw text or a form value, left untouched. */
    private static final Set<String> RAW_ELEMENTS = Set.of("script", "style", "textarea");

    /** True for the nine bidirectional embedding, override and isolate controls. */
    public static boolean isControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** Whether the text holds any bidirectional control. */
    public static boolean contains(String text) {
        if (text == null) return false;
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) return true;
        }
        return false;
    }

    /** The visible stand-in for one control, e.g. {@code ⟪U+202E⟫}. */
    static String marker(int c) {
        return "\u27EAU+" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + "\u27EB";
    }

    /** The text with every control replaced by its marker (plain text, safe in any HTML context). */
    static String marked(String text) {
        if (!contains(text)) return text;
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) out.append(marker(c));
            else out.append(c);
        }
        return out.toString();
    }

    /** Wraps what a page is rendered into: jte's own HTML escaping, with the controls marked first. */
    static HtmlTemplateOutput output(TemplateOutput target) {
        return new MarkingOutput(new OwaspHtmlTemplateOutput(target));
    }

    /** jte's context-aware HTML output, with text content passed through {@link #marked} or marked up. */
    private static final class MarkingOutput implements HtmlTemplateOutput {
        private final OwaspHtmlTemplateOutput html;
        private String tag;
        private String attribute;

        MarkingOutput(OwaspHtmlTemplateOutput html) {
            this.html = html;
        }

        @Override
        public void setContext(String tagName, String attributeName) {
            this.tag = tagName;
            this.attribute = attributeName;
            html.setContext(tagName, attributeName);
        }

        @Override
        public void writeContent(String value) {
            html.writeContent(value);
        }

        @Override
        public void writeContent(String value, int beginIndex, int endIndex) {
            html.writeContent(value, beginIndex, endIndex);
        }

        @Override
        public void writeUnsafeContent(String value) {
            // HTML made by code (a rendered README): the plain marker is safe inside text and attributes alike
            html.writeUnsafeContent(marked(value));
        }

        @Override
        public void writeUserContent(Content content) {
            if (content == null) return;
            if (tag != null && attribute != null) html.writeUserContent(content);
            else content.writeTo(this); // nested template content renders through this output too
        }

        @Override
        public void writeUserContent(String value) {
            if (value == null || !contains(value)) {
                html.writeUserContent(value);
            } else if (attribute != null) {
                html.writeUserContent(TEXT_ATTRIBUTES.contains(attribute.toLowerCase(Locale.ROOT)) ? marked(value) : value);
            } else if (tag != null && RAW_ELEMENTS.contains(tag.toLowerCase(Locale.ROOT))) {
                html.writeUserContent(value);
            } else if (tag != null && tag.equalsIgnoreCase("title")) {
                html.writeUserContent(marked(value));
            } else {
                int start = 0;
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (!isControl(c)) continue;
                    if (i > start) html.writeUserContent(value.substring(start, i));
                    String code = "U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT);
                    html.writeContent("<span class=\"bidi\" title=\"Bidirectional control " + code + "\">" + marker(c) + "</span>");
                    start = i + 1;
                }
                if (start < value.length()) html.writeUserContent(value.substring(start));
            }
        }
    }
}
