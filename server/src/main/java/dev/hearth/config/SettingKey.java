package dev.hearth.config;

/**
 * Every setting Hearth reads, with its flag, its environment variable (also the key in the
 * data directory's {@code hearth.conf}), its default and its help: {@code hearth serve}'s options
 * are made from this list, so the two cannot drift apart.
 */
public enum SettingKey {
    HOST("--host", "HEARTH_HOST", "127.0.0.1", "ADDR", "Address to listen on, for HTTP and SSH."),
    PORT("--port", "HEARTH_PORT", "8080", "PORT", "HTTP port, 0 for any free one."),
    SSH_PORT("--ssh-port", "HEARTH_SSH_PORT", "2222", "PORT", "Port for git over SSH, 0 turns SSH off."),
    DATA("--data", "HEARTH_DATA", "./data", "DIR", "Data directory: database, repositories, keys."),
    DATABASE_URL("--database-url", "HEARTH_DATABASE_URL", "", "URL",
            "JDBC URL; default SQLite at <data>/hearth.db, e.g. jdbc:postgresql://127.0.0.1:5432/hearth?user=hearth."),
    // No flag: a password on the command line shows in every process listing.
    ADMIN_PASSWORD(null, "HEARTH_ADMIN_PASSWORD", "", "", "Password of the site admin created on the first start."),
    PUBLIC_URL("--public-url", "HEARTH_PUBLIC_URL", "", "URL",
            "Base URL users reach Hearth at, for clone_url and html_url; default: the request's host."),
    MAX_OBJECT_SIZE("--max-object-size", "HEARTH_MAX_OBJECT_SIZE", "100m", "SIZE",
            "Largest file a push or an upload may contain (bytes, or with k, m, g)."),
    MAX_PACK_SIZE("--max-pack-size", "HEARTH_MAX_PACK_SIZE", "2g", "SIZE", "Largest pack one push may send."),
    MAX_TREE_DEPTH("--max-tree-depth", "HEARTH_MAX_TREE_DEPTH", "2048", "N",
            "Deepest folder nesting a push may bring (a/b/file is 3), as C git's core.maxTreeDepth."),
    MAX_TREE_ENTRIES("--max-tree-entries", "HEARTH_MAX_TREE_ENTRIES", "100000", "N",
            "Most entries one folder of a pushed tree may have."),
    WEBHOOK_ALLOWED_HOSTS("--webhook-allowed-hosts", "HEARTH_WEBHOOK_ALLOWED_HOSTS", "", "HOSTS",
            "Comma-separated hosts webhooks may reach although they are loopback or private; default none."),
    CORS_ORIGINS("--cors-origins", "HEARTH_CORS_ORIGINS", "", "ORIGINS",
            "Comma-separated origins whose pages may call the API with credentials; default none."),
    RATE_LIMIT("--rate-limit", "HEARTH_RATE_LIMIT", "5000", "N", "API requests per hour for each signed-in user."),
    RATE_LIMIT_ANONYMOUS("--rate-limit-anonymous", "HEARTH_RATE_LIMIT_ANONYMOUS", "600", "N",
            "API requests per hour for each address without credentials."),
    OAUTH_TOKEN_TTL("--oauth-token-ttl", "HEARTH_OAUTH_TOKEN_TTL", "1h", "DURATION",
            "Lifetime of OAuth access tokens from POST /oauth/token (e.g. 15m, 1h, 1d; 1m to 7d)."),
    HTTP_IDLE_TIMEOUT("--http-idle-timeout", "HEARTH_HTTP_IDLE_TIMEOUT", "30s", "DURATION",
            "An HTTP connection waiting on its client this long is closed (5s to 1h)."),
    MIN_REQUEST_RATE("--min-request-rate", "HEARTH_MIN_REQUEST_RATE", "256", "BYTES",
            "Bytes per second a request body must arrive at, on average; slower is cut off with 408."),
    SSH_IDLE_TIMEOUT("--ssh-idle-timeout", "HEARTH_SSH_IDLE_TIMEOUT", "2m", "DURATION",
            "An SSH session waiting on its client this long is closed; Hearth's own work does not count (5s to 1d)."),
    EVENT_SOCKETS_PER_USER("--event-sockets-per-user", "HEARTH_EVENT_SOCKETS_PER_USER", "50", "N",
            "Event stream WebSockets one user may hold open at once."),
    EVENT_SOCKETS_PER_ADDRESS("--event-sockets-per-address", "HEARTH_EVENT_SOCKETS_PER_ADDRESS", "200", "N",
            "Event stream WebSockets one address may hold open at once.");

    private final String flag;
    private final String env;
    private final String defaultValue;
    private final String label;
    private final String help;

    SettingKey(String flag, String env, String defaultValue, String label, String help) {
        this.flag = flag;
        this.env = env;
        this.defaultValue = defaultValue;
        this.label = label;
        this.help = help;
    }

    /** The flag's value name in help, such as {@code PORT}. */
    public String label() { return label; }

    /** One sentence for {@code --help}. */
    public String help() { return help; }

    public String flag() { return flag; }

    public String env() { return env; }

    public String defaultValue() { return defaultValue; }
}
