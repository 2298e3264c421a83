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
import picocli.CommandLine;

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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Adds one option per setting that has a flag, described from {@link SettingKey}. */
    static void addSettingOptions(CommandLine.Model.CommandSpec serve) {
        for (SettingKey key : SettingKey.values()) {
            if (key.flag() == null) continue;
            String dflt = key.defaultValue().isEmpty() ? "" : "; default " + key.defaultValue();
            serve.addOption(CommandLine.Model.OptionSpec.builder(key.flag())
                    .paramLabel(key.label())
                    .type(String.class)
                    .description(key.help() + " (" + key.env() + dflt + ")")
                    .build());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<SettingKey, String> flags = new EnumMap<>(SettingKey.class);
        for (SettingKey key : SettingKey.values()) {
            if (key.flag() == null) continue;
            String value = spec.findOption(key.flag()).getValue();
            if (value != null) flags.put(key, value);
        }
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
