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
        TransportLimits transport) {

    public Settings {
        webhookAllowedHosts = java.util.List.copyOf(webhookAllowedHosts);
        corsOrigins = java.util.List.copyOf(corsOrigins);
    }

    /** Settings with the {@link TransportLimits#DEFAULTS transport limits' defaults}. */
    public Settings(String host, int port, OptionalInt sshPort, Path dataDir, String databaseUrl,
                    Optional<String> adminPassword, String publicUrl, long maxObjectSize, long maxPackSize,
                    java.util.List<String> webhookAllowedHosts, java.util.List<String> corsOrigins, long rateLimit,
                    long rateLimitAnonymous, java.time.Duration oauthTokenTtl) {
        this(host, port, sshPort, dataDir, databaseUrl, adminPassword, publicUrl, maxObjectSize, maxPackSize,
                webhookAllowedHosts, corsOrigins, rateLimit, rateLimitAnonymous, oauthTokenTtl, TransportLimits.DEFAULTS);
    }

    /** The same settings on another HTTP port (a restart that must keep its port asks for the one it had). */
    public Settings withPort(int newPort) {
        return new Settings(host, newPort, sshPort, dataDir, databaseUrl, adminPassword, publicUrl, maxObjectSize,
                maxPackSize, webhookAllowedHosts, corsOrigins, rateLimit, rateLimitAnonymous, oauthTokenTtl, transport);
    }

    /** The same settings with other transport limits (tests make them small). */
    public Settings withTransport(TransportLimits limits) {
        return new Settings(host, port, sshPort, dataDir, databaseUrl, adminPassword, publicUrl, maxObjectSize,
                maxPackSize, webhookAllowedHosts, corsOrigins, rateLimit, rateLimitAnonymous, oauthTokenTtl, limits);
    }

    public Path reposDir() {
        return dataDir.resolve("repos");
    }

    /** Where the SSH host key is generated on the first start and kept. */
    public Path sshDir() {
        return dataDir.resolve("ssh");
    }
}
