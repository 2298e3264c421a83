package dev.hearth.cli;

import dev.hearth.client.EventListener;
import dev.hearth.client.HearthClientException;
import dev.hearth.client.HearthEvent;
import dev.hearth.client.Subscription;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code hearth events watch owner/repo}: the live event stream, one line per event. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Follow a repository's events live.",
        subcommands = EventsCommand.Watch.class)
final class EventsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: watch");
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Print a repository's events as they happen, until Ctrl-C (or --limit).",
                    "A dropped connection is re-established and resumed: no event is missed or repeated.",
                    "With --json, one JSON object per line."})
    static final class Watch implements Callable<Integer> {
        private final Remote remote;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        RemoteOptions options;
        @Parameters(paramLabel = "OWNER/REPO")
        String repo;
        @Option(names = "--limit", paramLabel = "N", description = "Stop after N events.")
        int limit;
        @Option(names = "--after", paramLabel = "ID", defaultValue = "-1",
                description = "Replay the events after this id first (those the server still has).")
        long after;

        Watch(Remote remote) {
            this.remote = remote;
        }

        @Override
        public Integer call() throws Exception {
            RepoRef ref = RepoRef.parse(spec.commandLine(), repo);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            CompletableFuture<Void> finished = new CompletableFuture<>();
            AtomicInteger seen = new AtomicInteger();
            EventListener listener = new EventListener() {
                @Override
                public void onEvent(HearthEvent event) {
                    if (finished.isDone()) return;
                    if (options.json) Output.jsonLine(out, json(event));
                    else {
                        out.println(line(event));
                        out.flush();
                    }
                    if (limit > 0 && seen.incrementAndGet() >= limit) finished.complete(null);
                }

                @Override
                public void onReconnecting(String reason) {
                    err.println("hearth: connection lost (" + reason + "); reconnecting");
                    err.flush();
                }
            };
            try (Subscription subscription = remote.client(options).events().subscribe(ref.toString(), after, listener)) {
                subscription.done().whenComplete((x, e) -> {
                    if (e != null) finished.completeExceptionally(e);
                    else finished.complete(null);
                });
                if (!options.json) {
                    err.println("Watching " + ref + " (Ctrl-C to stop)");
                    err.flush();
                }
                finished.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof HearthClientException h) throw h;
                throw e;
            }
            return 0;
        }

        private static Map<String, Object> json(HearthEvent e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("event", e.event());
            m.put("created_at", e.createdAt().toString());
            m.put("repository", e.repository());
            m.put("payload", e.payload());
            return m;
        }

        /** {@code #12 2026-12-01T08:00:00Z push alice/hello refs/heads/main 1a2b3c4 (2 commits) by alice}. */
        static String line(HearthEvent e) {
            JsonNode p = e.payload();
            String sender = p == null ? "" : p.path("sender").path("login").asString("");
            String what = switch (e.event()) {
                case "push" -> p.path("ref").asString("") + " " + shortSha(p.path("after").asString(""))
                        + " (" + p.path("commits").size() + (p.path("commits").size() == 1 ? " commit)" : " commits)");
                case "create", "delete" -> p.path("ref_type").asString("") + " " + p.path("ref").asString("");
                case "member" -> p.path("member").path("login").asString("");
                default -> "";
            };
            String name = e.event() + (e.action() == null ? "" : "." + e.action());
            return ("#" + e.id() + " " + e.createdAt() + " " + name + " " + e.repository() + " " + what).strip()
                    + (sender.isEmpty() ? "" : " by " + sender);
        }

        private static String shortSha(String sha) {
            return sha.length() > 7 ? sha.substring(0, 7) : sha;
        }
    }
}
