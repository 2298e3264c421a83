package dev.hearth.config;

/**
 * Every setting Hearth reads, with its flag, its environment variable (also the key in the
 * data directory's {@code hearth.conf}) and its default. {@code hearth serve --help} describes them.
 */
public enum SettingKey {
    HOST("--host", "HEARTH_HOST", "127.0.0.1"),
    PORT("--port", "HEARTH_PORT", "8080"),
    SSH_PORT("--ssh-port", "HEARTH_SSH_PORT", "2222"),
    DATA("--data", "HEARTH_DATA", "./data"),
    DATABASE_URL("--database-url", "HEARTH_DATABASE_URL", ""),
    // No flag: a password on the command line shows in every process listing.
    ADMIN_PASSWORD(null, "HEARTH_ADMIN_PASSWORD", ""),
    PUBLIC_URL("--public-url", "HEARTH_PUBLIC_URL", ""),
    MAX_OBJECT_SIZE("--max-object-size", "HEARTH_MAX_OBJECT_SIZE", "100m"),
    MAX_PACK_SIZE("--max-pack-size", "HEARTH_MAX_PACK_SIZE", "2g"),
    WEBHOOK_ALLOWED_HOSTS("--webhook-allowed-hosts", "HEARTH_WEBHOOK_ALLOWED_HOSTS", ""),
    CORS_ORIGINS("--cors-origins", "HEARTH_CORS_ORIGINS", ""),
    RATE_LIMIT("--rate-limit", "HEARTH_RATE_LIMIT", "5000"),
    RATE_LIMIT_ANONYMOUS("--rate-limit-anonymous", "HEARTH_RATE_LIMIT_ANONYMOUS", "600");

    private final String flag;
    private final String env;
    private final String defaultValue;

    SettingKey(String flag, String env, String defaultValue) {
        this.flag = flag;
        this.env = env;
        this.defaultValue = defaultValue;
    }

    public String flag() { return flag; }

    public String env() { return env; }

    public String defaultValue() { return defaultValue; }
}
