package dev.hearth.cli;

import dev.hearth.app.AdminTasks;
import dev.hearth.config.SettingKey;
import dev.hearth.config.Settings;
import dev.hearth.config.SettingsException;
import dev.hearth.config.SettingsLoader;
import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth admin}: tasks on this machine's data directory, without the HTTP API. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Administration on the machine that holds Hearth's data (works while the server runs).",
        subcommands = {AdminCommand.ResetPassword.class})
final class AdminCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code hearth admin reset-password LOGIN}: for a forgotten password, the site admin's too. */
    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = {"Set a user's password and sign out their browser sessions.",
                    "Without --password-stdin a password is generated and printed once.",
                    "Their tokens, OAuth clients and SSH keys keep working."},
            footer = {"", "Exit codes: 0 done, 1 no such user or no data, 2 bad input or configuration."})
    static final class ResetPassword implements Callable<Integer> {
        private final Remote remote;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "LOGIN", description = "The user whose password to set.")
        String login;

        @Option(names = "--password-stdin", description = "Read the new password from the first line of standard input.")
        boolean fromStdin;

        @Option(names = "--data", paramLabel = "DIR", description = "The server's data directory: ./data unless HEARTH_DATA says otherwise.")
        String data;

        @Option(names = "--database-url", paramLabel = "URL", description = "The server's database, when not the data directory's SQLite (HEARTH_DATABASE_URL).")
        String databaseUrl;

        ResetPassword(Remote remote) {
            this.remote = remote;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Map<SettingKey, String> flags = new EnumMap<>(SettingKey.class);
            if (data != null) flags.put(SettingKey.DATA, data);
            if (databaseUrl != null) flags.put(SettingKey.DATABASE_URL, databaseUrl);
            Settings settings;
            try {
                settings = new SettingsLoader(flags, remote.env().variables()).load();
            } catch (SettingsException e) {
                err.println("hearth: " + e.getMessage());
                err.flush();
                return 2;
            }
            String given = fromStdin ? remote.env().line() : null;
            try (AdminTasks admin = AdminTasks.open(settings)) {
                String password = given != null ? given : admin.randomPassword();
                admin.resetPassword(login, password);
                out.println("Set the password of '" + login + "' and signed out their browser sessions.");
                if (given == null) out.println("New password: " + password + "\nIt is shown only this once.");
                out.flush();
                return 0;
            } catch (HearthException e) {
                String detail = e.errors().isEmpty() ? e.getMessage()
                        : e.errors().stream().map(f -> f.field() + " " + f.message()).reduce((a, b) -> a + "; " + b).orElse("");
                err.println("hearth: " + detail);
                err.flush();
                return e.category() == ErrorCategory.NOT_FOUND ? 1 : 2;
            }
        }
    }
}
