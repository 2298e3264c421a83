package dev.hearth.cli;

import dev.hearth.client.HearthClient;
import dev.hearth.client.NewToken;
import dev.hearth.client.Token;
import dev.hearth.client.User;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hearth login}: checks a token (or makes one from a password) and stores it for the other commands. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Sign in to a Hearth server and remember it for the other commands.",
                "The token is read from --token, or else from standard input; with --user, your password",
                "is asked for and a token for this machine is created. Stored in",
                "$XDG_CONFIG_HOME/hearth/config.json (default ~/.config/hearth), readable only by you."})
final class LoginCommand implements Callable<Integer> {
    static final List<String> DEFAULT_SCOPES = List.of("repo", "delete_repo", "admin:repo_hook");

    private final Remote remote;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RemoteOptions options;

    @Option(names = "--token", paramLabel = "TOKEN", description = "A personal access token (else read from standard input).")
    String token;

    @Option(names = "--user", paramLabel = "LOGIN", description = "Sign in with this login and its password; creates a token.")
    String user;

    @Option(names = "--scope", paramLabel = "SCOPE", split = ",",
            description = "Scopes of the token --user creates (default: ${DEFAULT-VALUE}).",
            defaultValue = "repo,delete_repo,admin:repo_hook")
    List<String> scopes;

    LoginCommand(Remote remote) {
        this.remote = remote;
    }

    @Override
    public Integer call() throws Exception {
        String url = options.url != null ? options.url : remote.env().variable("HEARTH_URL")
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "say where: --url URL"));
        if (user != null && token != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --token or --user, not both");
        }
        String secret = token;
        if (user != null) {
            String password = remote.env().secret("Password for " + user + " at " + url + ": ");
            if (password.isEmpty()) throw new NotLoggedInException("no password given");
            HearthClient withPassword = remote.track(Remote.builder(url).basic(user, password).build());
            Token created = withPassword.tokens().create(user, new NewToken("hearth CLI on " + host(), scopes));
            secret = created.token();
        } else if (secret == null) {
            // typed without echo at a terminal, or piped in: echo "$TOKEN" | hearth login --url ...
            secret = remote.env().secret("Token for " + url + ": ");
        }
        if (secret == null || secret.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no token: pass --token, pipe it in, or use --user");
        }
        User me = remote.track(Remote.builder(url).token(secret).build()).users().me();
        new CliConfig(url, me.login(), secret.strip()).save(remote.env().configFile());
        if (options.json) {
            Output.json(spec.commandLine().getOut(), Map.of("url", url, "login", me.login(),
                    "config", remote.env().configFile().toString()));
        } else {
            spec.commandLine().getOut().println("Logged in to " + url + " as " + me.login()
                    + " (saved in " + remote.env().configFile() + ")");
        }
        return 0;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "this machine";
        }
    }
}
