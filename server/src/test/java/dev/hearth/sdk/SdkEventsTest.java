package dev.hearth.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.client.EventListener;
import dev.hearth.client.FileWrite;
import dev.hearth.client.HearthClient;
import dev.hearth.client.HearthEvent;
import dev.hearth.client.NewRepo;
import dev.hearth.client.ProblemException;
import dev.hearth.client.Sleeper;
import dev.hearth.client.Subscription;
import dev.hearth.testing.TestHearth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Event subscriptions through the SDK: live events, and a subscription that survives a server
 * restart, resuming after its last event so that what happened while it was away arrives
 * exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkEventsTest {
    TestHearth server;

    @BeforeAll
    void start() {
        server = TestHearth.sqlite();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Collects events; waits for them with a bound. */
    static final class Collector implements EventListener {
        final BlockingQueue<HearthEvent> events = new LinkedBlockingQueue<>();
        final CountDownLatch reconnecting = new CountDownLatch(1);

        @Override
        public void onEvent(HearthEvent event) {
            events.add(event);
        }

        @Override
        public void onReconnecting(String reason) {
            reconnecting.countDown();
        }

        HearthEvent next() throws InterruptedException {
            HearthEvent e = events.poll(20, TimeUnit.SECONDS);
            if (e == null) throw new AssertionError("no event within 20 s");
            return e;
        }
    }

    private static String commit(HearthClient client, String owner, String repo, String file) {
        return client.contents().put(owner, repo, file, FileWrite.of("add " + file, file)).commit().sha();
    }

    @Test
    void eventsArriveLiveWithTheirPayloads() throws Exception {
        TestHearth.User ann = server.newUser("live");
        HearthClient client = server.client(ann);
        client.repos().create(NewRepo.named("live"));
        Collector collector = new Collector();
        try (Subscription sub = client.events().subscribe(ann.login() + "/live", collector)) {
            String sha = commit(client, ann.login(), "live", "a.txt");
            HearthEvent create = collector.next();
            HearthEvent push = collector.next();
            assertThat(create.event()).isEqualTo("create");
            assertThat(create.repository()).isEqualTo(ann.login() + "/live");
            assertThat(push.event()).isEqualTo("push");
            assertThat(push.id()).isGreaterThan(create.id());
            assertThat(push.payload().get("after").asString()).isEqualTo(sha);
            assertThat(push.createdAt()).isNotNull();
            assertThat(sub.lastEventId()).isEqualTo(push.id());
        }
    }

    @Test
    void aRepositoryTheCallerCannotReadIsA404() {
        TestHearth.User ann = server.newUser("hidden");
        HearthClient owner = server.client(ann);
        owner.repos().create(NewRepo.named("secret").privately(true));
        HearthClient stranger = server.client(server.newUser("stranger"));
        try {
            stranger.events().subscribe(ann.login() + "/secret", e -> { });
            throw new AssertionError("subscribed to a private repository");
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(404);
        }
    }

    @Test
    void aSubscriptionReconnectsAfterARestartAndResumesWithoutGapsOrDuplicates() throws Exception {
        TestHearth.User ann = server.newUser("resume");
        String owner = ann.login();
        Semaphore reconnectAllowed = new Semaphore(0);
        Sleeper gated = d -> reconnectAllowed.acquire(); // the test decides when the client may come back
        HearthClient client = HearthClient.builder().baseUrl(server.baseUrl()).token(ann.token()).sleeper(gated)
                .maxReconnectBackoff(Duration.ofMillis(100)).build();
        client.repos().create(NewRepo.named("steady"));
        Collector collector = new Collector();
        List<String> shas = new ArrayList<>();
        try (Subscription sub = client.events().subscribe(owner + "/steady", collector)) {
            shas.add(commit(client, owner, "steady", "1.txt"));
            List<HearthEvent> seen = new ArrayList<>(List.of(collector.next(), collector.next()));

            server.restart();
            assertThat(collector.reconnecting.await(20, TimeUnit.SECONDS)).as("the client noticed the drop").isTrue();
            // recorded while the subscription is disconnected: must come with the resume
            shas.add(commit(client, owner, "steady", "2.txt"));
            shas.add(commit(client, owner, "steady", "3.txt"));
            reconnectAllowed.release(1000);
            seen.add(collector.next());
            seen.add(collector.next());
            // and live again afterwards
            shas.add(commit(client, owner, "steady", "4.txt"));
            seen.add(collector.next());

            assertThat(seen).extracting(HearthEvent::event).containsExactly("create", "push", "push", "push", "push");
            assertThat(seen.subList(1, 5)).extracting(e -> e.payload().get("after").asString()).containsExactlyElementsOf(shas);
            assertThat(seen).extracting(HearthEvent::id).doesNotHaveDuplicates().isSorted();
            assertThat(sub.lastEventId()).isEqualTo(seen.getLast().id());
        }
    }

    @Test
    void credentialsRefusedOnReconnectEndTheSubscriptionForGood() throws Exception {
        TestHearth.User ann = server.newUser("revoked");
        HearthClient client = HearthClient.builder().baseUrl(server.baseUrl()).token(ann.token())
                .maxReconnectBackoff(Duration.ofMillis(200)).build();
        client.repos().create(NewRepo.named("watched"));
        java.util.concurrent.CompletableFuture<dev.hearth.client.HearthClientException> error = new java.util.concurrent.CompletableFuture<>();
        Subscription sub = client.events().subscribe(ann.login() + "/watched", new EventListener() {
            @Override
            public void onEvent(HearthEvent event) {
            }

            @Override
            public void onError(dev.hearth.client.HearthClientException e) {
                error.complete(e);
            }
        });
        HearthClient withPassword = server.clientWithPassword(ann);
        withPassword.tokens().list(ann.login()).forEach(t -> withPassword.tokens().revoke(ann.login(), t.id()));
        server.restart(); // the connection drops; the reconnect presents the revoked token

        dev.hearth.client.HearthClientException e = error.get(30, TimeUnit.SECONDS);
        assertThat(e).isInstanceOfSatisfying(dev.hearth.client.EventStreamException.class,
                s -> assertThat(s.closeCode()).isEqualTo(1008));
        assertThat(sub.done()).isCompletedExceptionally();
        sub.close();
    }
}
