package dev.hearth.browse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the README renderer lets through. */
class MarkdownTest {
    final Markdown markdown = new Markdown();

    @Test
    void rawHtmlIsEscapedNotRendered() {
        String html = markdown.render("<div onclick=\"x()\">hi</div>\n\ntext <b onmouseover=y()>bold</b>\n");
        assertThat(html).doesNotContain("<div", "<b ").contains("&lt;div onclick=", "&lt;b onmouseover=");
    }

    @Test
    void onlySafeSchemesSurvive() {
        assertThat(Markdown.SafeUrls.safe("javascript:alert(1)")).isEqualTo("#");
        assertThat(Markdown.SafeUrls.safe("JaVaScRiPt:alert(1)")).isEqualTo("#");
        assertThat(Markdown.SafeUrls.safe(" java\tscript:alert(1)")).isEqualTo("#");
        assertThat(Markdown.SafeUrls.safe("vbscript:x")).isEqualTo("#");
        assertThat(Markdown.SafeUrls.safe("data:text/html,<script>")).isEqualTo("#");
        assertThat(Markdown.SafeUrls.safe("https://example.com/a:b")).isEqualTo("https://example.com/a:b");
        assertThat(Markdown.SafeUrls.safe("mailto:a@example.com")).isEqualTo("mailto:a@example.com");
        assertThat(Markdown.SafeUrls.safe("docs/a:b.md")).isEqualTo("docs/a:b.md");
        assertThat(Markdown.SafeUrls.safe("#top")).isEqualTo("#top");
        assertThat(markdown.render("[x](javascript&#58;alert(1))")).doesNotContain("javascript");
    }

    @Test
    void tablesRenderBecauseBothParserAndRendererKnowThem() {
        assertThat(markdown.render("| a |\n|---|\n| 1 |\n")).contains("<table>", "<td>1</td>");
    }
}
