package dev.hearth.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Contents, trees, blobs, the README and raw files, against {@code git ls-tree} and {@code git cat-file}. */
class ContentApiTest {
    static TestHearth server;
    static TestHearth.User owner;
    static SampleRepo repo;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        owner = server.newUser("owner");
        repo = SampleRepo.create(server, owner, "content", false, tmp);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Response get(String suffix) {
        return server.api().get(repo.api(suffix), null);
    }

    static Bytes bytes(String suffix, Map<String, String> headers) {
        return Bytes.get(server.baseUrl() + suffix, null, headers);
    }

    static byte[] decode(JsonNode content) {
        return Base64.getMimeDecoder().decode(content.asString());
    }

    @Test
    void everyFileComesBackAsTheWorkingCopyHasIt() throws IOException {
        for (String path : repo.lines("ls-tree", "-r", "--name-only", "main")) {
            if (path.equals("link")) continue;
            JsonNode file = get("/contents/" + Links.path(path)).json();
            assertThat(file.get("type").asString()).as(path).isEqualTo("file");
            assertThat(file.get("path").asString()).isEqualTo(path);
            assertThat(file.get("name").asString()).isEqualTo(Path.of(path).getFileName().toString());
            assertThat(file.get("sha").asString()).isEqualTo(repo.rev("main:" + path));
            assertThat(file.get("encoding").asString()).isEqualTo("base64");
            byte[] expected = Files.readAllBytes(repo.work.resolve(path));
            assertThat(decode(file.get("content"))).as(path).isEqualTo(expected);
            assertThat(file.get("size").asLong()).isEqualTo(expected.length);
            assertThat(file.get("download_url").asString()).endsWith("/raw/main/" + Links.path(path));
            assertThat(file.get("_links").get("git").asString()).isEqualTo(file.get("git_url").asString());
        }
    }

