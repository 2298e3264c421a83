package dev.hearth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hearth}: the command line. Subcommands do the work; alone it prints help. */
@Command(name = "hearth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Hearth: a self-hosted Git forge (smart HTTP, REST API shaped like GitHub's).",
        subcommands = {ServeCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'hearth serve --help' for the server's settings: flags, HEARTH_*",
                "environment variables, or KEY=value lines in <data>/hearth.conf."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with every subcommand and option; what {@code main} runs and tests inspect. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        ServeCommand.addSettingOptions(cli.getSubcommands().get("serve").getCommandSpec());
        return cli;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0 || args.length == 0 || !args[0].equals("serve")) System.exit(code);
    }
}
