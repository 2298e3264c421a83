package dev.hearth.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Commits, single commits with their diffs, the git data API's commits, and comparisons, each against the git CLI. */
class CommitApiTest {
    static TestHearth server;
    static TestHearth.User owner;
    static SampleRepo repo;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        owner = server.newUser("owner");
        repo = SampleRepo.create(server, owner, "sample", false, tmp);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Response get(String suffix) {
        Response r = server.api().get(repo.api(suffix), null);
        return r;
    }

    static List<String> shas(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> shas = new ArrayList<>();
        r.json().forEach(c -> shas.add(c.get("sha").asString()));
        return shas;
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void listingFollowsGitLogOnTheDefaultBranchAndOthers() {
        assertThat(shas(get("/commits"))).isEqualTo(repo.lines("log", "--format=%H", "main")).hasSize(6);
        assertThat(shas(get("/commits?sha=feature/x"))).isEqualTo(repo.lines("log", "--format=%H", "feature/x"));
        assertThat(shas(get("/commits?sha=v1.0"))).isEqualTo(repo.lines("log", "--format=%H", "v1.0"));
        String second = repo.rev("main~1");
        assertThat(shas(get("/commits?sha=" + second))).isEqualTo(repo.lines("log", "--format=%H", second));
        assertThat(shas(get("/commits?sha=" + second.substring(0, 10))))
                .isEqualTo(repo.lines("log", "--format=%H", second));
    }

    @Test
    void listingFiltersByPathAuthorAndTime() {
        assertThat(shas(get("/commits?path=" + q(SampleRepo.UNICODE))))
                .isEqualTo(repo.lines("log", "--format=%H", "main", "--", SampleRepo.UNICODE)).hasSize(2);
        assertThat(shas(get("/commits?path=src")))
                .isEqualTo(repo.lines("log", "--format=%H", "main", "--", "src")).hasSize(3);
        assertThat(shas(get("/commits?author=" + q(repo.alice))))
                .isEqualTo(repo.lines("log", "--format=%H", "--author=" + repo.alice, "main")).hasSize(3);
        // A login stands for the account's email.
        assertThat(shas(get("/commits?sha=feature/x&author=" + owner.login())))
                .isEqualTo(repo.lines("log", "--format=%H", "--author=" + repo.ownerEmail, "feature/x")).hasSize(2);
        assertThat(shas(get("/commits?since=" + SampleRepo.iso(3) + "&until=" + SampleRepo.iso(5))))
                .isEqualTo(repo.lines("log", "--format=%H", "--since=" + SampleRepo.date(3),
                        "--until=" + SampleRepo.date(5), "main")).hasSize(3);
        assertThat(get("/commits?since=yesterday").status()).isEqualTo(422);
    }

    @Test
    void paginationWalksTheSameOrderWithLinks() {
        List<String> all = repo.lines("log", "--format=%H", "main");
        Response first = get("/commits?per_page=1");
        assertThat(shas(first)).containsExactly(all.getFirst());
        assertThat(Bytes.linkPage(first.header("Link"), "next")).isEqualTo(2);
        assertThat(Bytes.linkPage(first.header("Link"), "last")).isEqualTo(all.size());

        List<String> paged = new ArrayList<>();
        for (int page = 1; page <= 3; page++) paged.addAll(shas(get("/commits?per_page=4&page=" + page)));
        assertThat(paged).isEqualTo(all);

        Response last = get("/commits?per_page=4&page=2");
        assertThat(shas(last)).isEqualTo(all.subList(4, 6));
        assertThat(Bytes.linkPage(last.header("Link"), "next")).isEqualTo(-1);
        assertThat(Bytes.linkPage(last.header("Link"), "prev")).isEqualTo(1);

        Response beyond = get("/commits?per_page=4&page=9");
        assertThat(shas(beyond)).isEmpty();
        assertThat(Bytes.linkPage(beyond.header("Link"), "last")).isEqualTo(2);
        assertThat(get("/commits?per_page=0").status()).isEqualTo(422);
    }

    @Test
    void listedCommitsCarryGitHubsFields() {
        JsonNode c = get("/commits?per_page=1&sha=" + repo.rev("main~4")).json().get(0);
        assertThat(c.get("sha").asString()).isEqualTo(repo.rev("main~4"));
        assertThat(c.get("commit").get("message").asString()).isEqualTo("First commit\n\nWith a body.");
        assertThat(c.get("commit").get("author").get("email").asString()).isEqualTo(repo.alice);
        assertThat(c.get("commit").get("author").get("date").asString()).isEqualTo("2024-01-01T12:00:00Z");
        assertThat(c.get("commit").get("committer").get("name").asString()).isEqualTo("Test Committer");
        assertThat(c.get("commit").get("tree").get("sha").asString()).isEqualTo(repo.rev("main~4^{tree}"));
        assertThat(c.get("parents")).isEmpty();
        assertThat(c.get("html_url").asString()).endsWith("/" + owner.login() + "/sample/commit/" + repo.rev("main~4"));
        assertThat(c.has("stats")).isFalse();
    }

    @Test
    void aCommitHasStatsAndFilesLikeGitDiffNumstat() {
        for (String sha : repo.lines("log", "--format=%H", "--all")) {
            JsonNode c = get("/commits/" + sha).json();
            List<String> parents = repo.lines("log", "-1", "--format=%P", sha).stream()
                    .flatMap(l -> List.of(l.split(" ")).stream()).toList();
            assertThat(c.get("parents")).extracting(p -> p.get("sha").asString()).isEqualTo(parents);
            String from = parents.isEmpty() ? "4b825dc642cb6eb9a060e54bf8d69288fbee4904" : parents.getFirst();
            Map<String, int[]> numstat = new HashMap<>();
            int adds = 0;
            int dels = 0;
            for (String line : repo.lines("diff", "--numstat", from, sha)) {
                String[] f = line.split("\t", 3);
                int a = f[0].equals("-") ? 0 : Integer.parseInt(f[0]);
                int d = f[1].equals("-") ? 0 : Integer.parseInt(f[1]);
                numstat.put(f[2], new int[] {a, d, f[0].equals("-") ? 1 : 0});
                adds += a;
                dels += d;
            }
            assertThat(c.get("stats").get("additions").asInt()).as(sha).isEqualTo(adds);
            assertThat(c.get("stats").get("deletions").asInt()).as(sha).isEqualTo(dels);
            assertThat(c.get("stats").get("total").asInt()).isEqualTo(adds + dels);
            assertThat(c.get("files")).extracting(f -> f.get("filename").asString())
                    .containsExactlyInAnyOrderElementsOf(numstat.keySet());
            for (JsonNode f : c.get("files")) {
                int[] n = numstat.get(f.get("filename").asString());
                assertThat(f.get("additions").asInt()).isEqualTo(n[0]);
                assertThat(f.get("deletions").asInt()).isEqualTo(n[1]);
                assertThat(f.get("changes").asInt()).isEqualTo(n[0] + n[1]);
                boolean binary = n[2] == 1;
                assertThat(f.has("patch")).as(f.toString()).isEqualTo(!binary);
            }
        }
    }

    @Test
    void aCommitsPatchAndStatusMatchGit() {
        String sha = repo.rev("main~2"); // "Fourth": one line removed from src/Main.java
        JsonNode file = get("/commits/" + sha).json().get("files").get(0);
        assertThat(file.get("filename").asString()).isEqualTo("src/Main.java");
        assertThat(file.get("status").asString()).isEqualTo("modified");
        String gitPatch = repo.git("diff", sha + "~1", sha, "--", "src/Main.java");
        assertThat(gitPatch).contains(file.get("patch").asString());
        assertThat(file.get("patch").asString()).startsWith("@@ -1,4 +1,3 @@");

        JsonNode first = get("/commits/" + repo.rev("main~4")).json();
        assertThat(first.get("files")).allSatisfy(f -> assertThat(f.get("status").asString()).isEqualTo("added"));
        assertThat(get("/commits/main").json().get("sha").asString()).isEqualTo(repo.rev("main"));
        assertThat(get("/commits/feature/x").json().get("sha").asString()).isEqualTo(repo.rev("feature/x"));
        assertThat(get("/commits/v1.0").json().get("sha").asString()).isEqualTo(repo.rev("v1.0^{commit}"));
    }

    @Test
    void gitCommitMatchesCatFile() {
        for (String sha : repo.lines("log", "--format=%H", "main")) {
            JsonNode c = get("/git/commits/" + sha).json();
            List<String> raw = repo.lines("cat-file", "-p", sha);
            assertThat(raw.getFirst()).isEqualTo("tree " + c.get("tree").get("sha").asString());
            List<String> parents = raw.stream().filter(l -> l.startsWith("parent ")).map(l -> l.substring(7)).toList();
            assertThat(c.get("parents")).extracting(p -> p.get("sha").asString()).isEqualTo(parents);
            assertThat(c.get("message").asString()).isEqualTo(repo.git("log", "-1", "--format=%B", sha).strip());
            assertThat(c.get("author").get("name").asString()).isEqualTo(repo.git("log", "-1", "--format=%an", sha).strip());
            assertThat(c.get("verification").get("verified").asBoolean()).isFalse();
        }
        assertThat(get("/git/commits/" + repo.rev("main^{tree}")).status()).isEqualTo(404);
        assertThat(get("/git/commits/main").status()).isEqualTo(404);
    }

    @Test
    void compareCountsAndListsLikeRevList() {
        for (String[] pair : List.of(new String[] {"main", "feature/x"}, new String[] {"v0.1", "main"},
                new String[] {"main", "v1.0"}, new String[] {"main", "main"})) {
            String base = pair[0];
            String head = pair[1];
            JsonNode c = get("/compare/" + base + "..." + head).json();
            String[] counts = repo.git("rev-list", "--left-right", "--count", base + "..." + head).strip().split("\t");
            int behind = Integer.parseInt(counts[0]);
            int ahead = Integer.parseInt(counts[1]);
            assertThat(c.get("ahead_by").asInt()).as(base + "..." + head).isEqualTo(ahead);
            assertThat(c.get("behind_by").asInt()).isEqualTo(behind);
            assertThat(c.get("total_commits").asInt()).isEqualTo(ahead);
            assertThat(c.get("status").asString()).isEqualTo(ahead == 0 && behind == 0 ? "identical"
                    : behind == 0 ? "ahead" : ahead == 0 ? "behind" : "diverged");
            assertThat(c.get("merge_base_commit").get("sha").asString())
                    .isEqualTo(repo.git("merge-base", base, head).strip());
            assertThat(c.get("commits")).extracting(x -> x.get("sha").asString())
                    .isEqualTo(repo.lines("rev-list", "--reverse", base + ".." + head));
            assertThat(c.get("files")).extracting(f -> f.get("filename").asString())
                    .containsExactlyInAnyOrderElementsOf(repo.lines("diff", "--name-only", base + "..." + head));
        }
        JsonNode diverged = get("/compare/main...feature/x").json();
        assertThat(diverged.get("status").asString()).isEqualTo("diverged");
        assertThat(diverged.get("files")).extracting(f -> f.get("filename").asString()).containsExactly("feature2.txt");
        assertThat(get("/compare/main..feature/x").status()).isEqualTo(404);
        assertThat(get("/compare/main...nope").status()).isEqualTo(404);
    }

    @Test
    void unknownRefsAndShasAre404() {
        assertThat(get("/commits?sha=nope").status()).isEqualTo(404);
        assertThat(get("/commits/nope").status()).isEqualTo(404);
        assertThat(get("/commits/" + "0".repeat(40)).status()).isEqualTo(404);
        assertThat(get("/commits/HEAD~1").status()).isEqualTo(404);
        assertThat(get("/git/commits/" + "1".repeat(40)).status()).isEqualTo(404);
        assertThat(get("/commits?sha=nope").json().get("type").asString()).endsWith("not-found");
    }
}
