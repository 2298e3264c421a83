package dev.hearth.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hearth.error.HearthException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Throttles password guessing in two ways that do not lock an office out of itself.
 *
 * <ul>
 *   <li>Per login: after {@link #FREE_FAILURES} consecutive failures each check waits longer
 *       (doubling, at most 2 s), and after {@link #LOCK_AFTER} the login gets 429 until
 *       {@link #COOL_DOWN} has passed since its last failure. Other logins are not affected, so
 *       colleagues behind the same NAT still sign in.</li>
 *   <li>Per client address, across logins, only for spraying: {@link #SPRAY_FAILURES} failures
 *       from one address within {@link #SPRAY_WINDOW} (many logins tried) refuse every password
 *       from it until the window holds fewer.</li>
 * </ul>
 * Tokens are never throttled here, so a locked login does not lock out its owner's tokens; a
 * success clears the login's count (not the address's, or a sprayer could reset it with one
 * account of its own).
 */
public final class PasswordGuard {
    static final int FREE_FAILURES = 3;
    static final int LOCK_AFTER = 10;
    static final Duration COOL_DOWN = Duration.ofMinutes(5);
    static final int SPRAY_FAILURES = 50;
    static final Duration SPRAY_WINDOW = Duration.ofMinutes(10);
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);

    private final Clock clock;
    private final Cache<String, Failures> logins = Caffeine.newBuilder()
            .expireAfterWrite(COOL_DOWN)
            .maximumSize(100_000)
            .build();
    private final FailureWindow addresses;

    private record Failures(int count, Instant last) {}

    public PasswordGuard(Clock clock) {
        this.clock = clock;
        this.addresses = new FailureWindow(SPRAY_FAILURES, SPRAY_WINDOW, clock);
    }

    /** Refuses (429) a locked login or a spraying address; otherwise waits as long as the login's failures call for. */
    public void beforeCheck(String login, String address) {
        Instant now = clock.instant();
        if (address != null) {
            Optional<Duration> left = addresses.refusedFor(address);
            if (left.isPresent()) {
                throw HearthException.tooManyRequests("Too many failed sign-ins from this address for many logins; "
                        + "wait, or use a token", left.get());
            }
        }
        Failures f = logins.getIfPresent(key(login));
        if (f == null) return;
        Duration since = Duration.between(f.last(), now);
        if (f.count() >= LOCK_AFTER && since.compareTo(COOL_DOWN) < 0) {
            throw HearthException.tooManyRequests("Too many failed sign-ins for this login; wait, or use a token",
                    COOL_DOWN.minus(since));
        }
        if (f.count() >= FREE_FAILURES) {
            long millis = Math.min(MAX_DELAY.toMillis(), 100L << Math.min(10, f.count() - FREE_FAILURES));
            try {
                Thread.sleep(millis); // a deliberate cost per guess, on a virtual thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void failed(String login, String address) {
        Instant now = clock.instant();
        logins.asMap().merge(key(login), new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        if (address != null) addresses.failed(address);
    }

    public void succeeded(String login, String address) {
        logins.invalidate(key(login));
    }

    private static String key(String login) {
        return login.toLowerCase(Locale.ROOT);
    }
}
