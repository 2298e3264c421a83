package dev.hearth.cli;

import picocli.CommandLine.Option;

/** The options every command that talks to a Hearth server has. */
final class RemoteOptions {
    @Option(names = "--url", paramLabel = "URL",
            description = "Hearth's address, e.g. https://git.example.com (default: HEARTH_URL, then the one 'hearth login' stored)")
    String url;

    @Option(names = "--json", description = "Print the API's JSON instead of text, for scripts.")
    boolean json;
}
