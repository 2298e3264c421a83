package dev.hearth.ui;

import static dev.hearth.ui.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.EventClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web UI over plain HTTP: sessions, CSRF, error pages, and the code pages, without a browser. */
class UiPagesTest {
    static TestHearth server;
    static TestHearth.User alice;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        alice = server.newUser("alice");
        server.newRepo(alice, "code", false);
        WorkTree work = new WorkTree(tmp, "code");
        work.write("README.md", "# Code\n\nHello *world*.\n")
                .write("src/Main.java", "class Main {\n    // <b>not bold</b>\n}\n")
                .write("docs/a b#c.txt", "spaced\n")
                .writeBytes("pic.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d})
                .writeBytes("data.bin", new byte[] {1, 0, 2, 0, 3})
                .write("big.txt", "0123456789abcdef\n".repeat(40_000))
                .commit("First commit");
        work.run("checkout", "-q", "-b", "feature/x");
        work.write("feature.txt", "on a branch\n").commit("Feature work");
        work.push(server, alice, "code", "main", "feature/x");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theSignInPageIsHtmlWithASessionCookieAndStrictHeaders() {
        PageClient page = new PageClient(server.baseUrl());
        HttpResponse<String> r = page.get("/login");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("hearth_session="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
        assertThat(r.body()).contains("name=\"login\"").contains("name=\"password\"").contains("name=\"_csrf\"")
                .contains("<label for=\"login\"").doesNotContain("<script>").doesNotContain("onclick");
    }

    @Test
    void signingInComesBackToThePageAndShowsWhoIsSignedIn() {
        PageClient page = new PageClient(server.baseUrl());
        String csrf = page.csrf("/login?next=/" + alice.login() + "/code");
        HttpResponse<String> r = page.post("/login", form("_csrf", csrf, "login", alice.login(),
                "password", alice.password(), "next", "/" + alice.login() + "/code"));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/" + alice.login() + "/code");
        HttpResponse<String> home = page.get("/" + alice.login() + "/code");
        assertThat(home.body()).contains("Sign out").contains(">" + alice.login() + "<");

        HttpResponse<String> out = page.post("/logout", form("_csrf", page.csrf("/" + alice.login() + "/code")));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(page.get("/" + alice.login() + "/code").body()).doesNotContain("Sign out").contains("Sign in");
    }

    @Test
    void aWrongPasswordShowsTheFormAgainAndNeverRedirectsOffSite() {
        PageClient page = new PageClient(server.baseUrl());
        HttpResponse<String> wrong = page.post("/login", form("_csrf", page.csrf("/login"), "login", alice.login(),
                "password", "wrong-password", "next", "/"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Incorrect username or password");

        for (String evil : new String[] {"//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"}) {
            HttpResponse<String> r = page.post("/login", form("_csrf", page.csrf("/login"), "login", alice.login(),
                    "password", alice.password(), "next", evil));
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).as(evil).hasValue("/");
            page.post("/logout", form("_csrf", page.csrf("/")));
        }
    }

    @Test
    void aTokenTypedAsAPasswordOpensNoSession() {
        PageClient page = new PageClient(server.baseUrl());
        HttpResponse<String> r = page.post("/login", form("_csrf", page.csrf("/login"), "login", alice.login(),
                "password", alice.token(), "next", "/"));
        assertThat(r.statusCode()).isEqualTo(422);
    }

    @Test
    void aFormPostWithoutItsCsrfTokenOrFromAnotherSiteIsRefused() {
        PageClient page = new PageClient(server.baseUrl());
        page.get("/login");
        HttpResponse<String> none = page.post("/login", form("login", alice.login(), "password", alice.password()));
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(none.body()).contains("CSRF");

        HttpResponse<String> forged = page.post("/login", form("_csrf", "0".repeat(64), "login", alice.login(),
                "password", alice.password()));
        assertThat(forged.statusCode()).isEqualTo(403);

        String csrf = page.csrf("/login");
        HttpResponse<String> crossSite = page.post("/login", form("_csrf", csrf, "login", alice.login(),
                "password", alice.password()), Map.of("Origin", "https://evil.example"));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        HttpResponse<String> fetchSite = page.post("/login", form("_csrf", csrf, "login", alice.login(),
                "password", alice.password()), Map.of("Sec-Fetch-Site", "cross-site"));
        assertThat(fetchSite.statusCode()).isEqualTo(403);
    }

    @Test
    void aSessionCookieNeverAuthenticatesTheApi() {
        PageClient page = new PageClient(server.baseUrl());
        page.signIn(alice.login(), alice.password());
        HttpResponse<String> api = page.get("/api/v3/user", Map.of("Accept", "application/json"));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void pagesGetHtmlErrorsAndTheApiKeepsProblemJson() {
        PageClient page = new PageClient(server.baseUrl());
        HttpResponse<String> missing = page.get("/" + alice.login() + "/no-such-repo");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(missing.body()).contains("404").contains("<header class=\"top\">");

        Response api = server.api().get("/api/v3/repos/" + alice.login() + "/no-such-repo", null);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
        Response git = server.api().get("/" + alice.login() + "/no-such-repo.git/info/refs?service=git-upload-pack",
                alice.bearer());
        assertThat(git.status()).isEqualTo(404);
        assertThat(git.header("Content-Type")).doesNotStartWith("text/html");
    }

    @Test
    void aPrivateRepositoryIsTheSame404PageToAStranger() {
        server.newRepo(alice, "secret", true);
        TestHearth.User mallory = server.newUser("mallory");
        PageClient stranger = new PageClient(server.baseUrl());
        stranger.signIn(mallory.login(), mallory.password());
        HttpResponse<String> hidden = stranger.get("/" + alice.login() + "/secret");
        HttpResponse<String> absent = stranger.get("/" + alice.login() + "/absent");
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain("secret</a>");

        PageClient owner = new PageClient(server.baseUrl());
        owner.signIn(alice.login(), alice.password());
        HttpResponse<String> mine = owner.get("/" + alice.login() + "/secret");
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains("This repository is empty").contains("git push -u origin main");
        assertThat(absent.statusCode()).isEqualTo(404);
    }

    @Test
    void theRepositoryPageListsFilesRendersTheReadmeAndOffersCloneUrls() {
        HttpResponse<String> r = new PageClient(server.baseUrl()).get("/" + alice.login() + "/code");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("/" + alice.login() + "/code.git").contains("data-copy=\"clone-http\"")
                .contains("href=\"/" + alice.login() + "/code/tree/main/src\"")
                .contains("href=\"/" + alice.login() + "/code/blob/main/README.md\"")
                .contains("<em>world</em>").contains("First commit").contains("feature/x");
    }

    @Test
    void treesAndFilesWorkOnBranchesWithSlashesAndShowLineAnchors() {
        PageClient page = new PageClient(server.baseUrl());
        String base = "/" + alice.login() + "/code";
        HttpResponse<String> tree = page.get(base + "/tree/feature/x");
        assertThat(tree.statusCode()).isEqualTo(200);
        assertThat(tree.body()).contains("href=\"" + base + "/blob/feature/x/feature.txt\"");
        // The last commit of every entry, beside it.
        assertThat(tree.body()).containsPattern("(?s)<tr class=\"entry file\">((?!</tr>).)*feature\\.txt((?!</tr>).)*Feature work")
                .containsPattern("(?s)<tr class=\"entry dir\">((?!</tr>).)*>src<((?!</tr>).)*First commit");

        HttpResponse<String> sub = page.get(base + "/tree/feature/x/docs");
        assertThat(sub.body()).contains("href=\"" + base + "/blob/feature/x/docs/a%20b%23c.txt\"");
        HttpResponse<String> spaced = page.get(base + "/blob/feature/x/docs/a%20b%23c.txt");
        assertThat(spaced.statusCode()).isEqualTo(200);
        assertThat(spaced.body()).contains("spaced");

        HttpResponse<String> blob = page.get(base + "/blob/main/src/Main.java");
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(blob.body()).contains("id=\"L3\" href=\"#L3\"").contains("language-java")
                .contains("&lt;b&gt;not bold&lt;/b&gt;").doesNotContain("<b>not bold</b>")
                .contains("href=\"" + base + "/raw/main/src/Main.java\"");
        assertThat(page.get(base + "/blob/main/no/such/file").statusCode()).isEqualTo(404);
        assertThat(page.get(base + "/tree/no-such-branch").statusCode()).isEqualTo(404);
        assertThat(blob.body()).as("visitors have no events stream").doesNotContain("id=\"live-banner\"");

        // Signed in, a file on a branch waits for pushes to that branch like the tree does; at a commit it does not.
        PageClient signedIn = new PageClient(server.baseUrl());
        signedIn.signIn(alice.login(), alice.password());
        assertThat(signedIn.get(base + "/blob/feature/x/feature.txt").body())
                .contains("id=\"live-banner\"").contains("data-branch=\"feature/x\"");
        String sha = signedIn.get(base + "/blob/main/src/Main.java").body().replaceAll("(?s).*data-sha=\"([0-9a-f]{40})\".*", "$1");
        assertThat(sha).hasSize(40);
        assertThat(signedIn.get(base + "/blob/" + sha + "/src/Main.java").body()).doesNotContain("id=\"live-banner\"");
    }

    @Test
    void imagesAreShownBinaryAndLargeFilesAreNot() {
        PageClient page = new PageClient(server.baseUrl());
        String base = "/" + alice.login() + "/code";
        assertThat(page.get(base + "/blob/main/pic.png").body())
                .contains("<img src=\"" + base + "/raw/main/pic.png\" alt=\"pic.png\">");
        assertThat(page.get(base + "/blob/main/data.bin").body()).contains("Binary file not shown")
                .contains("href=\"" + base + "/raw/main/data.bin\"");
        HttpResponse<String> big = page.get(base + "/blob/main/big.txt");
        assertThat(big.body()).contains("too large to show").doesNotContain("0123456789abcdef");
        assertThat(big.body().length()).isLessThan(20_000);
        HttpResponse<String> raw = page.get(base + "/raw/main/big.txt");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).hasSize(17 * 40_000);

        String first = server.api().get("/api/v3/repos/" + alice.login() + "/code/commits?sha=main", alice.bearer())
                .json().get(0).get("sha").asString();
        HttpResponse<String> commit = page.get(base + "/commit/" + first);
        assertThat(commit.body()).contains("big.txt").contains("+40000").contains("too large to show")
                .doesNotContain("+0123456789abcdef");
    }

    @Test
    void historyShowsCommitsDiffsBranchesTagsAndComparisons() {
        PageClient page = new PageClient(server.baseUrl());
        String base = "/" + alice.login() + "/code";
        HttpResponse<String> commits = page.get(base + "/commits/feature/x");
        assertThat(commits.statusCode()).isEqualTo(200);
        assertThat(commits.body()).contains("Feature work").contains("First commit");
        HttpResponse<String> onlyDocs = page.get(base + "/commits/feature/x?path=feature.txt");
        assertThat(onlyDocs.body()).contains("Feature work").doesNotContain("First commit");

        String sha = server.api().get("/api/v3/repos/" + alice.login() + "/code/commits/feature/x", alice.bearer())
                .json().get("sha").asString();
        HttpResponse<String> commit = page.get(base + "/commit/" + sha);
        assertThat(commit.statusCode()).isEqualTo(200);
        assertThat(commit.body()).contains("Feature work").contains("feature.txt")
                .contains("<span class=\"add\">+on a branch</span>").contains("<details class=\"file\"");
        assertThat(page.get(base + "/commit/" + "0".repeat(40)).statusCode()).isEqualTo(404);

        assertThat(page.get(base + "/branches").body()).contains("feature/x").contains("default")
                .contains("href=\"" + base + "/compare/main...feature/x\"");
        assertThat(page.get(base + "/tags").statusCode()).isEqualTo(200);
        HttpResponse<String> compare = page.get(base + "/compare/main...feature/x");
        assertThat(compare.statusCode()).isEqualTo(200);
        assertThat(compare.body()).contains("1 commit ahead").contains("+on a branch");
    }

    @Test
    void aPasswordChangeOrSigningOutEverywhereEndsTheOtherSessionsOnly() {
        TestHearth.User carol = server.newUser("carol");
        PageClient here = new PageClient(server.baseUrl());
        here.signIn(carol.login(), carol.password());
        PageClient there = new PageClient(server.baseUrl());
        there.signIn(carol.login(), carol.password());
        assertThat(there.get("/settings/security").statusCode()).isEqualTo(200);
        String newPassword = "Brand-New-Pass-9";

        HttpResponse<String> wrong = here.post("/settings/password", form("_csrf", here.csrf("/settings/security"),
                "current_password", "not-the-password", "password", newPassword, "password_confirm", newPassword));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("is not your current password").doesNotContain(newPassword);
        HttpResponse<String> mismatch = here.post("/settings/password", form("_csrf", here.csrf("/settings/security"),
                "current_password", carol.password(), "password", newPassword, "password_confirm", newPassword + "x"));
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(mismatch.body()).contains("does not match the new password");
        HttpResponse<String> weak = here.post("/settings/password", form("_csrf", here.csrf("/settings/security"),
                "current_password", carol.password(), "password", "password", "password_confirm", "password"));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("field-error");
        assertThat(here.post("/settings/password", form("current_password", carol.password(), "password", newPassword,
                "password_confirm", newPassword)).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(server.api().get("/api/v3/user", ApiClient.basic(carol.login(), carol.password())).status())
                .as("nothing refused changed anything").isEqualTo(200);

        HttpResponse<String> changed = here.post("/settings/password", form("_csrf", here.csrf("/settings/security"),
                "current_password", carol.password(), "password", newPassword, "password_confirm", newPassword));
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(changed.headers().firstValue("Location")).hasValue("/settings/security?done=password");
        assertThat(here.get("/settings/security?done=password").body()).as("this session goes on").contains("Password changed.");
        HttpResponse<String> other = there.get("/settings/security");
        assertThat(other.statusCode()).as("the other session ended").isEqualTo(303);
        assertThat(other.headers().firstValue("Location")).hasValue("/login?next=%2Fsettings%2Fsecurity");
        assertThat(server.api().get("/api/v3/user", ApiClient.basic(carol.login(), carol.password())).status()).isEqualTo(401);
        assertThat(server.api().get("/api/v3/user", ApiClient.basic(carol.login(), newPassword)).status()).isEqualTo(200);

        PageClient third = new PageClient(server.baseUrl());
        third.signIn(carol.login(), newPassword);
        HttpResponse<String> ended = third.post("/settings/sessions/end", form("_csrf", third.csrf("/settings/security")));
        assertThat(ended.statusCode()).isEqualTo(303);
        assertThat(third.get("/settings/security").statusCode()).as("the session that asked goes on").isEqualTo(200);
        assertThat(here.get("/settings/security").statusCode()).isEqualTo(303);

        Response audit = server.api().get("/api/v3/admin/audit?per_page=100", server.admin());
        assertThat(audit.body()).contains("user.password_changed").contains("user.sessions_ended");
    }

    @Test
    void formsNeedASignedInUserAndShowFieldErrors() {
        PageClient visitor = new PageClient(server.baseUrl());
        HttpResponse<String> r = visitor.get("/settings/tokens");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/login?next=%2Fsettings%2Ftokens");

        PageClient page = new PageClient(server.baseUrl());
        page.signIn(alice.login(), alice.password());
        HttpResponse<String> bad = page.post("/new", form("_csrf", page.csrf("/new"), "name", "bad name!"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("class=\"field-error\"").contains("value=\"bad name!\"");
        HttpResponse<String> made = page.post("/new", form("_csrf", page.csrf("/new"), "name", "from-form",
                "description", "made in a form", "auto_init", "1"));
        assertThat(made.statusCode()).isEqualTo(303);
        assertThat(made.headers().firstValue("Location")).hasValue("/" + alice.login() + "/from-form");
        assertThat(page.get("/" + alice.login() + "/from-form").body()).contains("made in a form").contains("README.md");
        HttpResponse<String> taken = page.post("/new", form("_csrf", page.csrf("/new"), "name", "from-form"));
        assertThat(taken.statusCode()).isEqualTo(422);

        HttpResponse<String> home = page.get("/");
        assertThat(home.body()).contains("from-form").contains("created");
        assertThat(page.get("/" + alice.login()).body()).contains("from-form");
        assertThat(new PageClient(server.baseUrl()).get("/explore").body()).contains(alice.login() + "/from-form");
    }

    @Test
    void sshKeysCanBeAddedAndRemoved() {
        PageClient page = new PageClient(server.baseUrl());
        page.signIn(alice.login(), alice.password());
        HttpResponse<String> bad = page.post("/settings/keys", form("_csrf", page.csrf("/settings/keys"),
                "title", "laptop", "key", "not a key"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("field-error");
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test@example";
        HttpResponse<String> ok = page.post("/settings/keys", form("_csrf", page.csrf("/settings/keys"),
                "title", "laptop", "key", key));
        assertThat(ok.statusCode()).isEqualTo(303);
        String listed = page.get("/settings/keys").body();
        assertThat(listed).contains("laptop").contains("SHA256:");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/settings/keys/(\\d+)/delete").matcher(listed);
        assertThat(m.find()).isTrue();
        HttpResponse<String> gone = page.post("/settings/keys/" + m.group(1) + "/delete",
                form("_csrf", page.csrf("/settings/keys")));
        assertThat(gone.statusCode()).isEqualTo(303);
        assertThat(page.get("/settings/keys").body()).contains("No SSH keys");
    }

    @Test
    void repositorySettingsChangeRenameShareAndDeleteBehindTheTypedName() {
        server.newRepo(alice, "settled", false);
        TestHearth.User bob = server.newUser("bob");
        String base = "/" + alice.login() + "/settled";
        PageClient page = new PageClient(server.baseUrl());
        page.signIn(alice.login(), alice.password());
        assertThat(page.get(base + "/settings").statusCode()).isEqualTo(200);

        HttpResponse<String> bad = page.post(base + "/settings", form("_csrf", page.csrf(base + "/settings"),
                "name", "no good!", "description", "x"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("field-error");
        HttpResponse<String> renamed = page.post(base + "/settings", form("_csrf", page.csrf(base + "/settings"),
                "name", "settled-2", "description", "<i>now</i> described", "private", "1"));
        assertThat(renamed.statusCode()).isEqualTo(303);
        String moved = "/" + alice.login() + "/settled-2";
        assertThat(renamed.headers().firstValue("Location")).hasValue(moved + "/settings");
        assertThat(page.get(moved).body()).contains("&lt;i&gt;now&lt;/i&gt; described").contains("Private");

        HttpResponse<String> nobody = page.post(moved + "/settings/collaborators", form("_csrf", page.csrf(moved + "/settings"),
                "login", "no-such-user-here", "permission", "write"));
        assertThat(nobody.statusCode()).isEqualTo(422);
        HttpResponse<String> added = page.post(moved + "/settings/collaborators", form("_csrf", page.csrf(moved + "/settings"),
                "login", bob.login(), "permission", "read"));
        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(page.get(moved + "/settings").body()).contains(bob.login()).contains(">read<");

        PageClient bobs = new PageClient(server.baseUrl());
        bobs.signIn(bob.login(), bob.password());
        assertThat(bobs.get(moved).statusCode()).isEqualTo(200);
        assertThat(bobs.get(moved + "/settings").statusCode()).isEqualTo(403);
        assertThat(bobs.post(moved + "/settings/delete", form("_csrf", bobs.csrf(moved), "confirm", "settled-2"))
                .statusCode()).isEqualTo(403);

        // A maintainer edits the description; what only admins may do is not offered, and stays.
        TestHearth.User mia = server.newUser("mia");
        assertThat(page.post(moved + "/settings/collaborators", form("_csrf", page.csrf(moved + "/settings"),
                "login", mia.login(), "permission", "maintain")).statusCode()).isEqualTo(303);
        PageClient mias = new PageClient(server.baseUrl());
        mias.signIn(mia.login(), mia.password());
        String maintainerView = mias.get(moved + "/settings").body();
        assertThat(maintainerView).contains("id=\"repo-description\"").contains("readonly")
                .doesNotContain("/settings/delete").doesNotContain("Add collaborator").doesNotContain("/settings/hooks")
                .doesNotContain("name=\"private\" value=\"1\" checked");
        assertThat(page.get(moved + "/settings").body()).as("the admin's view")
                .contains("/settings/delete").contains("Add collaborator").contains("/settings/hooks");
        HttpResponse<String> described = mias.post(moved + "/settings", form("_csrf", mias.csrf(moved + "/settings"),
                "name", "settled-2", "description", "kept by a maintainer", "default_branch", "main", "private", "1"));
        assertThat(described.statusCode()).as(described.body()).isEqualTo(303);
        assertThat(page.get(moved).body()).contains("kept by a maintainer").contains("Private");
        assertThat(mias.post(moved + "/settings", form("_csrf", mias.csrf(moved + "/settings"),
                "name", "settled-3", "description", "x", "default_branch", "main", "private", "1")).statusCode())
                .as("renaming needs admin").isEqualTo(403);

        HttpResponse<String> wrong = page.post(moved + "/settings/delete", form("_csrf", page.csrf(moved + "/settings"),
                "confirm", "settled"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(page.get(moved).statusCode()).isEqualTo(200);
        HttpResponse<String> deleted = page.post(moved + "/settings/delete", form("_csrf", page.csrf(moved + "/settings"),
                "confirm", "settled-2"));
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(page.get(moved).statusCode()).isEqualTo(404);
    }

    @Test
    void theEventsSocketTakesTheSessionCookieFromThisSiteOnly() {
        PageClient page = new PageClient(server.baseUrl());
        page.signIn(alice.login(), alice.password());
        String cookie = "hearth_session=" + page.cookie("hearth_session");
        try (EventClient same = EventClient.connectWith(server.baseUrl(), Map.of("Cookie", cookie, "Origin", server.baseUrl()))) {
            assertThat(same.next("welcome").get("login").asString()).isEqualTo(alice.login());
        }
        try (EventClient forged = EventClient.connectWith(server.baseUrl(), Map.of("Cookie", cookie,
                "Origin", "https://evil.example"))) {
            forged.send("{\"type\":\"subscribe\",\"repo\":\"" + alice.login() + "/code\"}");
            assertThat(forged.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void webhooksAreAddedWithTheApisChecksAndShowTheirDeliveries() throws Exception {
        server.newRepo(alice, "hooked", false);
        String base = "/" + alice.login() + "/hooked";
        PageClient page = new PageClient(server.baseUrl());
        page.signIn(alice.login(), alice.password());
        HttpResponse<String> internal = page.post(base + "/settings/hooks", form("_csrf", page.csrf(base + "/settings/hooks"),
                "url", "http://10.1.2.3/hook", "events", "push"));
        assertThat(internal.statusCode()).isEqualTo(422);
        assertThat(internal.body()).contains("field-error").contains("value=\"http://10.1.2.3/hook\"");

        HttpResponse<String> added = page.post(base + "/settings/hooks", form("_csrf", page.csrf(base + "/settings/hooks"),
                "url", "http://127.0.0.1:9/hook", "content_type", "json", "events", "push"));
        assertThat(added.statusCode()).isEqualTo(303);
        String hookPage = added.headers().firstValue("Location").orElseThrow();
        assertThat(page.get(base + "/settings/hooks").body()).contains("http://127.0.0.1:9/hook");

        WorkTree work = new WorkTree(tmp, "hooked");
        work.write("a.txt", "a\n").commit("For the hook");
        work.push(server, alice, "hooked", "main");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        String log = page.get(hookPage).body();
        while (!log.contains("<td>push") && System.nanoTime() < deadline) {
            Thread.sleep(100); // polling the delivery log, bounded by the deadline
            log = page.get(hookPage).body();
        }
        assertThat(log).contains("<td>push");

        // Edited through the page, checked through the API.
        String api = "/api/v3/repos/" + alice.login() + "/hooked/hooks/" + hookPage.substring(hookPage.lastIndexOf('/') + 1);
        HttpResponse<String> edited = page.post(hookPage, form("_csrf", page.csrf(hookPage), "url", "http://127.0.0.1:9/changed",
                "content_type", "form", "events", "push", "events", "create", "secret", "s3cret-value"));
        assertThat(edited.statusCode()).isEqualTo(303);
        assertThat(edited.headers().firstValue("Location").orElseThrow()).isEqualTo(hookPage + "?done=updated");
        JsonNode hook = server.api().get(api, alice.basic()).json();
        assertThat(hook.get("config").get("url").asString()).isEqualTo("http://127.0.0.1:9/changed");
        assertThat(hook.get("config").get("content_type").asString()).isEqualTo("form");
        assertThat(hook.get("config").get("secret").asString()).isEqualTo("********");
        assertThat(hook.get("events").toString()).isEqualTo("[\"push\",\"create\"]");
        assertThat(hook.get("active").asBoolean()).as("the box was not ticked").isFalse();
        String shown = page.get(hookPage + "?done=updated").body();
        assertThat(shown).contains("Webhook updated.").contains("value=\"http://127.0.0.1:9/changed\"")
                .contains("leave blank to keep it").doesNotContain("s3cret-value");
        assertThat(page.get(hookPage + "?done=%3Cscript%3E").body()).doesNotContain("<script>").doesNotContain("flash\" role=\"status");

        HttpResponse<String> noEvents = page.post(hookPage, form("_csrf", page.csrf(hookPage), "url", "http://127.0.0.1:9/typed",
                "active", "1"));
        assertThat(noEvents.statusCode()).isEqualTo(422);
        assertThat(noEvents.body()).contains("choose at least one event").contains("value=\"http://127.0.0.1:9/typed\"");
        HttpResponse<String> internalEdit = page.post(hookPage, form("_csrf", page.csrf(hookPage), "url", "http://169.254.169.254/",
                "events", "push", "active", "1"));
        assertThat(internalEdit.statusCode()).isEqualTo(422);
        assertThat(server.api().get(api, alice.basic()).json().get("config").get("url").asString())
                .as("a refused edit changes nothing").isEqualTo("http://127.0.0.1:9/changed");

        HttpResponse<String> kept = page.post(hookPage, form("_csrf", page.csrf(hookPage), "url", "http://127.0.0.1:9/changed",
                "content_type", "json", "events", "push", "active", "1"));
        assertThat(kept.statusCode()).isEqualTo(303);
        hook = server.api().get(api, alice.basic()).json();
        assertThat(hook.get("active").asBoolean()).isTrue();
        assertThat(hook.get("config").get("secret").asString()).as("a blank secret keeps it").isEqualTo("********");
        page.post(hookPage, form("_csrf", page.csrf(hookPage), "url", "http://127.0.0.1:9/changed", "content_type", "json",
                "events", "push", "active", "1", "clear_secret", "1"));
        assertThat(server.api().get(api, alice.basic()).json().get("config").has("secret")).as("removed").isFalse();
        assertThat(page.get(hookPage).body()).contains("(none set)");

        // A test delivery, and a delivery sent again, from the page.
        HttpResponse<String> pinged = page.post(hookPage + "/ping", form("_csrf", page.csrf(hookPage)));
        assertThat(pinged.statusCode()).isEqualTo(303);
        assertThat(pinged.headers().firstValue("Location").orElseThrow()).isEqualTo(hookPage + "?done=ping");
        log = page.get(hookPage).body();
        assertThat(log).contains("<td>ping");
        java.util.regex.Matcher redeliver = java.util.regex.Pattern.compile("action=\"([^\"]*/deliveries/\\d+/redeliver)\"").matcher(log);
        assertThat(redeliver.find()).isTrue();
        assertThat(page.post(redeliver.group(1), form()).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> again = page.post(redeliver.group(1), form("_csrf", page.csrf(hookPage)));
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(page.get(hookPage).body()).contains("redelivery</span>");
        assertThat(page.post(hookPage + "/deliveries/999999/redeliver", form("_csrf", page.csrf(hookPage))).statusCode()).isEqualTo(404);

        HttpResponse<String> gone = page.post(hookPage + "/delete", form("_csrf", page.csrf(hookPage)));
        assertThat(gone.statusCode()).isEqualTo(303);
        assertThat(page.get(base + "/settings/hooks").body()).contains("No webhooks");
        assertThat(page.get(hookPage).statusCode()).isEqualTo(404);
    }

    @Test
    void branchesAreProtectedAndUnprotectedThroughTheSameServiceAsTheApi() {
        server.newRepo(alice, "guarded", false);
        String base = "/" + alice.login() + "/guarded";
        String api = "/api/v3/repos/" + alice.login() + "/guarded/branches/main/protection";
        PageClient page = new PageClient(server.baseUrl());
        page.signIn(alice.login(), alice.password());
        HttpResponse<String> bad = page.post(base + "/settings/branches", form("_csrf", page.csrf(base + "/settings/branches"),
                "pattern", "main", "pushers", "nobody-by-this-name"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("field-error").contains("nobody-by-this-name");
        assertThat(server.api().get(api, alice.bearer()).status()).isEqualTo(404);

        HttpResponse<String> ok = page.post(base + "/settings/branches", form("_csrf", page.csrf(base + "/settings/branches"),
                "pattern", "main", "allow_deletions", "1"));
        assertThat(ok.statusCode()).isEqualTo(303);
        Response set = server.api().get(api, alice.bearer());
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("allow_force_pushes").get("enabled").asBoolean()).isFalse();
        assertThat(set.json().get("allow_deletions").get("enabled").asBoolean()).isTrue();
        assertThat(page.get(base + "/settings/branches").body()).contains("Force pushes refused");

        HttpResponse<String> off = page.post(base + "/settings/branches/delete", form("_csrf",
                page.csrf(base + "/settings/branches"), "pattern", "main"));
        assertThat(off.statusCode()).isEqualTo(303);
        assertThat(server.api().get(api, alice.bearer()).status()).isEqualTo(404);
    }

    @Test
    void assetsAreServedFromHearthItself() {
        PageClient page = new PageClient(server.baseUrl());
        HttpResponse<String> css = page.get("/assets/hearth.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).contains("prefers-color-scheme: dark").contains(":focus-visible");
        HttpResponse<String> hljs = page.get("/assets/hljs/highlight.min.js");
        assertThat(hljs.statusCode()).isEqualTo(200);
        assertThat(hljs.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(page.get("/assets/../pom.xml").statusCode()).isIn(400, 404);
        assertThat(page.get("/assets/nothing.js").statusCode()).isEqualTo(404);
        assertThat(ApiClient.class).isNotNull();
    }
}
