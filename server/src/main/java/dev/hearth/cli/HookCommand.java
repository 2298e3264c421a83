package dev.hearth.cli;

import dev.hearth.client.Delivery;
import dev.hearth.client.Hook;
import dev.hearth.client.NewHook;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth hook create|list|deliveries}: a repository's webhooks (your token needs admin:repo_hook). */
@Command(name = "hook", mixinStandardHelpOptions = true,
        description = "Create and list a repository's webhooks, and see their deliveries.",
        subcommands = {HookCommand.Create.class, HookCommand.ListHooks.class, HookCommand.Deliveries.class})
final class HookCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: create, list or deliveries");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Send a repository's events to a URL.")
    static final class Create implements Callable<Integer> {
        private final Remote remote;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        RemoteOptions options;
        @Parameters(index = "0", paramLabel = "OWNER/REPO")
        String repo;
        @Parameters(index = "1", paramLabel = "PAYLOAD_URL", description = "Where the payloads are POSTed.")
        String payloadUrl;
        @Option(names = "--event", paramLabel = "EVENT", split = ",", defaultValue = "push",
                description = "push, create, delete, repository, member or * (default ${DEFAULT-VALUE}).")
        List<String> events;
        @Option(names = "--secret", paramLabel = "SECRET", description = "Signs each payload (X-Hub-Signature-256).")
        String secret;
        @Option(names = "--content-type", paramLabel = "TYPE", defaultValue = "json", description = "json or form.")
        String contentType;

        Create(Remote remote) {
            this.remote = remote;
        }

        @Override
        public Integer call() {
            RepoRef ref = RepoRef.parse(spec.commandLine(), repo);
            Hook hook = remote.client(options).hooks().create(ref.owner(), ref.name(),
                    NewHook.to(payloadUrl, events).contentType(contentType).secret(secret));
            if (options.json) Output.json(spec.commandLine().getOut(), hook);
            else spec.commandLine().getOut().println("Created hook " + hook.id() + " on " + ref + " for "
                    + String.join(",", hook.events()) + " -> " + hook.config().url());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a repository's webhooks.")
    static final class ListHooks implements Callable<Integer> {
        private final Remote remote;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        RemoteOptions options;
        @Parameters(paramLabel = "OWNER/REPO")
        String repo;

        ListHooks(Remote remote) {
            this.remote = remote;
        }

        @Override
        public Integer call() {
            RepoRef ref = RepoRef.parse(spec.commandLine(), repo);
            List<Hook> hooks = remote.client(options).hooks().list(ref.owner(), ref.name()).toList();
            if (options.json) {
                Output.json(spec.commandLine().getOut(), hooks);
            } else {
                Output.table(spec.commandLine().getOut(), List.of("ID", "ACTIVE", "EVENTS", "URL"),
                        hooks.stream().map(h -> List.of(Long.toString(h.id()), h.active() ? "yes" : "no",
                                String.join(",", h.events()), h.config().url())).toList());
            }
            return 0;
        }
    }

    @Command(name = "deliveries", mixinStandardHelpOptions = true, description = "List a webhook's deliveries.")
    static final class Deliveries implements Callable<Integer> {
        private final Remote remote;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        RemoteOptions options;
        @Parameters(index = "0", paramLabel = "OWNER/REPO")
        String repo;
        @Parameters(index = "1", paramLabel = "HOOK_ID")
        long hookId;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N (default ${DEFAULT-VALUE}).")
        int limit;

        Deliveries(Remote remote) {
            this.remote = remote;
        }

        @Override
        public Integer call() {
            RepoRef ref = RepoRef.parse(spec.commandLine(), repo);
            List<Delivery> deliveries = remote.client(options).hooks().deliveries(ref.owner(), ref.name(), hookId)
                    .limit(Math.max(0, limit)).toList();
            if (options.json) {
                Output.json(spec.commandLine().getOut(), deliveries);
            } else {
                Output.table(spec.commandLine().getOut(), List.of("ID", "EVENT", "STATUS", "CODE", "ATTEMPTS", "DELIVERED"),
                        deliveries.stream().map(d -> List.of(Long.toString(d.id()),
                                d.event() + (d.action() == null ? "" : "." + d.action()), d.status(),
                                d.statusCode() == null ? "-" : d.statusCode().toString(), Integer.toString(d.attempts()),
                                d.deliveredAt() == null ? "-" : d.deliveredAt().toString())).toList());
            }
            return 0;
        }
    }
}
