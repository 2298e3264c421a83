package dev.hearth.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is throttled, then refused for a cool-down, without locking out the owner's
 * tokens or other people at the same address; an address that sprays many logins is refused.
 */
class PasswordGuardTest {
    @Test
    void guessingIsSlowedThenRefusedWhileTokensStillWork() {
        try (TestHearth server = TestHearth.sqlite()) {
            ApiClient api = server.api();
            TestHearth.User target = server.newUser("target");
            String wrong = ApiClient.basic(target.login(), "Not-The-Password-1");
            for (int i = 0; i < PasswordGuard.LOCK_AFTER; i++) {
                assertThat(api.get("/api/v3/user", wrong).status()).as("guess " + i).isEqualTo(401);
            }
            Response locked = api.get("/api/v3/user", target.basic());
            assertThat(locked.status()).as("even the right password waits out the cool-down").isEqualTo(429);
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, PasswordGuard.COOL_DOWN.toSeconds());
            assertThat(api.get("/api/v3/user", target.bearer()).status()).as("tokens are not locked out").isEqualTo(200);
            // Only that login is locked: a colleague behind the same address still signs in.
            TestHearth.User colleague = server.newUser("colleague");
            assertThat(api.get("/api/v3/user", colleague.basic()).status()).isEqualTo(200);

            server.clock().advance(PasswordGuard.COOL_DOWN.plus(Duration.ofSeconds(1)));
            assertThat(api.get("/api/v3/user", target.basic()).status()).isEqualTo(200);
            assertThat(api.get("/api/v3/user", wrong).status()).as("a success clears the count").isEqualTo(401);
        }
    }

    @Test
    void anAddressThatSpraysManyLoginsIsRefusedForEveryLogin() {
        try (TestHearth server = TestHearth.sqlite()) {
            ApiClient api = server.api();
            TestHearth.User bystander = server.newUser("bystander");
            for (int i = 0; i < PasswordGuard.SPRAY_FAILURES - 1; i++) {
                assertThat(api.get("/api/v3/user", ApiClient.basic("sprayed-" + i, "Guess-Passw0rd")).status())
                        .as("guess " + i).isEqualTo(401);
            }
            assertThat(api.get("/api/v3/user", bystander.basic()).status())
                    .as("below the spraying threshold nobody else is refused").isEqualTo(200);
            assertThat(api.get("/api/v3/user", ApiClient.basic("sprayed-last", "Guess-Passw0rd")).status()).isEqualTo(401);

            Response refused = api.get("/api/v3/user", bystander.basic());
            assertThat(refused.status()).isEqualTo(429);
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, PasswordGuard.SPRAY_WINDOW.toSeconds());
            assertThat(api.get("/api/v3/user", bystander.bearer()).status()).as("tokens still work").isEqualTo(200);

            server.clock().advance(PasswordGuard.SPRAY_WINDOW.plus(Duration.ofSeconds(1)));
            assertThat(api.get("/api/v3/user", bystander.basic()).status()).isEqualTo(200);
        }
    }
}
