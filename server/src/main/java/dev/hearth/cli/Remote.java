package dev.hearth.cli;

import dev.hearth.client.HearthClient;
import java.util.Optional;

/**
 * Where the remote commands' server and credentials come from: {@code --url}, then
 * {@code HEARTH_URL}, then the stored configuration; {@code HEARTH_TOKEN}, then the stored token.
 */
final class Remote implements AutoCloseable {
    private final CliEnvironment env;
    private final java.util.List<HearthClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

    Remote(CliEnvironment env) {
        this.env = env;
    }

    CliEnvironment env() {
        return env;
    }

    Optional<CliConfig> stored() {
        return CliConfig.load(env.configFile());
    }

    /** The server's URL, or "not logged in". */
    String url(RemoteOptions options) {
        return Optional.ofNullable(options.url).or(() -> env.variable("HEARTH_URL"))
                .or(() -> stored().map(CliConfig::url))
                .orElseThrow(() -> new NotLoggedInException(
                        "not logged in: run 'hearth login --url URL', or set HEARTH_URL and HEARTH_TOKEN"));
    }

    /** A client with the token of {@code HEARTH_TOKEN} or of the last login. */
    HearthClient client(RemoteOptions options) {
        String url = url(options);
        String token = env.variable("HEARTH_TOKEN").or(() -> stored().map(CliConfig::token))
                .orElseThrow(() -> new NotLoggedInException("not logged in to " + url
                        + ": run 'hearth login --url " + url + "', or set HEARTH_TOKEN"));
        return track(builder(url).token(token).build());
    }

    /** A client signing in with a password, as token management needs. */
    HearthClient withPassword(RemoteOptions options, String login) {
        String password = env.variable("HEARTH_PASSWORD").orElseGet(() -> env.secret("Password for " + login + ": "));
        if (password.isEmpty()) throw new NotLoggedInException("no password given for " + login);
        return track(builder(url(options)).basic(login, password).build());
    }

    /** The login of the last {@code hearth login}, or the one given. */
    String login(String given) {
        return Optional.ofNullable(given).or(() -> stored().map(CliConfig::login))
                .orElseThrow(() -> new NotLoggedInException("which user? pass --user LOGIN or run 'hearth login' first"));
    }

    /** Keeps a client to close when the command is done. */
    HearthClient track(HearthClient client) {
        clients.add(client);
        return client;
    }

    /** Closes every client a command made; run after each command. */
    @Override
    public void close() {
        clients.forEach(HearthClient::close);
        clients.clear();
    }

    /** A client builder for {@code url}; a malformed URL is an {@link IllegalArgumentException}, a usage error. */
    static HearthClient.Builder builder(String url) {
        return HearthClient.builder().baseUrl(url);
    }
}
