package dev.hearth.cli;

import dev.hearth.client.HearthClient;
import dev.hearth.client.NewRepo;
import dev.hearth.client.Repo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth repo create|list|view|delete}. */
@Command(name = "repo", mixinStandardHelpOptions = true, description = "Create, list, view and delete repositories.",
        subcommands = {RepoCommand.Create.class, RepoCommand.ListRepos.class, RepoCommand.View.class, RepoCommand.Delete.class})
final class RepoCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: create, list, view or delete");
    }

    static void print(PrintWriter out, Repo r) {
        Output.fields(out,
                "name", r.fullName(),
                "visibility", r.visibility(),
                "description", r.description(),
                "default branch", r.defaultBranch(),
                "clone", r.cloneUrl(),
                "ssh", r.sshUrl(),
                "web", r.htmlUrl(),
                "pushed", r.pushedAt() == null ? null : r.pushedAt().toString());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a repository of yours.")
    static final class Create implements Callable<Integer> {
        private final Remote remote;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        RemoteOptions options;
        @Parameters(paramLabel = "NAME", description = "Letters, digits, '.', '_' or '-'.")
        String name;
        @Option(names = "--private", description = "Only you and collaborators may see it.")
        boolean isPrivate;
        @Option(names = "--description", paramLabel = "TEXT")
        String description;
        @Option(names = "--default-branch", paramLabel = "BRANCH")
        String defaultBranch;
        @Option(names = "--auto-init", description = "Start with a first commit.")
        boolean autoInit;

        Create(Remote remote) {
            this.remote = remote;
        }

        @Override
        public Integer call() {
            Repo repo = remote.client(options).repos().create(NewRepo.named(name).privately(isPrivate)
                    .description(description).defaultBranch(defaultBranch).autoInit(autoInit));
            if (options.json) Output.json(spec.commandLine().getOut(), repo);
            else spec.commandLine().getOut().println("Created " + repo.fullName() + " (" + repo.visibility() + "): " + repo.cloneUrl());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the repositories you own or collaborate on, or another user's.")
    static final class ListRepos implements Callable<Integer> {
        private final Remote remote;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        RemoteOptions options;
        @Option(names = "--owner", paramLabel = "LOGIN", description = "Only this user's repositories that you may see.")
        String owner;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most N (default ${DEFAULT-VALUE}).")
        int limit;

        ListRepos(Remote remote) {
            this.remote = remote;
        }

        @Override
        public Integer call() {
            HearthClient client = remote.client(options);
            Stream<Repo> repos = owner == null ? client.repos().list() : client.repos().listFor(owner);
            List<Repo> list = repos.limit(Math.max(0, limit)).toList();
            if (options.json) {
                Output.json(spec.commandLine().getOut(), list);
            } else {
                Output.table(spec.commandLine().getOut(), List.of("NAME", "VISIBILITY", "BRANCH", "DESCRIPTION"),
                        list.stream().map(r -> List.of(r.fullName(), r.visibility(), r.defaultBranch(),
                                r.description() == null ? "" : r.description())).toList());
            }
            return 0;
        }
    }

    @Command(name = "view", mixinStandardHelpOptions = true, description = "Show a repository.")
    static final class View implements Callable<Integer> {
        private final Remote remote;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        RemoteOptions options;
        @Parameters(paramLabel = "OWNER/REPO")
        String repo;

        View(Remote remote) {
            this.remote = remote;
        }

        @Override
        public Integer call() {
            RepoRef ref = RepoRef.parse(spec.commandLine(), repo);
            Repo r = remote.client(options).repos().get(ref.owner(), ref.name());
            if (options.json) Output.json(spec.commandLine().getOut(), r);
            else print(spec.commandLine().getOut(), r);
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a repository for good. Asks you to type its name, unless --yes.")
    static final class Delete implements Callable<Integer> {
        private final Remote remote;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        RemoteOptions options;
        @Parameters(paramLabel = "OWNER/REPO")
        String repo;
        @Option(names = "--yes", description = "Do not ask.")
        boolean yes;

        Delete(Remote remote) {
            this.remote = remote;
        }

        @Override
        public Integer call() {
            RepoRef ref = RepoRef.parse(spec.commandLine(), repo);
            if (!yes) {
                if (remote.env().console() == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "not a terminal: confirm with --yes");
                }
                String typed = remote.env().console().readLine("Type %s to delete it for good: ", ref.toString());
                if (!ref.toString().equals(typed == null ? "" : typed.strip())) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "not confirmed; nothing deleted");
                }
            }
            remote.client(options).repos().delete(ref.owner(), ref.name());
            if (!options.json) spec.commandLine().getOut().println("Deleted " + ref);
            return 0;
        }
    }
}
