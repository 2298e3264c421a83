package dev.hearth.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.client.Delivery;
import dev.hearth.client.FileWrite;
import dev.hearth.client.HearthClient;
import dev.hearth.client.Hook;
import dev.hearth.client.HookUpdate;
import dev.hearth.client.NewHook;
import dev.hearth.client.NewRepo;
import dev.hearth.client.ProblemException;
import dev.hearth.testing.HookReceiver;
import dev.hearth.testing.TestHearth;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Webhooks through the SDK: create, read, change, ping, deliveries, redelivery, delete. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkHooksTest {
    TestHearth server;

    @BeforeAll
    void start() {
        server = TestHearth.sqlite();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Polls until {@code found} answers true, at most 30 seconds: deliveries leave from the outbox. */
    private static <T> T await(Supplier<T> value, java.util.function.Predicate<T> found) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            T v = value.get();
            if (found.test(v)) return v;
            if (System.nanoTime() > deadline) throw new AssertionError("not within 30 s: " + v);
            try {
                Thread.sleep(50); // polling interval of a bounded wait, not a stand-in for synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void hooksAreManagedAndTheirDeliveriesListed() {
        TestHearth.User ann = server.newUser("hooks");
        String owner = ann.login();
        HearthClient client = server.clientWithPassword(ann);
        client.repos().create(NewRepo.named("hooked"));
        try (HookReceiver receiver = new HookReceiver()) {
            Hook hook = client.hooks().create(owner, "hooked", NewHook.to(receiver.url() + "/in", List.of("push")).secret("s3cret"));
            assertThat(hook.active()).isTrue();
            assertThat(hook.events()).containsExactly("push");
            assertThat(hook.config().url()).isEqualTo(receiver.url() + "/in");
            assertThat(hook.config().secret()).isEqualTo("********");
            assertThat(client.hooks().list(owner, "hooked").map(Hook::id)).containsExactly(hook.id());

            Hook changed = client.hooks().update(owner, "hooked", hook.id(), HookUpdate.none().addEvents(List.of("create")));
            assertThat(changed.events()).containsExactlyInAnyOrder("push", "create");
            assertThat(client.hooks().get(owner, "hooked", hook.id()).events()).containsExactlyInAnyOrder("push", "create");

            client.hooks().ping(owner, "hooked", hook.id());
            assertThat(receiver.next().header("X-GitHub-Event")).isEqualTo("ping");
            client.contents().put(owner, "hooked", "a.txt", FileWrite.of("add", "a"));
            List<String> events = List.of(receiver.next().header("X-GitHub-Event"), receiver.next().header("X-GitHub-Event"));
            assertThat(events).containsExactlyInAnyOrder("create", "push");

            List<Delivery> deliveries = await(() -> client.hooks().deliveries(owner, "hooked", hook.id()).toList(),
                    list -> list.size() == 3 && list.stream().allMatch(d -> "OK".equals(d.status())));
            assertThat(deliveries).extracting(Delivery::event).containsExactlyInAnyOrder("ping", "create", "push");
            assertThat(deliveries).allSatisfy(d -> assertThat(d.statusCode()).isEqualTo(200));

            Delivery push = deliveries.stream().filter(d -> d.event().equals("push")).findFirst().orElseThrow();
            client.hooks().redeliver(owner, "hooked", hook.id(), push.id());
            assertThat(receiver.next().header("X-GitHub-Event")).isEqualTo("push");

            client.hooks().delete(owner, "hooked", hook.id());
            try {
                client.hooks().get(owner, "hooked", hook.id());
                throw new AssertionError("the hook is still there");
            } catch (ProblemException e) {
                assertThat(e.status()).isEqualTo(404);
            }
        }
    }

    @Test
    void aTokenWithoutTheHookScopeIsRefused() {
        TestHearth.User ann = server.newUser("noscope");
        server.client(ann).repos().create(NewRepo.named("plain"));
        try {
            server.client(ann).hooks().list(ann.login(), "plain").toList();
            throw new AssertionError("listed hooks without admin:repo_hook");
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.problem().detail()).contains("admin:repo_hook");
        }
    }
}
