package dev.hearth.repos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Repositories, visibility, listings and collaborators over real HTTP; run on SQLite and PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RepoApiTest {
    TestHearth server;
    ApiClient api;

    abstract TestHearth startServer();

    @BeforeAll
    void start() {
        server = startServer();
        api = server.api();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Path diskPath(long id) {
        return new RepoStore(server.dataDir().resolve("repos")).pathOf(id);
    }

    @Test
    void createdRepositoryHasGitHubFieldsAndLivesOnDiskById() {
        TestHearth.User ann = server.newUser("ann");
        Response r = api.post("/api/v3/user/repos", ann.bearer(),
                "{\"name\":\"Hello.World_1\",\"description\":\"hi\",\"private\":true,\"default_branch\":\"trunk\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode j = r.json();
        for (String field : List.of("id", "name", "full_name", "owner", "private", "description", "default_branch",
                "clone_url", "html_url", "created_at", "updated_at", "pushed_at")) {
            assertThat(j.has(field)).as(field).isTrue();
        }
        assertThat(j.get("full_name").asString()).isEqualTo(ann.login() + "/Hello.World_1");
        assertThat(j.get("owner").get("login").asString()).isEqualTo(ann.login());
        assertThat(j.get("owner").get("id").asLong()).isEqualTo(ann.id());
        assertThat(j.get("private").asBoolean()).isTrue();
        assertThat(j.get("default_branch").asString()).isEqualTo("trunk");
        assertThat(j.get("clone_url").asString()).isEqualTo(server.baseUrl() + "/" + ann.login() + "/Hello.World_1.git");
        assertThat(j.get("pushed_at").isNull()).isTrue();

        Path dir = diskPath(j.get("id").asLong());
        assertThat(dir.toString()).matches(".*/repos/[0-9a-f]{2}/[0-9a-f]{2}/\\d+\\.git");
        assertThat(dir.resolve("HEAD")).content().isEqualTo("ref: refs/heads/trunk\n");
    }

    @Test
    void sameNameInAnyLetterCaseIsAConflict() {
        TestHearth.User bo = server.newUser("bo");
        server.newRepo(bo, "dup", false);
        Response again = api.post("/api/v3/user/repos", bo.bearer(), "{\"name\":\"DUP\"}");
        assertThat(again.status()).isEqualTo(409);
        TestHearth.User other = server.newUser("other");
        assertThat(api.post("/api/v3/user/repos", other.bearer(), "{\"name\":\"dup\"}").status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "-flag", ".hidden", "x.git", "X.GIT", "a/b", "a b", "..%2f", "naïve",
            "tab\\there", "nul\\u0000x", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void badNamesAre422AndCreateNothing(String name) {
        TestHearth.User cy = server.newUser("cy");
        Response r = api.post("/api/v3/user/repos", cy.bearer(), "{\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(api.get("/api/v3/users/" + cy.login() + "/repos", cy.bearer()).json().size()).isZero();
    }

    @Test
    void privateRepositoriesAreInvisibleExactlyLikeMissingOnes() {
        TestHearth.User dee = server.newUser("dee");
        TestHearth.User stranger = server.newUser("stranger");
        server.newRepo(dee, "secret", true);
        for (String auth : new String[] {null, stranger.bearer()}) {
            Response hidden = api.get("/api/v3/repos/" + dee.login() + "/secret", auth);
            Response missing = api.get("/api/v3/repos/" + dee.login() + "/nothing", auth);
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(hidden.json().get("type")).isEqualTo(missing.json().get("type"));
            assertThat(hidden.json().get("detail").asString().replace("secret", "X"))
                    .isEqualTo(missing.json().get("detail").asString().replace("nothing", "X"));
        }
        assertThat(api.get("/api/v3/repos/" + dee.login() + "/secret", dee.bearer()).status()).isEqualTo(200);
        assertThat(api.get("/api/v3/repos/" + dee.login() + "/secret", server.admin()).status()).isEqualTo(200);
        assertThat(api.patch("/api/v3/repos/" + dee.login() + "/secret", stranger.bearer(), "{\"description\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v3/repos/" + dee.login() + "/secret", stranger.bearer()).status()).isEqualTo(404);
    }

    @Test
    void patchRenamesAndChangesSettings() {
        TestHearth.User eve = server.newUser("eve");
        server.newRepo(eve, "before", false);
        server.newRepo(eve, "taken", false);
        String path = "/api/v3/repos/" + eve.login() + "/before";
        assertThat(api.patch(path, eve.bearer(), "{\"name\":\"TAKEN\"}").status()).isEqualTo(409);
        assertThat(api.patch(path, eve.bearer(), "{\"name\":\"bad/name\"}").status()).isEqualTo(422);
        assertThat(api.patch(path, eve.bearer(), "{\"default_branch\":\"in valid\"}").status()).isEqualTo(422);

        Response renamed = api.patch(path, eve.bearer(), "{\"name\":\"after\",\"description\":\"new words\",\"private\":true,\"default_branch\":\"dev\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("after");
        assertThat(renamed.json().get("description").asString()).isEqualTo("new words");
        assertThat(renamed.json().get("private").asBoolean()).isTrue();
        assertThat(renamed.json().get("default_branch").asString()).isEqualTo("dev");
        assertThat(api.get(path, eve.bearer()).status()).isEqualTo(404);
        assertThat(api.get("/api/v3/repos/" + eve.login() + "/after", null).status()).isEqualTo(404);
        assertThat(diskPath(renamed.json().get("id").asLong()).resolve("HEAD")).content().isEqualTo("ref: refs/heads/dev\n");
    }

    @Test
    void defaultBranchMustExistOnceThereAreBranches() {
        TestHearth.User fay = server.newUser("fay");
        Response r = api.post("/api/v3/user/repos", fay.bearer(), "{\"name\":\"inited\",\"auto_init\":true}");
        assertThat(r.status()).isEqualTo(201);
        Response bad = api.patch("/api/v3/repos/" + fay.login() + "/inited", fay.bearer(), "{\"default_branch\":\"nope\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("default_branch");
    }

    @Test
    void deleteRemovesTheRowAndTheDirectory() {
        TestHearth.User gus = server.newUser("gus");
        long id = server.newRepo(gus, "doomed", false).json().get("id").asLong();
        Path dir = diskPath(id);
        assertThat(dir).isDirectory();

        String readOnlyToken = api.post("/api/v3/users/" + gus.login() + "/tokens", gus.basic(),
                "{\"name\":\"no-delete\",\"scopes\":[\"repo\"]}").json().get("token").asString();
        assertThat(api.delete("/api/v3/repos/" + gus.login() + "/doomed", ApiClient.bearer(readOnlyToken)).status()).isEqualTo(403);
        assertThat(dir).isDirectory();

        assertThat(api.delete("/api/v3/repos/" + gus.login() + "/doomed", gus.bearer()).status()).isEqualTo(204);
        assertThat(api.get("/api/v3/repos/" + gus.login() + "/doomed", gus.bearer()).status()).isEqualTo(404);
        assertThat(Files.exists(dir)).isFalse();
        assertThat(api.post("/api/v3/user/repos", gus.bearer(), "{\"name\":\"doomed\"}").status()).isEqualTo(201);
    }

    @Test
    void listingsArePaginatedWithLinkHeaders() {
        TestHearth.User hope = server.newUser("hope");
        for (int i = 1; i <= 5; i++) server.newRepo(hope, "r" + i, false);
        String path = "/api/v3/users/" + hope.login() + "/repos";

        Response first = api.get(path + "?per_page=2", null);
        assertThat(first.json().size()).isEqualTo(2);
        assertThat(first.json().get(0).get("name").asString()).isEqualTo("r1");
        assertThat(first.header("Link")).contains("page=2>; rel=\"next\"").contains("page=3>; rel=\"last\"")
                .doesNotContain("rel=\"prev\"");

        Response last = api.get(path + "?per_page=2&page=3", null);
        assertThat(last.json().size()).isEqualTo(1);
        assertThat(last.json().get(0).get("name").asString()).isEqualTo("r5");
        assertThat(last.header("Link")).contains("page=2>; rel=\"prev\"").contains("page=1>; rel=\"first\"")
                .doesNotContain("rel=\"next\"");

        Response beyond = api.get(path + "?per_page=2&page=9", null);
        assertThat(beyond.json().size()).isZero();

        List<String> names = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            api.get(path + "?per_page=2&page=" + page, null).json().forEach(n -> names.add(n.get("name").asString()));
        }
        assertThat(names).containsExactly("r1", "r2", "r3", "r4", "r5");

        assertThat(api.get(path + "?per_page=1000", null).json().size()).isEqualTo(5);
        assertThat(api.get(path + "?page=0", null).status()).isEqualTo(422);
        assertThat(api.get(path + "?per_page=abc", null).status()).isEqualTo(422);
        assertThat(api.get("/api/v3/users/no-such-user/repos", null).status()).isEqualTo(404);
    }

    @Test
    void listingsShowOnlyWhatTheCallerMaySee() {
        TestHearth.User ivy = server.newUser("ivy");
        TestHearth.User jay = server.newUser("jay");
        server.newRepo(ivy, "open", false);
        server.newRepo(ivy, "closed", true);
        server.newRepo(ivy, "shared", true);
        assertThat(api.put("/api/v3/repos/" + ivy.login() + "/shared/collaborators/" + jay.login(), ivy.bearer(),
                "{\"permission\":\"read\"}").status()).isEqualTo(201);
        String path = "/api/v3/users/" + ivy.login() + "/repos";

        assertThat(names(api.get(path, null))).containsExactly("open");
        assertThat(names(api.get(path, jay.bearer()))).containsExactly("open", "shared");
        assertThat(names(api.get(path, ivy.bearer()))).containsExactly("closed", "open", "shared");
        assertThat(names(api.get(path, server.admin()))).containsExactly("closed", "open", "shared");

        assertThat(names(api.get("/api/v3/user/repos", jay.bearer()))).containsExactly("shared");
        // Each item carries the caller's own permissions, read for the whole page at once.
        assertThat(api.put("/api/v3/repos/" + ivy.login() + "/open/collaborators/" + jay.login(), ivy.bearer(),
                "{\"permission\":\"write\"}").status()).isEqualTo(201);
        java.util.Map<String, String> seenByJay = new java.util.TreeMap<>();
        api.get(path, jay.bearer()).json().forEach(n -> seenByJay.put(n.get("name").asString(),
                n.get("permissions").get("admin").asBoolean() + "/" + n.get("permissions").get("push").asBoolean()
                        + "/" + n.get("permissions").get("pull").asBoolean()));
        assertThat(seenByJay).containsExactly(java.util.Map.entry("open", "false/true/true"),
                java.util.Map.entry("shared", "false/false/true"));
        api.get("/api/v3/user/repos", ivy.bearer()).json().forEach(n ->
                assertThat(n.get("permissions").get("admin").asBoolean()).as(n.get("name").asString()).isTrue());
        assertThat(api.get(path, null).json().get(0).get("permissions").get("push").asBoolean()).isFalse();
        assertThat(names(api.get("/api/v3/user/repos", ivy.bearer()))).containsExactly("closed", "open", "shared");
        assertThat(api.get("/api/v3/user/repos", null).status()).isEqualTo(401);

        // A token without repo scopes sees what an anonymous visitor sees.
        String bare = api.post("/api/v3/users/" + ivy.login() + "/tokens", ivy.basic(), "{\"name\":\"bare\",\"scopes\":[]}")
                .json().get("token").asString();
        assertThat(names(api.get(path, ApiClient.bearer(bare)))).containsExactly("open");
        assertThat(api.get("/api/v3/repos/" + ivy.login() + "/closed", ApiClient.bearer(bare)).status()).isEqualTo(404);
        assertThat(api.post("/api/v3/user/repos", ApiClient.bearer(bare), "{\"name\":\"x\"}").status()).isEqualTo(403);
    }

    private static List<String> names(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().forEach(n -> names.add(n.get("name").asString()));
        return names;
    }

    @Test
    void collaboratorsAreAddedChangedListedAndRemoved() {
        TestHearth.User kai = server.newUser("kai");
        TestHearth.User lou = server.newUser("lou");
        server.newRepo(kai, "team", true);
        String base = "/api/v3/repos/" + kai.login() + "/team/collaborators";

        assertThat(api.get("/api/v3/repos/" + kai.login() + "/team", lou.bearer()).status()).isEqualTo(404);
        assertThat(api.put(base + "/" + lou.login(), kai.bearer(), "{\"permission\":\"read\"}").status()).isEqualTo(201);
        Response seen = api.get("/api/v3/repos/" + kai.login() + "/team", lou.bearer());
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().get("permissions").get("push").asBoolean()).isFalse();
        assertThat(api.get(base, lou.bearer()).status()).isEqualTo(403);
        assertThat(api.put(base + "/" + kai.login(), lou.bearer(), "{\"permission\":\"admin\"}").status()).isEqualTo(403);
        assertThat(api.patch("/api/v3/repos/" + kai.login() + "/team", lou.bearer(), "{\"description\":\"x\"}").status()).isEqualTo(403);

        assertThat(api.put(base + "/" + lou.login(), kai.bearer(), "{\"permission\":\"write\"}").status()).isEqualTo(204);
        Response list = api.get(base, kai.bearer());
        assertThat(list.json().size()).isEqualTo(1);
        assertThat(list.json().get(0).get("login").asString()).isEqualTo(lou.login());
        assertThat(list.json().get(0).get("role_name").asString()).isEqualTo("write");
        assertThat(api.get(base, lou.bearer()).status()).isEqualTo(200);

        assertThat(api.put(base + "/" + lou.login(), kai.bearer(), "{\"permission\":\"owner\"}").status()).isEqualTo(422);
        assertThat(api.put(base + "/" + kai.login(), kai.bearer(), "{\"permission\":\"read\"}").status()).isEqualTo(422);
        assertThat(api.put(base + "/no-such-user", kai.bearer(), "{\"permission\":\"read\"}").status()).isEqualTo(404);

        assertThat(api.delete(base + "/" + lou.login(), kai.bearer()).status()).isEqualTo(204);
        assertThat(api.get("/api/v3/repos/" + kai.login() + "/team", lou.bearer()).status()).isEqualTo(404);
        assertThat(api.put(base + "/" + lou.login(), kai.bearer(), null).status()).isEqualTo(201);
        assertThat(api.get(base, kai.bearer()).json().get(0).get("role_name").asString()).isEqualTo("write");
    }

    @Test
    void readOnlyTokensReadButDoNotWrite() {
        TestHearth.User max = server.newUser("max");
        server.newRepo(max, "mine", true);
        String readOnly = api.post("/api/v3/users/" + max.login() + "/tokens", max.basic(),
                "{\"name\":\"ro\",\"scopes\":[\"read:repo\"]}").json().get("token").asString();
        Response r = api.get("/api/v3/repos/" + max.login() + "/mine", ApiClient.bearer(readOnly));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("permissions").get("admin").asBoolean()).isFalse();
        assertThat(api.patch("/api/v3/repos/" + max.login() + "/mine", ApiClient.bearer(readOnly), "{\"description\":\"x\"}").status())
                .isEqualTo(403);
        assertThat(api.post("/api/v3/user/repos", ApiClient.bearer(readOnly), "{\"name\":\"new\"}").status()).isEqualTo(403);
    }
}
