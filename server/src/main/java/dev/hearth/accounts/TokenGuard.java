package dev.hearth.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hearth.error.HearthException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Throttles token guessing per client address: after {@link #FAILURES} failed token attempts
 * (personal access tokens, OAuth access tokens, tokens in Basic) from one address within
 * {@link #WINDOW}, every token from that address is refused with 429 until the window holds
 * fewer failures, so a flood is slowed to {@link #FAILURES} guesses a minute.
 *
 * <p>The refusal comes before the token is looked at, valid or not, as for password spraying
 * (and as GitHub refuses even valid credentials after many bad ones): answering a valid token
 * while refusing the rest would tell the guesser which guess was right. The one exception is a
 * token that this address has already proven within {@link #KNOWN_GOOD}: it is still checked
 * against the database, just not throttled, so a colleague's CI behind the same NAT keeps working
 * while a broken script or a guesser there is held back. A guesser gains nothing from it: only a
 * token that was valid gets in.
 */
public final class TokenGuard {
    /**
     * Failed token attempts per address per {@link #WINDOW} before refusing. A client with a
     * revoked or mistyped token fails a handful of times (git's credential helper retries once);
     * 30 leaves room for a NAT of such clients, and holds a flood to 30 guesses a minute, which
     * against 256-bit tokens is nothing.
     */
    static final int FAILURES = 30;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** How long a token proven from an address passes that address's throttle. */
    static final Duration KNOWN_GOOD = Duration.ofHours(1);

    private final FailureWindow addresses;
    /** Address and the SHA-256 of a token proven from it. */
    private final Cache<String, Boolean> proven = Caffeine.newBuilder()
            .expireAfterWrite(KNOWN_GOOD)
            .maximumSize(100_000)
            .build();

    public TokenGuard(Clock clock) {
        this.addresses = new FailureWindow(FAILURES, WINDOW, clock);
    }

    /** Refuses (429, with how long to wait) a token from an address that failed too often, unless it proved this token before. */
    public void beforeCheck(String address, String token) {
        if (address == null) return;
        Optional<Duration> left = addresses.refusedFor(address);
        if (left.isEmpty() || proven.getIfPresent(provenKey(address, token)) != null) return;
        throw HearthException.tooManyRequests("Too many failed token attempts from this address; wait before trying again",
                left.get());
    }

    public void failed(String address) {
        if (address != null) addresses.failed(address);
    }

    public void succeeded(String address, String token) {
        if (address != null) proven.put(provenKey(address, token), Boolean.TRUE);
    }

    private static String provenKey(String address, String token) {
        return address + " " + TokenService.sha256(token);
    }
}
