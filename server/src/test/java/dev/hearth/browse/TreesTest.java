package dev.hearth.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import dev.hearth.repos.RepoStore;
import dev.hearth.repos.Repository;
import dev.hearth.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Path checks, and the truncation of a recursive listing past its limit. */
class TreesTest {
    @TempDir
    Path tmp;

    @Test
    void pathsAreCheckedBeforeAnyLookup() {
        assertThat(Trees.checkPath(null)).isEmpty();
        assertThat(Trees.checkPath("/docs/a b.md/")).isEqualTo("docs/a b.md");
        assertThat(Trees.checkPath(".github/x")).isEqualTo(".github/x");
        for (String bad : new String[] {"a/../b", "..", "./a", "a//b", "a\u0000b", "a\nb"}) {
            assertThatThrownBy(() -> Trees.checkPath(bad)).as(bad)
                    .isInstanceOfSatisfying(HearthException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID));
        }
    }

    @Test
    void aRecursiveListingStopsAtTheLimitAndSaysSo() throws Exception {
        RepoStore store = new RepoStore(tmp.resolve("repos"));
        store.create(7, "main");
        GitCli git = new GitCli(Files.createDirectories(tmp.resolve("home")));
        Path work = tmp.resolve("work");
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        for (String f : new String[] {"a/1", "a/2", "b/3", "c"}) {
            Files.createDirectories(work.resolve(f).getParent());
            Files.writeString(work.resolve(f), f);
        }
        git.run(work, "add", "-A").ok();
        git.run(work, "commit", "-q", "-m", "files").ok();
        git.run(work, "push", "-q", store.pathOf(7).toString(), "main").ok();
        ObjectId tree = ObjectId.fromString(git.run(work, "rev-parse", "HEAD^{tree}").ok().outTrim());

        Repository meta = new Repository(7, 1, "o", "r", null, false, "main", Instant.now(), Instant.now(), null);
        try (OpenRepo repo = OpenRepo.open(store, dev.hearth.repos.TestAccess.anonymous(meta))) {
            Trees.Listing all = new Trees(100, new BrowseCache(1 << 20)).list(repo, tree, true);
            assertThat(all.truncated()).isFalse();
            assertThat(all.entries()).extracting(Trees.Entry::path).containsExactly("a", "a/1", "a/2", "b", "b/3", "c");
            Trees.Listing cut = new Trees(3, new BrowseCache(1 << 20)).list(repo, tree, true);
            assertThat(cut.truncated()).isTrue();
            assertThat(cut.entries()).extracting(Trees.Entry::path).containsExactly("a", "a/1", "a/2");
            assertThat(new Trees(3, new BrowseCache(1 << 20)).list(repo, tree, false).truncated()).isFalse();
        }
    }
}
