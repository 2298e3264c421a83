package dev.hearth.cli;

import dev.hearth.client.NewToken;
import dev.hearth.client.Token;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth token create|list|revoke}. A token cannot mint tokens, so these sign in with the
 * password: {@code HEARTH_PASSWORD}, or else asked for (read from standard input when piped).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Create, list and revoke personal access tokens.",
                "Needs your password: HEARTH_PASSWORD, or else it is asked for."},
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: create, list or revoke");
    }

    /** The options of every token command. */
    static final class Who {
        @Mixin
        RemoteOptions options;
        @Option(names = "--user", paramLabel = "LOGIN", description = "Whose tokens (default: the login you signed in with).")
        String user;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token; its secret is printed once, never again.")
    static final class Create implements Callable<Integer> {
        private final Remote remote;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        Who who;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--scope", paramLabel = "SCOPE", split = ",", defaultValue = "repo",
                description = "repo, read:repo, delete_repo, admin:repo_hook, admin:public_key, site_admin (default ${DEFAULT-VALUE}).")
        List<String> scopes;
        @Option(names = "--expires-at", paramLabel = "TIME", description = "An ISO 8601 instant, e.g. 2027-01-31T00:00:00Z.")
        String expiresAt;

        Create(Remote remote) {
            this.remote = remote;
        }

        @Override
        public Integer call() {
            Instant expires = null;
            if (expiresAt != null) {
                try {
                    expires = Instant.parse(expiresAt);
                } catch (DateTimeParseException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--expires-at: not an ISO 8601 instant: " + expiresAt);
                }
            }
            String login = remote.login(who.user);
            Token token = remote.withPassword(who.options, login).tokens().create(login, new NewToken(name, scopes, expires));
            if (who.options.json) Output.json(spec.commandLine().getOut(), token);
            else spec.commandLine().getOut().println(token.token());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List your tokens (without their secrets).")
    static final class ListTokens implements Callable<Integer> {
        private final Remote remote;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        Who who;

        ListTokens(Remote remote) {
            this.remote = remote;
        }

        @Override
        public Integer call() {
            String login = remote.login(who.user);
            List<Token> tokens = remote.withPassword(who.options, login).tokens().list(login);
            if (who.options.json) {
                Output.json(spec.commandLine().getOut(), tokens);
            } else {
                Output.table(spec.commandLine().getOut(), List.of("ID", "NAME", "SCOPES", "ENDS IN", "EXPIRES", "LAST USED"),
                        tokens.stream().map(t -> List.of(Long.toString(t.id()), t.name(), String.join(",", t.scopes()),
                                "…" + t.tokenLastEight(), String.valueOf(t.expiresAt() == null ? "never" : t.expiresAt()),
                                String.valueOf(t.lastUsedAt() == null ? "never" : t.lastUsedAt()))).toList());
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id.")
    static final class Revoke implements Callable<Integer> {
        private final Remote remote;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        Who who;
        @Parameters(paramLabel = "ID")
        long id;

        Revoke(Remote remote) {
            this.remote = remote;
        }

        @Override
        public Integer call() {
            String login = remote.login(who.user);
            remote.withPassword(who.options, login).tokens().revoke(login, id);
            if (!who.options.json) spec.commandLine().getOut().println("Revoked token " + id);
            return 0;
        }
    }
}
