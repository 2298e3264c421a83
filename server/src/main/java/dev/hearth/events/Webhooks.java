package dev.hearth.events;

import dev.hearth.activity.ActivityLog;
import dev.hearth.repos.RepoService;
import dev.hearth.storage.Database;
import dev.hearth.storage.SecretBox;
import java.time.Clock;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook machinery, started and stopped together: the sender, and the durable consumer of
 * the events log ({@value WebhookOutbox#CURSOR}) whose handler writes deliveries.
 */
public final class Webhooks implements AutoCloseable {
    private final Database database;
    private final SecretBox secrets;
    private final SsrfGuard guard;
    private final JsonMapper json;
    private final Clock clock;
    private final WebhookSender sender;
    private final DurableConsumer outbox;

    public Webhooks(Database database, ActivityLog log, SecretBox secrets, SsrfGuard guard, JsonMapper json, Clock clock,
                    Supplier<String> baseUrl) {
        this.database = database;
        this.secrets = secrets;
        this.guard = guard;
        this.json = json;
        this.clock = clock;
        this.sender = new WebhookSender(database.jdbi(), secrets, guard, clock);
        this.outbox = new DurableConsumer(WebhookOutbox.CURSOR, database, log, DurableConsumer.From.NOW,
                DurableConsumer.Options.DEFAULT, new WebhookOutbox(baseUrl, json, clock, sender::wake));
    }

    /** Starts the sender, then the outbox; if the outbox cannot start, the sender stops again. */
    public void start() {
        sender.start();
        try {
            outbox.start();
        } catch (RuntimeException e) {
            sender.close();
            throw e;
        }
    }

    public HookService service(RepoService repos) {
        return new HookService(database.jdbi(), repos, secrets, guard, json, clock, sender::wake);
    }

    @Override
    public void close() {
        outbox.close();
        sender.close();
    }
}
