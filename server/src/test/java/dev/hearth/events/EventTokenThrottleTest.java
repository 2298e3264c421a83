package dev.hearth.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.EventClient;
import dev.hearth.testing.TestHearth;
import org.junit.jupiter.api.Test;

/**
 * Guessing tokens over the event socket counts against the address as over the API: once the
 * address has failed too often, even a valid token it never proved is refused (1008), and the
 * API refuses its tokens too. Its own server, since it locks the test's address out.
 */
class EventTokenThrottleTest {
    @Test
    void failedSocketTokensThrottleTheAddress() {
        try (TestHearth server = TestHearth.sqlite()) {
            TestHearth.User user = server.newUser("sockets");
            for (int i = 0; i < 30; i++) {
                try (EventClient c = EventClient.connect(server.baseUrl(), "Bearer hth_notAToken" + i)) {
                    assertThat(c.closeCode()).as("guess " + i).isEqualTo(1008);
                }
            }
            // The address is throttled now, for a token it never proved as for any other.
            try (EventClient c = EventClient.connect(server.baseUrl(), user.bearer())) {
                assertThat(c.closeCode()).isEqualTo(1008);
            }
            assertThat(server.api().get("/api/v3/user", user.bearer()).status()).isEqualTo(429);
        }
    }
}
