package dev.hearth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hearth}: the command line. Subcommands do the work; alone it prints help. */
@Command(name = "hearth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Hearth: a self-hosted Git forge (smart HTTP, REST API shaped like GitHub's).",
        subcommands = {ServeCommand.class, AdminCommand.class, LoginCommand.class, RepoCommand.class, TokenCommand.class,
                HookCommand.class, EventsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'hearth serve --help' for the server's settings: flags, HEARTH_*",
                "environment variables, or KEY=value lines in <data>/hearth.conf.",
                "",
                "'hearth admin' works on this machine's data directory: 'hearth admin reset-password",
                "LOGIN' for a forgotten password.",
                "",
                "The other commands talk to a server: run 'hearth login --url URL' first, or set",
                "HEARTH_URL and HEARTH_TOKEN, which override what login stored (--url overrides",
                "HEARTH_URL). Add --json for the API's JSON.",
                "",
                "Exit codes of those commands:",
                "  0 done",
                "  1 the server refused (4xx/5xx); the reason is one line on stderr",
                "  2 usage error",
                "  3 not logged in or bad credentials",
                "  4 the server could not be reached"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with every subcommand and option; what {@code main} runs and tests inspect. */
    static CommandLine commandLine() {
        return commandLine(CliEnvironment.system());
    }

    /** The command line over a given environment, standard input and terminal (tests give their own). */
    static CommandLine commandLine(CliEnvironment env) {
        Remote remote = new Remote(env);
        CommandLine cli = new CommandLine(new Main(), new CommandFactory(remote));
        ServeCommand.addSettingOptions(cli.getSubcommands().get("serve").getCommandSpec());
        cli.setExecutionExceptionHandler(new CliErrors());
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        cli.setExecutionStrategy(parsed -> {
            try {
                return runLast.execute(parsed);
            } finally {
                remote.close();
            }
        });
        return cli;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0 || args.length == 0 || !args[0].equals("serve")) System.exit(code);
    }
}
