package dev.hearth.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Branches, tags and git refs against {@code git for-each-ref}. */
class RefApiTest {
    static TestHearth server;
    static TestHearth.User owner;
    static SampleRepo repo;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        owner = server.newUser("owner");
        repo = SampleRepo.create(server, owner, "refs", false, tmp);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Response get(String suffix) {
        return server.api().get(repo.api(suffix), null);
    }

    /** name → sha from for-each-ref with the given format. */
    static Map<String, String> refs(String pattern, String format) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : repo.lines("for-each-ref", "--format=" + format, pattern)) {
            String[] f = line.split(" ");
            out.put(f[0], f[1]);
        }
        return out;
    }

    @Test
    void branchesListEveryHeadWithItsCommit() {
        Map<String, String> expected = refs("refs/heads", "%(refname:short) %(objectname)");
        Map<String, String> actual = new LinkedHashMap<>();
        for (JsonNode b : get("/branches").json()) {
            actual.put(b.get("name").asString(), b.get("commit").get("sha").asString());
            assertThat(b.get("protected").asBoolean()).isFalse();
        }
        assertThat(actual).isEqualTo(expected).containsOnlyKeys("main", "feature/x");

        Response one = get("/branches?per_page=1&page=2");
        assertThat(one.json()).hasSize(1);
        assertThat(one.json().get(0).get("name").asString()).isEqualTo("main");
        assertThat(Bytes.linkPage(one.header("Link"), "prev")).isEqualTo(1);
    }

    @Test
    void aBranchWithASlashShowsItsHeadCommit() {
        JsonNode b = get("/branches/feature/x").json();
        assertThat(b.get("name").asString()).isEqualTo("feature/x");
        assertThat(b.get("commit").get("sha").asString()).isEqualTo(repo.rev("feature/x"));
        assertThat(b.get("commit").get("commit").get("message").asString()).isEqualTo("More feature work");
        assertThat(b.get("_links").get("html").asString()).endsWith("/refs/tree/feature/x");
        assertThat(get("/branches/nope").status()).isEqualTo(404);
        assertThat(get("/branches/v1.0").status()).isEqualTo(404);
    }

    @Test
    void tagsShowThePeeledCommit() {
        Map<String, String> expected = refs("refs/tags", "%(refname:short) %(*objectname)%(objectname)");
        Map<String, String> actual = new LinkedHashMap<>();
        for (JsonNode t : get("/tags").json()) {
            actual.put(t.get("name").asString(), t.get("commit").get("sha").asString());
            assertThat(t.get("tarball_url").asString()).endsWith("/tarball/" + t.get("name").asString());
        }
        // for-each-ref prints both shas for an annotated tag; the peeled one comes first.
        expected.replaceAll((k, v) -> v.substring(0, 40));
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.get("v1.0")).isEqualTo(repo.rev("v1.0^{commit}"));
        assertThat(actual.get("v0.1")).isEqualTo(repo.rev("v0.1"));
    }

    @Test
    void gitRefsMatchForEachRef() {
        Map<String, String> expected = refs("refs", "%(refname) %(objectname)");
        Map<String, String> actual = new LinkedHashMap<>();
        for (JsonNode r : get("/git/refs").json()) actual.put(r.get("ref").asString(), r.get("object").get("sha").asString());
        assertThat(actual).isEqualTo(expected);

        JsonNode main = get("/git/refs/heads/main").json();
        assertThat(main.isObject()).isTrue();
        assertThat(main.get("object").get("sha").asString()).isEqualTo(repo.rev("main"));
        assertThat(main.get("object").get("type").asString()).isEqualTo("commit");

        JsonNode annotated = get("/git/ref/tags/v1.0").json();
        assertThat(annotated.get("object").get("type").asString()).isEqualTo(repo.git("cat-file", "-t", "v1.0").strip());
        assertThat(annotated.get("object").get("sha").asString()).isEqualTo(repo.rev("v1.0"));

        JsonNode prefix = get("/git/refs/heads").json();
        assertThat(prefix.isArray()).isTrue();
        assertThat(prefix).extracting(r -> r.get("ref").asString()).containsExactly("refs/heads/feature/x", "refs/heads/main");
        assertThat(get("/git/matching-refs/tags/v").json()).hasSize(2);
        assertThat(get("/git/matching-refs/tags/nope").json()).isEmpty();
        assertThat(get("/git/refs/heads/nope").status()).isEqualTo(404);
        assertThat(get("/git/ref/heads").status()).isEqualTo(404);
        assertThat(get("/git/refs/heads/../../config").status()).isIn(400, 404);
    }
}
