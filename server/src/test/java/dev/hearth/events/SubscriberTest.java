package dev.hearth.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.accounts.Principal;
import dev.hearth.accounts.User;
import dev.hearth.activity.ActivityLog;
import dev.hearth.storage.Database;
import dev.hearth.web.JsonMapping;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber's two protections, on a connection whose network the test controls: a consumer
 * that stops reading is closed with 1013 once its window is full (and nobody else waits for it),
 * and a peer that stops answering pings is dropped after three intervals. A real socket cannot be
 * made slow on purpose here: loopback buffers hold megabytes before a send blocks.
 */
class SubscriberTest {
    private Database database;
    private EventHub hub;

    @TempDir
    Path tmp;

    @BeforeEach
    void hub() {
        database = Database.open("jdbc:sqlite:" + tmp.resolve("events.db"));
        hub = new EventHub(new ActivityLog(database, Clock.systemUTC()), (ReadAccess) null);
    }

    @AfterEach
    void close() {
        hub.close();
        database.close();
    }

    /** A network that delivers only when told to, and remembers how the socket was closed. */
    static final class Network implements Subscriber.Connection {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<Runnable> pending = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);
        final boolean drains;
        volatile int closeCode;
        volatile String closeReason;

        Network(boolean drains) {
            this.drains = drains;
        }

        @Override
        public void send(String text, Runnable done, Consumer<Throwable> failed) {
            sent.add(text);
            if (drains) done.run();
            else pending.add(done);
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
            closeReason = reason;
            closed.countDown();
        }
    }

    private Subscriber subscriber(Network network, Duration heartbeat) {
        return new Subscriber(hub, network, JsonMapping.create(), "http://127.0.0.1", heartbeat);
    }

    private static Principal alice() {
        Instant now = Instant.now();
        return new Principal(new User(7, "alice", "alice@example.com", false, now, now), java.util.Set.of(),
                Principal.Method.TOKEN);
    }

    @Test
    void aConsumerThatStopsReadingIsClosedWith1013WhenItsWindowIsFull() {
        Network stuck = new Network(false);
        Subscriber slow = subscriber(stuck, Duration.ofMinutes(1));
        for (int i = 0; i < Subscriber.MAX_IN_FLIGHT; i++) slow.reply(Map.of("type", "pong"));
        assertThat(stuck.closed.getCount()).as("a full window is not yet an overflow").isEqualTo(1);
        slow.reply(Map.of("type", "pong"));
        assertThat(stuck.closeCode).isEqualTo(Subscriber.CLOSE_TRY_AGAIN);
        assertThat(stuck.closeReason).contains("resume");
        // Nothing more is queued for a closed subscriber.
        slow.reply(Map.of("type", "pong"));
        assertThat(stuck.sent).hasSize(Subscriber.MAX_IN_FLIGHT);
    }

    @Test
    void aConsumerThatKeepsUpIsNeverClosedHoweverMuchItIsSent() {
        Network fast = new Network(true);
        Subscriber s = subscriber(fast, Duration.ofMinutes(1));
        for (int i = 0; i < 10 * Subscriber.MAX_IN_FLIGHT; i++) s.reply(Map.of("type", "pong"));
        assertThat(fast.closed.getCount()).isEqualTo(1);
        assertThat(fast.sent).hasSize(10 * Subscriber.MAX_IN_FLIGHT);
    }

    @Test
    void aWindowThatDrainsInTimeKeepsTheConnection() {
        Network network = new Network(false);
        Subscriber s = subscriber(network, Duration.ofMinutes(1));
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < Subscriber.MAX_IN_FLIGHT; i++) s.reply(Map.of("type", "pong"));
            network.pending.forEach(Runnable::run);
            network.pending.clear();
        }
        assertThat(network.closed.getCount()).isEqualTo(1);
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsDroppedAndOneThatAnswersStays() throws InterruptedException {
        Duration beat = Duration.ofMillis(50);
        Network silentNet = new Network(true);
        Network chattyNet = new Network(true);
        Subscriber silent = subscriber(silentNet, beat);
        Subscriber chatty = subscriber(chattyNet, beat);
        silent.start(alice());
        chatty.start(alice());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (silentNet.closed.getCount() > 0 && System.nanoTime() < deadline) {
            chatty.heard(); // answers every ping, as a live client does
            Thread.sleep(10);
        }
        assertThat(silentNet.closed.getCount()).as("the silent peer was dropped").isZero();
        assertThat(silentNet.closeCode).isEqualTo(1001);
        assertThat(silentNet.closeReason).isEqualTo("no answer to pings");
        assertThat(silentNet.sent).anyMatch(m -> m.contains("\"type\":\"ping\""));
        assertThat(chattyNet.closed.getCount()).as("the answering peer stays").isEqualTo(1);
        assertThat(chattyNet.sent.stream().filter(m -> m.contains("\"type\":\"ping\"")).count()).isGreaterThanOrEqualTo(2);
        chatty.close(1000, "done");
    }
}