    @Test
    void directoriesListTheirEntries() {
        JsonNode docs = get("/contents/docs").json();
        assertThat(docs.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        docs.forEach(e -> names.add(e.get("name").asString()));
        assertThat(names).isEqualTo(repo.lines("ls-tree", "--name-only", "main:docs"));
        JsonNode dir = docs.get(names.indexOf("space dir"));
        assertThat(dir.get("type").asString()).isEqualTo("dir");
        assertThat(dir.get("sha").asString()).isEqualTo(repo.rev("main:docs/space dir"));
        assertThat(dir.has("content")).isFalse();

        JsonNode root = get("/contents").json();
        List<String> rootNames = new ArrayList<>();
        root.forEach(e -> rootNames.add(e.get("name").asString() + ":" + e.get("type").asString()));
        assertThat(rootNames).contains("README.md:file", "bin:dir", "link:symlink", "image.png:file");
        assertThat(get("/contents/docs/space%20dir/").json().get(0).get("path").asString()).isEqualTo(SampleRepo.SPACED);
    }

    @Test
    void refSelectsTheCommit() {
        assertThat(decode(get("/contents/src/Main.java?ref=v0.1").json().get("content")))
                .asString(StandardCharsets.UTF_8).isEqualTo(repo.git("show", "v0.1:src/Main.java"));
        assertThat(decode(get("/contents/feature.txt?ref=feature/x").json().get("content")))
                .asString(StandardCharsets.UTF_8).isEqualTo("a feature\n");
        String sha = repo.rev("feature/x");
        JsonNode pinned = get("/contents/" + Links.path(SampleRepo.UNICODE) + "?ref=" + sha).json();
        assertThat(decode(pinned.get("content"))).asString(StandardCharsets.UTF_8)
                .isEqualTo(repo.git("show", sha + ":" + SampleRepo.UNICODE));
        assertThat(get("/contents/feature2.txt?ref=main").status()).isEqualTo(404);
        assertThat(get("/contents/README.md?ref=nope").status()).isEqualTo(404);
    }

    @Test
    void rawMediaTypesAnswerTheBytes() {
        for (String accept : List.of("application/vnd.github.raw", "application/vnd.github.raw+json",
                "application/vnd.github.v3.raw")) {
            Bytes raw = bytes(repo.api("/contents/image.png"), Map.of("Accept", accept));
            assertThat(raw.status()).isEqualTo(200);
            assertThat(raw.body()).startsWith(SampleRepo.PNG).hasSize(SampleRepo.PNG.length + 3);
            assertThat(raw.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        Bytes text = bytes(repo.api("/contents/" + Links.path(SampleRepo.PLUS)), Map.of("Accept", "application/vnd.github.raw"));
        assertThat(new String(text.body(), StandardCharsets.UTF_8)).isEqualTo("plus\n");
        assertThat(text.header("Content-Type")).startsWith("text/plain");
        // In a path, '+' is a plus, not a space.
        assertThat(get("/contents/docs/a+b.txt").json().get("path").asString()).isEqualTo(SampleRepo.PLUS);
    }

    @Test
    void symlinksShowTheirTarget() {
        JsonNode link = get("/contents/link").json();
        assertThat(link.get("type").asString()).isEqualTo("symlink");
        assertThat(link.get("target").asString()).isEqualTo("README.md");
    }

    @Test
    void pathsNeverEscapeTheTree() {
        for (String path : List.of("/contents/.git/config", "/contents/docs/%2e%2e/%2e%2e/config",
                "/contents/..%2F..%2Fconfig", "/contents/a%00b", "/contents/nope", "/contents/README.md/x",
                "/contents/docs//a+b.txt", "/readme/..", "/git/trees/main:docs")) {
            Response r = get(path);
            assertThat(r.status()).as(path).isIn(400, 404, 422);
            assertThat(r.body()).doesNotContain("repositoryformatversion");
        }
        assertThat(get("/commits?path=..%2Fsrc").status()).isEqualTo(422);
        assertThat(get("/contents/a%00b").status()).isIn(400, 422);
    }

    @Test
    void treesMatchLsTree() {
        JsonNode tree = get("/git/trees/main?recursive=1").json();
        assertThat(tree.get("sha").asString()).isEqualTo(repo.rev("main^{tree}"));
        assertThat(tree.get("truncated").asBoolean()).isFalse();
        List<String> lines = new ArrayList<>();
        for (JsonNode e : tree.get("tree")) {
            lines.add(e.get("mode").asString() + " " + e.get("type").asString() + " " + e.get("sha").asString()
                    + "\t" + e.get("path").asString());
        }
        assertThat(lines).isEqualTo(repo.lines("ls-tree", "-r", "-t", "main"));

        for (String line : repo.lines("ls-tree", "-r", "-l", "main")) {
            String[] f = line.split("\\s+", 5);
            JsonNode entry = find(tree, f[4]);
            assertThat(entry.get("size").asLong()).as(f[4]).isEqualTo(Long.parseLong(f[3]));
        }

        String docs = repo.rev("main:docs");
        JsonNode flat = get("/git/trees/" + docs).json();
        List<String> flatLines = new ArrayList<>();
        flat.get("tree").forEach(e -> flatLines.add(e.get("mode").asString() + " " + e.get("type").asString() + " "
                + e.get("sha").asString() + "\t" + e.get("path").asString()));
        assertThat(flatLines).isEqualTo(repo.lines("ls-tree", docs));
        assertThat(find(flat, "space dir").has("size")).isFalse();
        assertThat(get("/git/trees/" + repo.rev("main")).json().get("sha").asString()).isEqualTo(repo.rev("main^{tree}"));
        assertThat(get("/git/trees/" + repo.rev("main:README.md")).status()).isEqualTo(404);
        assertThat(get("/git/trees/" + "2".repeat(40)).status()).isEqualTo(404);
    }

    private static JsonNode find(JsonNode tree, String path) {
        for (JsonNode e : tree.get("tree")) if (e.get("path").asString().equals(path)) return e;
        throw new AssertionError("no " + path);
    }

    @Test
    void blobsMatchCatFile() throws IOException {
        String sha = repo.rev("main:image.png");
        JsonNode blob = get("/git/blobs/" + sha).json();
        assertThat(blob.get("encoding").asString()).isEqualTo("base64");
        assertThat(decode(blob.get("content"))).isEqualTo(Files.readAllBytes(repo.work.resolve("image.png")));
        assertThat(blob.get("size").asLong()).isEqualTo(Long.parseLong(repo.git("cat-file", "-s", sha).strip()));
        String text = repo.rev("main:" + SampleRepo.UNICODE);
        assertThat(decode(get("/git/blobs/" + text).json().get("content"))).asString(StandardCharsets.UTF_8)
                .isEqualTo(repo.git("cat-file", "-p", text));
        Bytes raw = bytes(repo.api("/git/blobs/" + sha), Map.of("Accept", "application/vnd.github.raw"));
        assertThat(raw.body()).isEqualTo(Files.readAllBytes(repo.work.resolve("image.png")));
        assertThat(get("/git/blobs/" + repo.rev("main^{tree}")).status()).isEqualTo(404);
        assertThat(get("/git/blobs/main").status()).isEqualTo(404);
    }

    @Test
    void readmeAsJsonAndAsHtml() {
        JsonNode readme = get("/readme").json();
        assertThat(readme.get("name").asString()).isEqualTo("README.md");
        assertThat(decode(readme.get("content"))).asString(StandardCharsets.UTF_8).isEqualTo(SampleRepo.README);
        Response html = server.api().send("GET", repo.api("/readme"), null, null,
                Map.of("Accept", "application/vnd.github.html"));
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.body()).contains("<h1>Sample</h1>", "<em>text</em>", "<a rel=\"nofollow\" href=\"https://example.com/a\">link</a>",
                "<table>", "<td>2</td>");
        Bytes raw = bytes(repo.api("/readme?ref=v0.1"), Map.of("Accept", "application/vnd.github.raw"));
        assertThat(new String(raw.body(), StandardCharsets.UTF_8)).isEqualTo(SampleRepo.README);
        assertThat(get("/readme/docs").status()).isEqualTo(404);
    }

    @Test
    void readmeHtmlCarriesNoScript() throws IOException {
        server.newRepo(owner, "evil", false);
        Path work = tmp.resolve("evil");
        repo.git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        Files.writeString(work.resolve("README.md"), """
                # Hi <script>alert(1)</script>

                <img src=x onerror=alert(2)>

                [click](javascript:alert(3)) and [tab](java\tscript:alert(4)) and <a href="javascript:alert(5)">raw</a>
                ![img](javascript:alert(6)) [ok](/docs/a.md) [mail](mailto:a@example.com)
                """);
        repo.git.run(work, "add", "-A").ok();
        repo.git.run(work, "commit", "-q", "-m", "evil").ok();
        String url = server.baseUrl().replace("http://", "http://" + owner.login() + ":" + owner.token() + "@")
                + "/" + owner.login() + "/evil.git";
        repo.git.run(work, "push", "-q", url, "main").ok();
        SampleRepo.settle(server);

        Response html = server.api().send("GET", "/api/v3/repos/" + owner.login() + "/evil/readme", null, null,
                Map.of("Accept", "application/vnd.github.html"));
        assertThat(html.status()).isEqualTo(200);
        String body = html.body();
        assertThat(body).doesNotContain("<script", "<img src=x", "href=\"javascript:", "src=\"javascript:",
                "<a href=\"javascript");
        assertThat(body.toLowerCase()).doesNotContainPattern("<[^>]*\\son[a-z]+=");
        assertThat(body).contains("&lt;script&gt;", "href=\"/docs/a.md\"", "href=\"mailto:a@example.com\"");
        assertThat(html.header("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
    }

    @Test
    void rawRouteServesInertFiles() throws IOException {
        String base = "/" + owner.login() + "/content/raw/";
        Bytes readme = bytes(base + "main/README.md", Map.of());
        assertThat(readme.status()).isEqualTo(200);
        assertThat(new String(readme.body(), StandardCharsets.UTF_8)).isEqualTo(SampleRepo.README);
        assertThat(readme.header("Content-Type")).isEqualTo("text/plain;charset=utf-8");
        assertThat(readme.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(readme.header("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");

        Bytes svg = bytes(base + "main/" + SampleRepo.SVG, Map.of());
        assertThat(svg.header("Content-Type")).startsWith("text/plain");
        assertThat(svg.header("Content-Security-Policy")).contains("sandbox");

        assertThat(bytes(base + "main/image.png", Map.of()).header("Content-Type")).isEqualTo("image/png");
        assertThat(new String(bytes(base + "feature/x/feature.txt", Map.of()).body(), StandardCharsets.UTF_8))
                .isEqualTo("a feature\n");
        Bytes unicode = bytes(base + repo.rev("main") + "/" + Links.path(SampleRepo.UNICODE), Map.of());
        assertThat(unicode.body()).isEqualTo(Files.readAllBytes(repo.work.resolve(SampleRepo.UNICODE)));
        assertThat(bytes(base + "main/" + Links.path(SampleRepo.PLUS), Map.of()).status()).isEqualTo(200);
        assertThat(bytes(base + "main/nope.txt", Map.of()).status()).isEqualTo(404);
        assertThat(bytes(base + "nope/README.md", Map.of()).status()).isEqualTo(404);
        assertThat(bytes(base + "main/docs", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void aRefWithSlashesWinsOverAShorterRefAsOnTheTreePages() throws IOException {
        SampleRepo split = SampleRepo.create(server, owner, "refsplit", false, tmp.resolve("refsplit"));
        split.git("tag", "feature", "main"); // refs/tags/feature beside the branch feature/x
        split.push(server, owner, "--tags");
        String base = "/" + owner.login() + "/refsplit/raw/";
        Bytes longest = bytes(base + "feature/x/feature.txt", Map.of());
        assertThat(longest.status()).as("the branch feature/x, not the tag feature with x/feature.txt").isEqualTo(200);
        assertThat(new String(longest.body(), StandardCharsets.UTF_8)).isEqualTo("a feature\n");
        assertThat(new String(bytes(base + "feature/README.md", Map.of()).body(), StandardCharsets.UTF_8))
                .as("the tag, where no longer ref fits").isEqualTo(SampleRepo.README);
        assertThat(bytes(base + "feature/x", Map.of()).status()).as("a ref with no path").isEqualTo(404);
        // The blob page splits the same way, and its Raw link leads to the same file.
        Response page = server.api().get("/" + owner.login() + "/refsplit/blob/feature/x/feature.txt", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("a feature").contains("href=\"/" + owner.login() + "/refsplit/raw/feature/x/feature.txt\"");
    }
}
