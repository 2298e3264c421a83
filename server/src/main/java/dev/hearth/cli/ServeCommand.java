package dev.hearth.cli;

import dev.hearth.app.Hearth;
import dev.hearth.config.SettingKey;
import dev.hearth.config.Settings;
import dev.hearth.config.SettingsException;
import dev.hearth.config.SettingsLoader;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth serve}: runs the server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start Hearth. Everything it keeps lives in the data directory.",
        footer = {"",
                "Each flag has an environment variable (HEARTH_HOST, HEARTH_PORT, ...), also",
                "accepted as a KEY=value line in <data>/hearth.conf (all but HEARTH_DATA).",
                "Flags win over the environment, the environment over the file.",
                "HEARTH_ADMIN_PASSWORD sets the password of the site admin 'admin' created on",
                "the first start; without it one is generated and printed once.",
                "",
                "Exit codes: 0 stopped, 1 could not start, 2 bad configuration."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on (HEARTH_HOST; default 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port, 0 for any free one (HEARTH_PORT; default 8080).")
    String port;

    @Option(names = "--ssh-port", paramLabel = "PORT",
            description = "Port for git over SSH on the same host, 0 turns SSH off (HEARTH_SSH_PORT; default 2222).")
    String sshPort;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (HEARTH_DATA; default ./data).")
    String data;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "JDBC URL (HEARTH_DATABASE_URL; default SQLite at <data>/hearth.db), e.g. jdbc:postgresql://127.0.0.1:5432/hearth?user=hearth.")
    String databaseUrl;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "Base URL users reach Hearth at, used in clone_url and html_url (HEARTH_PUBLIC_URL; default: the request's host).")
    String publicUrl;

    @Option(names = "--max-object-size", paramLabel = "SIZE",
            description = "Largest object a push may contain, e.g. 100m (HEARTH_MAX_OBJECT_SIZE; default 100m).")
    String maxObjectSize;

    @Option(names = "--max-pack-size", paramLabel = "SIZE",
            description = "Largest pack one push may send, e.g. 2g (HEARTH_MAX_PACK_SIZE; default 2g).")
    String maxPackSize;

    @Option(names = "--webhook-allowed-hosts", paramLabel = "HOSTS",
            description = "Comma-separated hosts webhooks may reach although they are loopback or private, e.g. 127.0.0.1 (HEARTH_WEBHOOK_ALLOWED_HOSTS; default none).")
    String webhookAllowedHosts;

    @Option(names = "--cors-origins", paramLabel = "ORIGINS",
            description = "Comma-separated origins whose web pages may call the API with credentials, e.g. https://app.example.com (HEARTH_CORS_ORIGINS; default none).")
    String corsOrigins;

    @Option(names = "--rate-limit", paramLabel = "N",
            description = "API requests per hour for each signed-in user (HEARTH_RATE_LIMIT; default 5000, as GitHub).")
    String rateLimit;

    @Option(names = "--rate-limit-anonymous", paramLabel = "N",
            description = "API requests per hour for each address without credentials (HEARTH_RATE_LIMIT_ANONYMOUS; default 600).")
    String rateLimitAnonymous;

    @Override
    public Integer call() throws InterruptedException {
        Map<SettingKey, String> flags = new EnumMap<>(SettingKey.class);
        putIfSet(flags, SettingKey.HOST, host);
        putIfSet(flags, SettingKey.PORT, port);
        putIfSet(flags, SettingKey.SSH_PORT, sshPort);
        putIfSet(flags, SettingKey.DATA, data);
        putIfSet(flags, SettingKey.DATABASE_URL, databaseUrl);
        putIfSet(flags, SettingKey.PUBLIC_URL, publicUrl);
        putIfSet(flags, SettingKey.MAX_OBJECT_SIZE, maxObjectSize);
        putIfSet(flags, SettingKey.MAX_PACK_SIZE, maxPackSize);
        putIfSet(flags, SettingKey.WEBHOOK_ALLOWED_HOSTS, webhookAllowedHosts);
        putIfSet(flags, SettingKey.CORS_ORIGINS, corsOrigins);
        putIfSet(flags, SettingKey.RATE_LIMIT, rateLimit);
        putIfSet(flags, SettingKey.RATE_LIMIT_ANONYMOUS, rateLimitAnonymous);
        Settings settings;
        try {
            settings = new SettingsLoader(flags, System.getenv()).load();
        } catch (SettingsException e) {
            System.err.println("hearth: " + e.getMessage());
            return 2;
        }
        Hearth hearth;
        try {
            hearth = Hearth.start(settings);
        } catch (dev.hearth.error.HearthException e) {
            System.err.println("hearth: HEARTH_ADMIN_PASSWORD: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("hearth: could not start: " + rootMessage(e));
            return 1;
        }
        String url = "http://" + (settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host()) + ":" + hearth.port();
        System.out.println("Hearth is listening on " + url + " (data in " + settings.dataDir() + ")");
        if (hearth.sshPort() > 0) {
            System.out.println("Git over SSH on port " + hearth.sshPort() + ", e.g. git clone ssh://git@"
                    + url.substring("http://".length(), url.lastIndexOf(':')) + ":" + hearth.sshPort() + "/<owner>/<repo>.git");
        }
        hearth.generatedAdminPassword().ifPresent(pw -> System.out.println(
                "Created the site admin 'admin' with password: " + pw + "\n"
                        + "It is shown only this once; set HEARTH_ADMIN_PASSWORD on the first start to choose it."));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hearth.close();
            stopped.countDown();
        }, "hearth-shutdown"));
        stopped.await();
        return 0;
    }

    private static void putIfSet(Map<SettingKey, String> flags, SettingKey key, String value) {
        if (value != null) flags.put(key, value);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !message.toString().contains(t.getMessage())) message.append(": ").append(t.getMessage());
        }
        return message.toString();
    }
}
