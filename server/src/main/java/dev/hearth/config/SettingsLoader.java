package dev.hearth.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@link Settings} from flags, then {@code HEARTH_*} environment variables, then
 * {@code hearth.conf} in the data directory (Java properties keyed by the variable names),
 * then defaults. The first bad value stops loading with a message naming its key and source.
 */
public final class SettingsLoader {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");
    public static final String CONFIG_FILE = "hearth.conf";

    private final Map<SettingKey, String> flags;
    private final Map<String, String> env;

    public SettingsLoader(Map<SettingKey, String> flags, Map<String, String> env) {
        this.flags = new EnumMap<>(SettingKey.class);
        this.flags.putAll(flags);
        this.env = Map.copyOf(env);
    }

    public Settings load() {
        Source dataSource = lookup(SettingKey.DATA, new Properties());
        Path dataDir = Path.of(dataSource.value()).toAbsolutePath().normalize();
        Properties file = readConfigFile(dataDir);

        String host = nonEmpty(lookup(SettingKey.HOST, file));
        int port = port(lookup(SettingKey.PORT, file));
        OptionalInt sshPort = sshPort(lookup(SettingKey.SSH_PORT, file), port);
        Source dbSource = lookup(SettingKey.DATABASE_URL, file);
        String databaseUrl = dbSource.value().isBlank()
                ? "jdbc:sqlite:" + dataDir.resolve("hearth.db")
                : databaseUrl(dbSource);
        String adminPassword = lookup(SettingKey.ADMIN_PASSWORD, file).value();
        String publicUrl = publicUrl(lookup(SettingKey.PUBLIC_URL, file));
        long maxObject = size(lookup(SettingKey.MAX_OBJECT_SIZE, file));
        long maxPack = size(lookup(SettingKey.MAX_PACK_SIZE, file));
        List<String> allowed = hostList(lookup(SettingKey.WEBHOOK_ALLOWED_HOSTS, file));
        List<String> origins = origins(lookup(SettingKey.CORS_ORIGINS, file));
        long rateLimit = positive(lookup(SettingKey.RATE_LIMIT, file));
        long rateLimitAnonymous = positive(lookup(SettingKey.RATE_LIMIT_ANONYMOUS, file));
        Duration oauthTokenTtl = duration(lookup(SettingKey.OAUTH_TOKEN_TTL, file), Duration.ofMinutes(1), Duration.ofDays(7));
        TransportLimits transport = new TransportLimits(
                duration(lookup(SettingKey.HTTP_IDLE_TIMEOUT, file), Duration.ofSeconds(5), Duration.ofHours(1)),
                positive(lookup(SettingKey.MIN_REQUEST_RATE, file), "bytes per second"),
                duration(lookup(SettingKey.SSH_IDLE_TIMEOUT, file), Duration.ofSeconds(5), Duration.ofDays(1)),
                TransportLimits.DEFAULTS.eventPing(),
                Math.toIntExact(Math.min(Integer.MAX_VALUE, positive(lookup(SettingKey.EVENT_SOCKETS_PER_USER, file), "sockets"))),
                Math.toIntExact(Math.min(Integer.MAX_VALUE, positive(lookup(SettingKey.EVENT_SOCKETS_PER_ADDRESS, file), "sockets"))));
        int maxTreeDepth = count(lookup(SettingKey.MAX_TREE_DEPTH, file), 1_000_000);
        int maxTreeEntries = count(lookup(SettingKey.MAX_TREE_ENTRIES, file), 100_000_000);
        return new Settings(host, port, sshPort, dataDir, databaseUrl,
                adminPassword.isEmpty() ? Optional.empty() : Optional.of(adminPassword),
                publicUrl, maxObject, maxPack, allowed, origins, rateLimit, rateLimitAnonymous, oauthTokenTtl, transport,
                maxTreeDepth, maxTreeEntries);
    }

    /** A raw value and where it came from, so errors can point at the right place. */
    private record Source(SettingKey key, String value, String origin) {
        SettingsException bad(String why) {
            return new SettingsException(origin + ": " + why);
        }
    }

    private Source lookup(SettingKey key, Properties file) {
        if (flags.get(key) != null) return new Source(key, flags.get(key), key.flag());
        if (env.get(key.env()) != null) return new Source(key, env.get(key.env()), key.env());
        if (file.getProperty(key.env()) != null) {
            return new Source(key, file.getProperty(key.env()).strip(), key.env() + " in " + CONFIG_FILE);
        }
        return new Source(key, key.defaultValue(), key.env() + " (default)");
    }

