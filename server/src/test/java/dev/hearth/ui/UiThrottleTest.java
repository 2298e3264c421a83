package dev.hearth.ui;

import static dev.hearth.ui.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sign-in form is throttled like the API's passwords (the same guard, the same audit): a
 * locked login gets a friendly 429 page, and every failure is in the audit log. Its own server,
 * since it moves the clock.
 */
class UiThrottleTest {
    static TestHearth server;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void repeatedWrongPasswordsAreThrottledAndAudited() {
        TestHearth.User carol = server.newUser("carol");
        PageClient page = new PageClient(server.baseUrl());
        int lockAfter = 10;
        for (int i = 0; i < lockAfter; i++) {
            HttpResponse<String> r = page.post("/login", form("_csrf", page.csrf("/login"), "login", carol.login(),
                    "password", "wrong-" + i));
            assertThat(r.statusCode()).isEqualTo(422);
        }
        HttpResponse<String> locked = page.post("/login", form("_csrf", page.csrf("/login"), "login", carol.login(),
                "password", carol.password()));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(locked.body()).contains("Too many failed sign-ins").contains("name=\"password\"");

        server.clock().advance(Duration.ofMinutes(6)); // the login's cool-down passes
        Response audit = server.api().get("/api/v3/admin/audit?per_page=100", server.admin());
        assertThat(audit.status()).isEqualTo(200);
        long failures = 0;
        for (var entry : audit.json()) {
            // Failed sign-ins are aggregated: one row per address and minute, with a count.
            if (entry.get("action").asString().equals("auth.failed") && entry.toString().contains(carol.login())) {
                failures += entry.get("details").get("count").asLong();
            }
        }
        assertThat(failures).isGreaterThanOrEqualTo(lockAfter);
        page.signIn(carol.login(), carol.password());
    }
}
