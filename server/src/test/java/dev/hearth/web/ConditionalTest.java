package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** If-None-Match matching and entity tags. */
class ConditionalTest {
    @Test
    void ifNoneMatchUsesWeakComparisonAndLists() {
        String tag = Conditional.strong("abc", "json");
        assertThat(tag).isEqualTo("\"abc-json\"");
        assertThat(Conditional.matches(tag, tag)).isTrue();
        assertThat(Conditional.matches("W/" + tag, tag)).isTrue();
        assertThat(Conditional.matches("\"x\", " + tag, tag)).isTrue();
        assertThat(Conditional.matches("*", tag)).isTrue();
        assertThat(Conditional.matches("\"abc-raw\"", tag)).isFalse();
        assertThat(Conditional.matches(null, tag)).isFalse();
        assertThat(Conditional.matches("", tag)).isFalse();
    }

    @Test
    void digestsDependOnEveryPartAndTheirBoundaries() {
        assertThat(Conditional.of("a", "b")).isEqualTo(Conditional.of("a", "b")).startsWith("\"").endsWith("\"");
        assertThat(Conditional.of("a", "b")).isNotEqualTo(Conditional.of("ab", ""));
        assertThat(Conditional.of("a", "b")).isNotEqualTo(Conditional.of("a", "c"));
    }
}
