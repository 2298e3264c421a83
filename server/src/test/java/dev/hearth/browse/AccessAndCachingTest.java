package dev.hearth.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private repositories stay invisible on every browse route; empty repositories; ETags and 304s across a push. */
class AccessAndCachingTest {
    static TestHearth server;
    static TestHearth.User owner;
    static TestHearth.User stranger;
    static SampleRepo secret;
    static SampleRepo open;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        owner = server.newUser("owner");
        stranger = server.newUser("stranger");
        secret = SampleRepo.create(server, owner, "secret", true, tmp);
        open = SampleRepo.create(server, owner, "open", false, tmp);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> everyRoute(SampleRepo repo) {
        String api = repo.api("");
        String main = repo.rev("main");
        return List.of(api + "/branches", api + "/branches/main", api + "/tags", api + "/commits",
                api + "/commits/main", api + "/commits/" + main, api + "/git/commits/" + main,
                api + "/git/trees/" + repo.rev("main^{tree}") + "?recursive=1",
                api + "/git/blobs/" + repo.rev("main:README.md"), api + "/git/refs", api + "/git/refs/heads/main",
                api + "/git/ref/heads/main", api + "/git/matching-refs/heads", api + "/contents",
                api + "/contents/README.md?ref=" + main, api + "/readme", api + "/compare/v0.1...main",
                api + "/tarball/main", api + "/zipball", "/" + repo.owner + "/" + repo.name + "/raw/main/README.md");
    }

    @Test
    void aPrivateRepositoryIsInvisibleToStrangersAndAnonymous() {
        for (String route : everyRoute(secret)) {
            Bytes mine = Bytes.get(server.baseUrl() + route, owner.bearer(), Map.of());
            assertThat(mine.status()).as(route).isEqualTo(200);
            for (String who : new String[] {null, stranger.bearer()}) {
                for (Map<String, String> headers : List.of(Map.<String, String>of(),
                        Map.of("Accept", "application/vnd.github.raw"), Map.of("If-None-Match", "*"))) {
                    Bytes r = Bytes.get(server.baseUrl() + route, who, headers);
                    assertThat(r.status()).as(route + " as " + who + " " + headers).isEqualTo(404);
                    assertThat(r.header("ETag")).isNull();
                }
            }
            // Exactly what a repository that does not exist answers.
            Bytes missing = Bytes.get(server.baseUrl() + route.replace("/secret", "/no-such-repo"), stranger.bearer(), Map.of());
            assertThat(missing.status()).isEqualTo(404);
        }
    }

    @Test
    void anEmptyRepositoryAnswersLikeGitHub() {
        server.newRepo(owner, "empty", false);
        String api = "/api/v3/repos/" + owner.login() + "/empty";
        for (String route : List.of("/contents", "/contents/README.md", "/commits", "/commits/main", "/readme",
                "/git/refs", "/tarball", "/compare/main...main")) {
            Response r = server.api().get(api + route, null);
            assertThat(r.status()).as(route).isEqualTo(409);
            assertThat(r.json().get("detail").asString()).isEqualTo("Git Repository is empty.");
        }
        assertThat(server.api().get(api + "/branches", null).json()).isEmpty();
        assertThat(server.api().get(api + "/tags", null).json()).isEmpty();
        assertThat(server.api().get(api + "/git/matching-refs/heads", null).json()).isEmpty();
        assertThat(server.api().get(api + "/branches/main", null).status()).isEqualTo(404);
        assertThat(server.api().get("/" + owner.login() + "/empty/raw/main/README.md", null).status()).isEqualTo(404);
    }

    @Test
    void immutableObjectsAnswer304ForTheirTag() {
        String tree = open.api("/git/trees/" + open.rev("main^{tree}"));
        Response first = server.api().get(tree, null);
        String etag = first.header("ETag");
        assertThat(etag).isEqualTo("\"" + open.rev("main^{tree}") + "-tree\"");
        assertThat(first.header("Cache-Control")).contains("immutable");
        Response again = server.api().send("GET", tree, null, null, Map.of("If-None-Match", etag));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);
        // Another representation of the same tree has another tag.
        Response recursive = server.api().send("GET", tree + "?recursive=1", null, null, Map.of("If-None-Match", etag));
        assertThat(recursive.status()).isEqualTo(200);
        assertThat(recursive.header("ETag")).isNotEqualTo(etag);

        String pinned = open.api("/contents/README.md?ref=" + open.rev("main"));
        String json = server.api().get(pinned, null).header("ETag");
        Response raw = server.api().send("GET", pinned, null, null,
                Map.of("Accept", "application/vnd.github.raw", "If-None-Match", json));
        assertThat(raw.status()).isEqualTo(200);
        assertThat(server.api().send("GET", pinned, null, null, Map.of("If-None-Match", "W/" + json)).status())
                .isEqualTo(304);
        String commit = open.api("/commits/" + open.rev("main"));
        assertThat(server.api().send("GET", commit, null, null,
                Map.of("If-None-Match", server.api().get(commit, null).header("ETag"))).status()).isEqualTo(304);
    }

    @Test
    void movingRefsChangeTheirTagWhenAPushMovesThem() throws Exception {
        SampleRepo repo = SampleRepo.create(server, owner, "moving", false, tmp);
        String list = repo.api("/commits?per_page=2");
        Response before = server.api().get(list, null);
        int pagesBefore = Bytes.linkPage(before.header("Link"), "last");
        String readme = repo.api("/contents/README.md");
        String readmeTag = server.api().get(readme, null).header("ETag");
        String compare = repo.api("/compare/v0.1...main");
        Response compareBefore = server.api().get(compare, null);
        assertThat(server.api().send("GET", list, null, null, Map.of("If-None-Match", before.header("ETag"))).status())
                .isEqualTo(304);
        assertThat(before.header("Cache-Control")).doesNotContain("immutable");

        repo.write("new.txt", "new\n");
        repo.commit(8, "Alice", repo.alice, "Eighth");
        repo.write("newer.txt", "newer\n");
        repo.commit(9, "Alice", repo.alice, "Ninth");
        repo.push(server, owner, "main");

        Response after = server.api().send("GET", list, null, null, Map.of("If-None-Match", before.header("ETag")));
        assertThat(after.status()).isEqualTo(200);
        assertThat(CommitApiTest.shas(after)).isEqualTo(repo.lines("log", "--format=%H", "-2", "main"));
        assertThat(Bytes.linkPage(after.header("Link"), "last")).isEqualTo(pagesBefore + 1);
        Response compareAfter = server.api().get(compare, null);
        assertThat(compareAfter.json().get("ahead_by").asInt())
                .isEqualTo(compareBefore.json().get("ahead_by").asInt() + 2);
        // The README did not change: its tag names the same blob, so the client's copy is still good.
        assertThat(server.api().send("GET", readme, null, null, Map.of("If-None-Match", readmeTag)).status())
                .isEqualTo(304);
        assertThat(server.api().send("GET", repo.api("/contents/new.txt"), null, null, Map.of()).status()).isEqualTo(200);
    }
}
