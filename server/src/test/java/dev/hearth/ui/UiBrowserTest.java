package dev.hearth.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in real headless Chromium: sign in, create a repository through the form, push to
 * it with git, browse files and a diff, see the live banner after a push, make and revoke a
 * token, and the refusals (a stranger's 404, a form without its CSRF token).
 */
@EnabledIf("dev.hearth.ui.BrowserSession#chromiumInstalled")
class UiBrowserTest {
    private static final LocatorAssertions.IsVisibleOptions PATIENT = new LocatorAssertions.IsVisibleOptions().setTimeout(20_000);

    static TestHearth server;
    static BrowserSession chromium;
    static TestHearth.User alice;
    @TempDir
    static Path tmp;

    BrowserContext context;
    Page page;

    @RegisterExtension
    final BrowserSession.ScreenshotOnFailure screenshots = new BrowserSession.ScreenshotOnFailure(() -> page);

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        chromium = new BrowserSession();
        alice = server.newUser("alice");
    }

    @AfterAll
    static void stop() {
        if (chromium != null) chromium.close();
        if (server != null) server.close();
    }

    @BeforeEach
    void open() {
        context = chromium.browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1200, 800));
        page = context.newPage();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    private String url(String path) {
        return server.baseUrl() + path;
    }

    private void signIn(TestHearth.User user) {
        page.navigate(url("/login"));
        page.getByLabel("Username").fill(user.login());
        page.getByLabel("Password").fill(user.password());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        PlaywrightAssertions.assertThat(page.locator("header.top .me")).hasText(user.login());
    }

    @Test
    void signInCreateARepositoryPushBrowseAndReadADiff() throws Exception {
        signIn(alice);
        page.navigate(url("/new"));
        page.getByLabel("Name").fill("web-made");
        page.getByLabel("Description (optional)").fill("Made in a browser");
        page.getByLabel("Start with a README").uncheck();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create repository")).click();
        PlaywrightAssertions.assertThat(page).hasURL(url("/" + alice.login() + "/web-made"));
        PlaywrightAssertions.assertThat(page.locator(".empty-repo")).containsText("This repository is empty");

        WorkTree work = new WorkTree(tmp, "web-made");
        work.write("README.md", "# Web made\n\nA repository made in a **browser**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
                .write("src/App.java", "public class App {\n    public static void main(String[] args) {\n"
                        + "        System.out.println(\"hi\");\n    }\n}\n")
                .commit("First commit");
        work.write("src/App.java", "public class App {\n    public static void main(String[] args) {\n"
                + "        System.out.println(\"hello\");\n    }\n}\n").commit("Say hello");
        work.push(server, alice, "web-made", "main");

        page.reload();
        PlaywrightAssertions.assertThat(page.locator(".readme h1")).hasText("Web made");
        PlaywrightAssertions.assertThat(page.locator(".readme strong")).hasText("browser");
        PlaywrightAssertions.assertThat(page.locator("#clone-http")).hasValue(url("/" + alice.login() + "/web-made.git"));
        PlaywrightAssertions.assertThat(page.locator("tr.entry", new Page.LocatorOptions().setHasText("README.md")))
                .containsText("First commit");
        PlaywrightAssertions.assertThat(page.locator("tr.entry", new Page.LocatorOptions().setHasText("src")))
                .containsText("Say hello");
        Files.createDirectories(BrowserSession.SHOTS);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(BrowserSession.SHOTS.resolve("repo-page.png")));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("src").setExact(true)).click();
        PlaywrightAssertions.assertThat(page).hasURL(url("/" + alice.login() + "/web-made/tree/main/src"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("App.java")).click();
        PlaywrightAssertions.assertThat(page).hasURL(url("/" + alice.login() + "/web-made/blob/main/src/App.java"));
        // highlight.js, served by Hearth under its CSP, ran and marked the code up.
        PlaywrightAssertions.assertThat(page.locator("pre.src code")).hasClass(Pattern.compile(".*\\bhljs\\b.*"));
        PlaywrightAssertions.assertThat(page.locator("pre.src code .hljs-keyword").first()).isVisible();
        page.locator("#L3").click();
        PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*#L3$"));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Commits")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Say hello")).first().click();
        PlaywrightAssertions.assertThat(page.locator("h1.commit-title")).hasText("Say hello");
        PlaywrightAssertions.assertThat(page.locator("pre.diff .add")).containsText("System.out.println(\"hello\");");
        PlaywrightAssertions.assertThat(page.locator("pre.diff .del")).containsText("System.out.println(\"hi\");");
    }

    @Test
    void thePageShowsNewCommitsWhenGitPushesToTheBranch() {
        server.newRepo(alice, "live", false);
        WorkTree work = new WorkTree(tmp, "live");
        work.write("a.txt", "one\n").commit("One");
        work.push(server, alice, "live", "main");

        signIn(alice);
        page.navigate(url("/" + alice.login() + "/live/tree/main"));
        Locator banner = page.locator("#live-banner");
        PlaywrightAssertions.assertThat(banner).isHidden();
        // Subscribed over the WebSocket (the session cookie authenticated the upgrade).
        PlaywrightAssertions.assertThat(banner).hasAttribute("data-state", "listening",
                new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));

        work.write("a.txt", "two\n").commit("Two");
        work.push(server, alice, "live", "main");
        PlaywrightAssertions.assertThat(banner).isVisible(PATIENT);
        PlaywrightAssertions.assertThat(banner).containsText("New commits");
        banner.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("reload")).click();
        PlaywrightAssertions.assertThat(page.locator(".latest-summary")).hasText("Two");
    }

    @Test
    void aTokenIsShownOnceWorksAndCanBeRevoked() {
        signIn(alice);
        page.navigate(url("/settings/tokens"));
        page.getByLabel("Name").fill("from the browser");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        Locator secret = page.locator("#new-token");
        PlaywrightAssertions.assertThat(secret).isVisible();
        String token = secret.inputValue();
        assertThat(token).startsWith("hth_");
        Response me = server.api().get("/api/v3/user", "Bearer " + token);
        assertThat(me.status()).isEqualTo(200);

        page.navigate(url("/settings/tokens"));
        PlaywrightAssertions.assertThat(page.locator("#new-token")).hasCount(0);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke from the browser")).click();
        PlaywrightAssertions.assertThat(page.locator("td.token-name", new Page.LocatorOptions().setHasText("from the browser")))
                .hasCount(0);
        assertThat(server.api().get("/api/v3/user", "Bearer " + token).status()).isEqualTo(401);
    }

    @Test
    void pagesFitAPhoneFollowDarkModeAndShowKeyboardFocus() {
        server.newRepo(alice, "phone", false);
        WorkTree work = new WorkTree(tmp, "phone");
        work.write("README.md", "# Phone\n\nA long line: " + "word ".repeat(80) + "\n")
                .write("src/deep/nested/directory/with/a/long/name/File.java", "class File {}\n").commit("Phone");
        work.push(server, alice, "phone", "main");
        context.close(); // this test's browser is a phone in dark mode; @AfterEach closes it
        context = chromium.browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(375, 740).setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
        {
            page = context.newPage();
            for (String path : new String[] {"", "/tree/main/src/deep/nested", "/blob/main/README.md", "/commits/main"}) {
                page.navigate(url("/" + alice.login() + "/phone" + path));
                Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
                assertThat(((Number) overflow).intValue()).as("horizontal overflow of " + path).isLessThanOrEqualTo(0);
            }
            String background = (String) page.evaluate("() => getComputedStyle(document.body).backgroundColor");
            assertThat(background).isEqualTo("rgb(13, 17, 23)");
            page.keyboard().press("Tab");
            PlaywrightAssertions.assertThat(page.locator("a.skip")).isFocused();
            Object outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle");
            assertThat(outline).isEqualTo("solid");
            for (Object alt : (java.util.List<?>) page.evaluate("() => [...document.images].map(i => i.alt)")) {
                assertThat((String) alt).isNotBlank();
            }
        }
    }

    @Test
    void bidirectionalControlsStayVisibleAfterHighlighting() {
        server.newRepo(alice, "trojan", false);
        WorkTree work = new WorkTree(tmp, "trojan");
        work.write("check.js", "if (level != \"user\u202E \u2066// admin?\u2069 \u2066\") {\n}\n").commit("Add check");
        work.push(server, alice, "trojan", "main");
        page.navigate(url("/" + alice.login() + "/trojan/blob/main/check.js"));
        PlaywrightAssertions.assertThat(page.locator(".bidi-warning")).isVisible();
        PlaywrightAssertions.assertThat(page.locator("pre.src code")).hasClass(Pattern.compile(".*\\bhljs\\b.*"));
        String shown = page.locator("pre.src code").textContent();
        assertThat(shown).contains("\u27EAU+202E\u27EB").contains("\u27EAU+2066\u27EB").doesNotContain("\u202E").doesNotContain("\u2066");
    }

    @Test
    void aStrangerGetsThe404PageForAPrivateRepository() {
        server.newRepo(alice, "hidden", true);
        TestHearth.User mallory = server.newUser("mallory");
        signIn(mallory);
        com.microsoft.playwright.Response r = page.navigate(url("/" + alice.login() + "/hidden"));
        assertThat(r.status()).isEqualTo(404);
        PlaywrightAssertions.assertThat(page.locator("section.error h1")).containsText("404");
        PlaywrightAssertions.assertThat(page.locator("header.top")).isVisible();
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        signIn(alice);
        page.navigate(url("/settings/tokens"));
        // A form as a forger would have it: everything but the session's token.
        page.locator("form[action='/settings/tokens'] input[name=_csrf]").evaluate("e => e.remove()");
        page.getByLabel("Name").fill("forged");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        PlaywrightAssertions.assertThat(page.locator("section.error h1")).containsText("403");

        APIResponse direct = context.request().post(url("/settings/tokens"),
                RequestOptions.create().setForm(FormData.create().set("name", "forged too")));
        assertThat(direct.status()).isEqualTo(403);
        page.navigate(url("/settings/tokens"));
        PlaywrightAssertions.assertThat(page.locator("td.token-name", new Page.LocatorOptions().setHasText("forged")))
                .hasCount(0);
    }
}
