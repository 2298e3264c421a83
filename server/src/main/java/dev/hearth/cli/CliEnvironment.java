package dev.hearth.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the remote commands take from the process around them: environment variables, standard
 * input and the terminal (absent when piped). Tests give their own, so nothing reads the real ones.
 */
record CliEnvironment(Map<String, String> variables, InputStream stdin, Console console) {

    static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), System.in, System.console());
    }

    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    /** {@code $XDG_CONFIG_HOME/hearth/config.json}, by default under {@code ~/.config}. */
    Path configFile() {
        Path base = variable("XDG_CONFIG_HOME").map(Path::of)
                .orElseGet(() -> Path.of(variable("HOME").orElse(System.getProperty("user.home")), ".config"));
        return base.resolve("hearth").resolve("config.json");
    }

    /** A secret typed at the terminal without echo, or else the next line of standard input. */
    String secret(String prompt) {
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            return typed == null ? "" : new String(typed);
        }
        return line();
    }

    /** The next line of standard input, "" at its end. */
    String line() {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            String line = reader.readLine();
            return line == null ? "" : line.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
