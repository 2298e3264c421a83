package dev.hearth.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;

/**
 * Debian's Chromium driven by Playwright for Java, one per test class; and a JUnit watcher that
 * saves a screenshot of the current page under {@code target/browser/} when a test fails.
 */
final class BrowserSession implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SHOTS = Path.of("target", "browser");

    final Playwright playwright;
    final Browser browser;

    BrowserSession() {
        // The driver is Playwright's; the browser is the system's, never downloaded.
        this.playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    /**
     * Saves the page of a failed test as {@code target/browser/<class>-<test>.png}, right after the
     * test method and before {@code @AfterEach} closes its browser context.
     */
    static final class ScreenshotOnFailure implements AfterTestExecutionCallback {
        private final Supplier<Page> page;

        ScreenshotOnFailure(Supplier<Page> page) {
            this.page = page;
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            Optional<Throwable> failure = context.getExecutionException();
            if (failure.isEmpty()) return;
            Page p = page.get();
            if (p == null || p.isClosed()) return;
            try {
                Files.createDirectories(SHOTS);
                p.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SHOTS.resolve(
                        context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName()
                                + ".png")));
            } catch (Exception e) {
                failure.get().addSuppressed(e); // the failure itself matters more than its picture
            }
        }
    }
}
