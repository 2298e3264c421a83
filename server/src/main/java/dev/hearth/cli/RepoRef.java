package dev.hearth.cli;

import picocli.CommandLine;

/** {@code owner/name} as typed on the command line. */
record RepoRef(String owner, String name) {
    static RepoRef parse(CommandLine cmd, String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new CommandLine.ParameterException(cmd, "name the repository as OWNER/REPO, not '" + text + "'");
        }
        return new RepoRef(parts[0], parts[1]);
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }
}