    private static Properties readConfigFile(Path dataDir) {
        Properties props = new Properties();
        Path path = dataDir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(path)) return props;
        try (Reader reader = Files.newBufferedReader(path)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException(path + ": cannot be read (" + e.getMessage() + ")");
        }
        for (String name : props.stringPropertyNames()) {
            boolean known = false;
            for (SettingKey key : SettingKey.values()) known |= key.env().equals(name);
            if (!known || name.equals(SettingKey.DATA.env())) {
                throw new SettingsException(path + ": unknown key " + name);
            }
        }
        return props;
    }

    private static String nonEmpty(Source s) {
        if (s.value().isBlank()) throw s.bad("must not be empty");
        return s.value().strip();
    }

    private static int port(Source s) {
        try {
            int port = Integer.parseInt(s.value().strip());
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw s.bad("'" + s.value() + "' is not a port number (0-65535)");
    }

    /** {@code 0} turns SSH off here; {@link Settings#sshPort()} keeps 0 for "any free port". */
    private static OptionalInt sshPort(Source s, int httpPort) {
        int port;
        try {
            port = Integer.parseInt(s.value().strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) throw s.bad("'" + s.value() + "' is not a port number (0-65535, 0 turns SSH off)");
        if (port == 0) return OptionalInt.empty();
        if (port == httpPort) throw s.bad("'" + s.value() + "' is also the HTTP port; SSH needs a port of its own");
        return OptionalInt.of(port);
    }

    private static String databaseUrl(Source s) {
        String url = s.value().strip();
        if (url.startsWith("jdbc:sqlite:") || url.startsWith("jdbc:postgresql:")) return url;
        throw s.bad("must start with jdbc:sqlite: or jdbc:postgresql:");
    }

    private static String publicUrl(Source s) {
        String url = s.value().strip();
        if (url.isEmpty()) return "";
        try {
            URI uri = URI.create(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw s.bad("'" + url + "' is not an http(s) URL");
    }

    private static List<String> hostList(Source s) {
        List<String> hosts = Arrays.stream(s.value().split(",")).map(String::strip).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).toList();
        for (String h : hosts) {
            if (!h.matches("[a-z0-9.:\\-\\[\\]]+")) throw s.bad("'" + h + "' is not a host name or address");
        }
        return hosts;
    }

    private static List<String> origins(Source s) {
        List<String> origins = Arrays.stream(s.value().split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList();
        for (String o : origins) {
            if (!o.matches("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?")) {
                throw s.bad("'" + o + "' is not an origin like https://app.example.com (scheme, host, optional port)");
            }
        }
        return origins;
    }

    /** A whole number from 1 to {@code max}. */
    private static int count(Source s, int max) {
        try {
            long n = Long.parseLong(s.value().strip());
            if (n >= 1 && n <= max) return (int) n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw s.bad("'" + s.value() + "' is not a whole number from 1 to " + max);
    }

    private static long positive(Source s) {
        return positive(s, "requests per hour");
    }

    private static long positive(Source s, String unit) {
        try {
            long n = Long.parseLong(s.value().strip());
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw s.bad("'" + s.value() + "' is not a positive whole number (" + unit + ")");
    }

    /** A duration such as {@code 90s}, {@code 15m}, {@code 1h} or {@code 1d}, between {@code min} and {@code max}. */
    private static Duration duration(Source s, Duration min, Duration max) {
        Matcher m = DURATION.matcher(s.value().strip().toLowerCase(Locale.ROOT));
        Duration d = null;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw s.bad("'" + s.value() + "' is not a duration between " + shown(min) + " and " + shown(max)
                    + " (a number with s, m, h or d, e.g. 1h)");
        }
        return d;
    }

    /** A bound as the duration syntax writes it: 5s, 1m, 7d. */
    private static String shown(Duration d) {
        if (d.toDaysPart() > 0 && d.equals(Duration.ofDays(d.toDays()))) return d.toDays() + "d";
        if (d.equals(Duration.ofHours(d.toHours()))) return d.toHours() + "h";
        if (d.equals(Duration.ofMinutes(d.toMinutes()))) return d.toMinutes() + "m";
        return d.toSeconds() + "s";
    }

    static long parseSize(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k")) unit = 1L << 10;
        else if (t.endsWith("m")) unit = 1L << 20;
        else if (t.endsWith("g")) unit = 1L << 30;
        if (unit != 1) t = t.substring(0, t.length() - 1);
        long n = Long.parseLong(t);
        if (n <= 0) throw new NumberFormatException("not positive");
        return Math.multiplyExact(n, unit);
    }

    private static long size(Source s) {
        try {
            return parseSize(s.value());
        } catch (NumberFormatException | ArithmeticException e) {
            throw s.bad("'" + s.value() + "' is not a size (a positive number of bytes, or with k, m or g)");
        }
    }
}
