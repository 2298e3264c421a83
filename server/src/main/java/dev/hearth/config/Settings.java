package dev.hearth.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Hearth's validated configuration. Once you hold one, every value in it is usable.
 *
 * @param sshPort     where git over SSH listens, on the same host as HTTP: empty when SSH is
 *                    off, 0 for any free port (tests ask the started server which one it got)
 * @param databaseUrl a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
 * @param publicUrl   base URL without a trailing slash, used to build clone and HTML links
 * @param webhookAllowedHosts host names or addresses webhooks may reach although they are internal
 * @param rateLimit   API requests per hour for each signed-in user; {@code rateLimitAnonymous} per address otherwise
 * @param corsOrigins origins ({@code https://app.example.com}) whose pages may call the API with credentials
 * @param oauthTokenTtl how long an access token from the OAuth token endpoint is valid
 * @param transport   idle timeouts, minimum data rate and event-socket caps of the transports
 * @param maxTreeDepth   deepest folder nesting a pushed tree may have
 * @param maxTreeEntries most entries in one folder of a pushed tree
 */
public record Settings(
        String host,
        int port,
        OptionalInt sshPort,
        Path dataDir,
        String databaseUrl,
        Optional<String> adminPassword,
        String publicUrl,
        long maxObjectSize,
        long maxPackSize,
        java.util.List<String> webhookAllowedHosts,
        java.util.List<String> corsOrigins,
        long rateLimit,
        long rateLimitAnonymous,
        java.time.Duration oauthTokenTtl,
        TransportLimits transport,
        int maxTreeDepth,
        int maxTreeEntries) {

    /**
     * C git's {@code core.maxTreeDepth} default (2048 since git 2.44; 512 in MSVC builds): every
     * tree C git will walk is accepted. The deepest path in linux or git/git is about a dozen.
     */
    public static final int DEFAULT_MAX_TREE_DEPTH = 2048;
    /**
     * C git has no such limit. 100,000 is GitHub's limit on a recursive tree listing, and 50 times
     * the largest folder of linux or git/git (a few thousand entries at most).
     */
    public static final int DEFAULT_MAX_TREE_ENTRIES = 100_000;

    public Settings {
        webhookAllowedHosts = java.util.List.copyOf(webhookAllowedHosts);
        corsOrigins = java.util.List.copyOf(corsOrigins);
    }

    /** Settings with the {@link TransportLimits#DEFAULTS transport limits'} and the tree limits' defaults. */
    public Settings(String host, int port, OptionalInt sshPort, Path dataDir, String databaseUrl,
                    Optional<String> adminPassword, String publicUrl, long maxObjectSize, long maxPackSize,
                    java.util.List<String> webhookAllowedHosts, java.util.List<String> corsOrigins, long rateLimit,
                    long rateLimitAnonymous, java.time.Duration oauthTokenTtl) {
        this(host, port, sshPort, dataDir, databaseUrl, adminPassword, publicUrl, maxObjectSize, maxPackSize,
                webhookAllowedHosts, corsOrigins, rateLimit, rateLimitAnonymous, oauthTokenTtl, TransportLimits.DEFAULTS,
                DEFAULT_MAX_TREE_DEPTH, DEFAULT_MAX_TREE_ENTRIES);
    }

    /** The same settings with other tree limits. */
    public Settings withTreeLimits(int depth, int entries) {
        return new Settings(host, port, sshPort, dataDir, databaseUrl, adminPassword, publicUrl, maxObjectSize,
                maxPackSize, webhookAllowedHosts, corsOrigins, rateLimit, rateLimitAnonymous, oauthTokenTtl, transport,
                depth, entries);
    }

    /** The same settings on another HTTP port (a restart that must keep its port asks for the one it had). */
    public Settings withPort(int newPort) {
        return new Settings(host, newPort, sshPort, dataDir, databaseUrl, adminPassword, publicUrl, maxObjectSize,
                maxPackSize, webhookAllowedHosts, corsOrigins, rateLimit, rateLimitAnonymous, oauthTokenTtl, transport,
                maxTreeDepth, maxTreeEntries);
    }

    /** The same settings with other transport limits (tests make them small). */
    public Settings withTransport(TransportLimits limits) {
        return new Settings(host, port, sshPort, dataDir, databaseUrl, adminPassword, publicUrl, maxObjectSize,
                maxPackSize, webhookAllowedHosts, corsOrigins, rateLimit, rateLimitAnonymous, oauthTokenTtl, limits,
                maxTreeDepth, maxTreeEntries);
    }

    public Path reposDir() {
        return dataDir.resolve("repos");
    }

    /** Where the SSH host key is generated on the first start and kept. */
    public Path sshDir() {
        return dataDir.resolve("ssh");
    }
}
