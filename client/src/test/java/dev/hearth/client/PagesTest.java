package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Listings follow the Link header's next page, lazily: a page is fetched only when the stream needs it. */
class PagesTest {
    /** Three pages of two repositories; each names the next in its Link header, as Hearth does. */
    private static ScriptedServer.Answer page(ScriptedServer server, ScriptedServer.Request r) {
        var m = java.util.regex.Pattern.compile("[?&]page=(\\d+)").matcher(r.path());
        int page = m.find() ? Integer.parseInt(m.group(1)) : 1;
        String body = "[{\"id\":" + (2 * page - 1) + ",\"name\":\"r" + (2 * page - 1) + "\"},{\"id\":" + 2 * page
                + ",\"name\":\"r" + 2 * page + "\",\"unknown_to_this_client\":true}]";
        String next = "<" + server.url() + "/api/v3/user/repos?per_page=2&page=" + (page + 1) + ">; rel=\"next\", <"
                + server.url() + "/api/v3/user/repos?per_page=2&page=3>; rel=\"last\"";
        return new ScriptedServer.Answer(200, page < 3 ? Map.of("Content-Type", "application/json", "Link", next)
                : Map.of("Content-Type", "application/json"), body);
    }

    @Test
    void everyPageIsFollowedAndOnlyWhenNeeded() throws Exception {
        ScriptedServer[] holder = new ScriptedServer[1];
        try (ScriptedServer server = new ScriptedServer(r -> page(holder[0], r))) {
            holder[0] = server;
            HearthClient client = HearthClient.builder().baseUrl(server.url()).token("t").pageSize(2).build();
            var stream = client.repos().list();
            assertThat(server.requests()).as("nothing fetched before the stream is read").isEmpty();
            assertThat(stream.map(Repo::name)).containsExactly("r1", "r2", "r3", "r4", "r5", "r6");
            assertThat(server.requests()).extracting(ScriptedServer.Request::path).containsExactly(
                    "/api/v3/user/repos?per_page=2", "/api/v3/user/repos?per_page=2&page=2", "/api/v3/user/repos?per_page=2&page=3");

            assertThat(client.repos().list().limit(3).map(Repo::id)).containsExactly(1L, 2L, 3L);
            assertThat(server.requests()).as("two more pages for three items").hasSize(5);
        }
    }

    @Test
    void theNextLinkIsFoundAmongOthers() {
        assertThat(Pages.nextLink(java.util.Optional.of("<https://h/x?page=1>; rel=\"first\", <https://h/x?page=3>; rel=\"next\"")))
                .contains("https://h/x?page=3");
        assertThat(Pages.nextLink(java.util.Optional.of("<https://h/x?page=1>; rel=\"prev\""))).isEmpty();
        assertThat(Pages.nextLink(java.util.Optional.empty())).isEmpty();
    }
}
