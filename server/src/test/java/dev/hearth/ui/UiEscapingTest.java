package dev.hearth.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a repository holds, a page shows it as text: a README's HTML is escaped and its
 * links lose {@code javascript:}, a file's markup is text, a description with tags stays text,
 * and the CSP would refuse inline script even if something slipped through.
 */
class UiEscapingTest {
    static final String README = """
            # Hello <script>alert('readme')</script>

            <img src=x onerror="alert('img')">

            [click me](javascript:alert('link')) and [also](JaVaScRiPt:alert(2)) and [fine](https://example.com/ok)

            ![pic](javascript:alert('image'))

            <a href="javascript:alert(3)" onclick="alert(4)">raw link</a>
            """;
    static final String FILE = "<script>alert('file')</script>\n<img src=x onerror=alert(1)>\n";

    static TestHearth server;
    static TestHearth.User eve;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        eve = server.newUser("eve");
        Response created = server.api().post("/api/v3/user/repos", eve.bearer(),
                "{\"name\":\"tricky\",\"description\":\"<script>alert('desc')</script><b onmouseover=alert(5)>x</b>\"}");
        assertThat(created.status()).isEqualTo(201);
        WorkTree work = new WorkTree(tmp, "tricky");
        work.write("README.md", README).write("page.html", FILE).write("a&b.txt", "name\n")
                .commit("<script>alert('commit')</script> message");
        work.push(server, eve, "tricky", "main");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final java.util.regex.Pattern HANDLER =
            java.util.regex.Pattern.compile("<[a-zA-Z][^<>]*\\son[a-zA-Z]+\\s*=", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern SCRIPT_URL =
            java.util.regex.Pattern.compile("<[a-zA-Z][^<>]*\\s(href|src|action)\\s*=\\s*[\"']?\\s*javascript:", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** No element carries an event handler or a javascript: URL, and the only scripts are Hearth's files. */
    private static void assertInert(String html) {
        assertThat(HANDLER.matcher(html).find()).as("an element with an on* handler").isFalse();
        assertThat(SCRIPT_URL.matcher(html).find()).as("a javascript: URL").isFalse();
        assertThat(html.split("<script", -1).length - 1).as("scripts other than /assets")
                .isEqualTo(html.split("<script src=\"/assets/", -1).length - 1);
    }

    @Test
    void theReadmeIsSanitised() {
        HttpResponse<String> r = new PageClient(server.baseUrl()).get("/" + eve.login() + "/tricky");
        assertThat(r.statusCode()).isEqualTo(200);
        assertInert(r.body());
        assertThat(r.body()).contains("&lt;script&gt;alert(").contains("href=\"https://example.com/ok\"");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    }

    @Test
    void aFileWithMarkupIsShownAsText() {
        HttpResponse<String> r = new PageClient(server.baseUrl()).get("/" + eve.login() + "/tricky/blob/main/page.html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertInert(r.body());
        assertThat(r.body()).contains("&lt;script&gt;alert('file')&lt;/script&gt;");
    }

    @Test
    void theDescriptionFileNamesAndCommitMessagesAreText() {
        PageClient page = new PageClient(server.baseUrl());
        HttpResponse<String> front = page.get("/" + eve.login() + "/tricky");
        assertThat(front.body()).contains("&lt;script&gt;alert('desc')&lt;/script&gt;&lt;b onmouseover")
                .contains("a&amp;b.txt");
        assertInert(page.get("/" + eve.login() + "/tricky/commits/main").body());
        String sha = new WorkTreeShas(server, eve).head("tricky");
        HttpResponse<String> commit = page.get("/" + eve.login() + "/tricky/commit/" + sha);
        assertThat(commit.statusCode()).isEqualTo(200);
        assertInert(commit.body());
        assertThat(commit.body()).contains("&lt;script&gt;alert('commit')&lt;/script&gt; message");
        assertInert(page.get("/explore").body());
        assertInert(page.get("/" + eve.login()).body());
    }

    /** The head of a repository's default branch, asked of the API. */
    record WorkTreeShas(TestHearth server, TestHearth.User user) {
        String head(String repo) {
            Response r = server.api().get("/api/v3/repos/" + user.login() + "/" + repo + "/commits/main", user.bearer());
            return r.json().get("sha").asString();
        }
    }
}
