package dev.hearth.repos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.error.HearthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepoNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "Hello-World", "under_score", "dots.are.fine", "x234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"})
    void goodRepoNames(String name) {
        assertThat(new RepoName(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "-x", ".x", "a.git", "A.Git", "a/b", "a\\b", "a b", "naïve", "x\u0000",
            "ｒepo"})
    void badRepoNames(String name) {
        assertThatThrownBy(() -> new RepoName(name)).isInstanceOf(HearthException.class);
    }

    @Test
    void repoNamesAreAtMost100() {
        assertThatThrownBy(() -> new RepoName("x".repeat(101))).isInstanceOf(HearthException.class);
    }
}
