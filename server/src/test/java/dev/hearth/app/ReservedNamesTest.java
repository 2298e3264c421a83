package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.accounts.Login;
import dev.hearth.testing.TestHearth;
import dev.hearth.web.HttpServer;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every top-level path a route takes is a name no user or organisation may have, or that
 * account's page and the route would shadow each other; and creating one is a 422.
 */
class ReservedNamesTest {
    @Test
    void everyTopLevelPathOfARouteIsReservedAndRefusedAtCreation() {
        try (TestHearth server = TestHearth.sqlite()) {
            Set<String> firstSegments = new TreeSet<>();
            for (HttpServer.Route route : server.hearth().routes()) {
                String[] parts = route.path().split("/");
                if (parts.length < 2 || parts[1].isEmpty() || parts[1].startsWith("{") || parts[1].startsWith("<")) continue;
                firstSegments.add(parts[1].toLowerCase(Locale.ROOT));
            }
            assertThat(firstSegments).as("the routes' top-level paths").contains("api", "login", "settings");
            assertThat(Login.RESERVED).containsAll(firstSegments);
            assertThat(Login.RESERVED).contains("admin", "orgs", "search", "notifications", "raw", ".well-known",
                    "robots.txt", "favicon.ico");

            for (String name : new String[] {"explore", "Settings", "orgs", "notifications"}) {
                var r = server.api().post("/api/v3/admin/users", server.admin(),
                        "{\"login\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\"Good-Passw0rd-1\"}");
                assertThat(r.status()).as(name + ": " + r.body()).isEqualTo(422);
                assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("login");
            }
        }
    }
}
