package dev.hearth.events;

import dev.hearth.activity.Activity;
import dev.hearth.activity.Event;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns events into webhook deliveries: the handler of the {@value #CURSOR} {@link DurableConsumer},
 * which writes, in the transaction that moves its cursor, a delivery row for every hook that
 * wants the event, and wakes the sender once that commits. A crash between two batches repeats
 * nothing and loses nothing. Events about a user are private to that user and make no deliveries.
 */
final class WebhookOutbox implements DurableConsumer.Handler {
    static final String CURSOR = "webhooks";

    private final Supplier<String> baseUrl;
    private final JsonMapper json;
    private final Clock clock;
    private final Runnable wakeSender;
    private final HookDao dao = new HookDao();

    WebhookOutbox(Supplier<String> baseUrl, JsonMapper json, Clock clock, Runnable wakeSender) {
        this.baseUrl = baseUrl;
        this.json = json;
        this.clock = clock;
        this.wakeSender = wakeSender;
    }

    @Override
    public void handle(Handle h, List<Event> events) {
        boolean any = false;
        for (Event e : events) {
            if (!(e.activity() instanceof Activity.RepoActivity about)) continue;
            String name = EventPayloads.name(about);
            String payload = null;
            for (Hook hook : dao.hooks(h, about.repo().id(), Integer.MAX_VALUE, 0)) {
                if (!hook.wants(name)) continue;
                if (payload == null) payload = json.writeValueAsString(EventPayloads.payload(e, baseUrl.get()));
                dao.insertDelivery(h, hook.id(), hook.repoId(), UUID.randomUUID().toString(), name,
                        EventPayloads.action(about), payload, false, clock.instant());
                any = true;
            }
        }
        if (any) h.afterCommit(wakeSender::run);
    }
}
