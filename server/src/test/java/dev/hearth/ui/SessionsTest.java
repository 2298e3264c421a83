package dev.hearth.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session tokens: signed, with an idle and an absolute lifetime, and CSRF tokens bound to them. */
class SessionsTest {
    @TempDir
    Path data;
    final MutableClock clock = new MutableClock();
    final SecureRandom random = new SecureRandom();

    private Sessions sessions() {
        return new Sessions(SessionKey.load(data, random), null, clock, random);
    }

    @Test
    void theKeyIsMadeOnceWithOwnerOnlyPermissionsAndSharedByNodes() throws Exception {
        Sessions a = sessions();
        Path key = data.resolve("secrets/session.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        Sessions b = sessions(); // another node on the same data directory
        String token = a.sign(a.start(Optional.of(7L)));
        assertThat(b.verify(token)).map(Sessions.Session::userId).contains(Optional.of(7L));
    }

    @Test
    void aSessionEndsAfterTwoIdleHoursUnlessTouched() {
        Sessions s = sessions();
        Sessions.Session session = s.start(Optional.of(1L));
        String token = s.sign(session);
        clock.advance(Duration.ofMinutes(119));
        assertThat(s.verify(token)).isPresent();
        assertThat(s.wantsRefresh(s.verify(token).orElseThrow())).isTrue();
        String refreshed = s.sign(s.touched(s.verify(token).orElseThrow()));
        clock.advance(Duration.ofMinutes(2));
        assertThat(s.verify(token)).isEmpty();
        assertThat(s.verify(refreshed)).isPresent();
    }

    @Test
    void aSessionEndsAfterSevenDaysHoweverActive() {
        Sessions s = sessions();
        String token = s.sign(s.start(Optional.of(1L)));
        for (int hour = 0; hour < 7 * 24 - 1; hour++) {
            clock.advance(Duration.ofHours(1));
            token = s.sign(s.touched(s.verify(token).orElseThrow()));
        }
        assertThat(s.verify(token)).isPresent();
        clock.advance(Duration.ofMinutes(61));
        assertThat(s.verify(token)).isEmpty();
    }

    @Test
    void aChangedOrForeignTokenIsRefused() {
        Sessions s = sessions();
        String token = s.sign(s.start(Optional.of(1L)));
        String[] parts = token.split("\\.");
        String otherUser = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"sub\":\"1\"", "\"sub\":\"2\"").getBytes());
        assertThat(s.verify(parts[0] + "." + otherUser + "." + parts[2])).isEmpty();
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        assertThat(s.verify(none + "." + parts[1] + ".")).isEmpty();
        assertThat(s.verify("garbage")).isEmpty();
        Sessions elsewhere = new Sessions(new SessionKey(new byte[32]), null, clock, random);
        assertThat(s.verify(elsewhere.sign(elsewhere.start(Optional.of(1L))))).isEmpty();
    }

    @Test
    void csrfTokensBelongToOneSession() {
        Sessions s = sessions();
        Sessions.Session one = s.start(Optional.empty());
        Sessions.Session two = s.start(Optional.empty());
        assertThat(s.csrfMatches(one, s.csrf(one))).isTrue();
        assertThat(s.csrfMatches(two, s.csrf(one))).isFalse();
        assertThat(s.csrfMatches(one, null)).isFalse();
        assertThat(s.csrf(one)).isNotEqualTo(s.csrf(two)).hasSize(64);
    }
}
