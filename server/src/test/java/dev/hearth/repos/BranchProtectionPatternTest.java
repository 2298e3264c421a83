package dev.hearth.repos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BranchProtectionPatternTest {
    static boolean matches(String pattern, String branch) {
        return new BranchProtection(pattern, false, false, false, Optional.empty()).matches(branch);
    }

    @Test
    void patternsFollowGitHub() {
        assertThat(matches("main", "main")).isTrue();
        assertThat(matches("main", "main2")).isFalse();
        assertThat(matches("release/*", "release/1.0")).isTrue();
        assertThat(matches("release/*", "release/1.0/hotfix")).isFalse();
        assertThat(matches("release/**", "release/1.0/hotfix")).isTrue();
        assertThat(matches("v?", "v1")).isTrue();
        assertThat(matches("v?", "v10")).isFalse();
        assertThat(matches("a.b", "axb")).as("a dot is literal").isFalse();
        assertThat(matches("feat(x)", "feat(x)")).isTrue();
    }
}
