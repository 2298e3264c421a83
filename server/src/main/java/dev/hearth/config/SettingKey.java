package dev.hearth.config;

/**
 * Every setting Hearth reads, with its flag, its environment variable (also the key in the
 * data directory's {@code hearth.conf}), its default and a line of help.
 */
public enum SettingKey {
    HOST("--host", "HEARTH_HOST", "127.0.0.1", "address to listen on"),
    PORT("--port", "HEARTH_PORT", "8080", "HTTP port (0 picks a free one)"),
    DATA("--data", "HEARTH_DATA", "./data", "data directory: database, repositories, secrets"),
    DATABASE_URL("--database-url", "HEARTH_DATABASE_URL", "", "JDBC URL; default SQLite in the data directory, or jdbc:postgresql://host:port/db?user=..."),
    ADMIN_PASSWORD("--admin-password", "HEARTH_ADMIN_PASSWORD", "", "password of the site admin 'admin' created on the first start (default: generated and printed once)"),
    PUBLIC_URL("--public-url", "HEARTH_PUBLIC_URL", "", "base URL users reach Hearth at, for clone_url and html_url (default http://host:port)"),
    MAX_OBJECT_SIZE("--max-object-size", "HEARTH_MAX_OBJECT_SIZE", "100m", "largest single object a push may contain (bytes, or with k, m, g)"),
    MAX_PACK_SIZE("--max-pack-size", "HEARTH_MAX_PACK_SIZE", "2g", "largest pack one push may send (bytes, or with k, m, g)");

    private final String flag;
    private final String env;
    private final String defaultValue;
    private final String help;

    SettingKey(String flag, String env, String defaultValue, String help) {
        this.flag = flag;
        this.env = env;
        this.defaultValue = defaultValue;
        this.help = help;
    }

    public String flag() { return flag; }

    public String env() { return env; }

    public String defaultValue() { return defaultValue; }

    public String help() { return help; }
}
