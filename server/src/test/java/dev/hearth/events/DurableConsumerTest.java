package dev.hearth.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.activity.Activity;
import dev.hearth.activity.ActivityLog;
import dev.hearth.activity.Event;
import dev.hearth.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The durable consumer on a real database: what it handles is written by its handler into a
 * table, in the transaction that moves its cursor, so the table says exactly which events were
 * handled and how often (its primary key would refuse a second time).
 */
abstract class DurableConsumerTest {
    private static final DurableConsumer.Options FAST = new DurableConsumer.Options(3, Duration.ofSeconds(1),
            Duration.ofMillis(20), Duration.ofMillis(200));

    Database database;
    ActivityLog log;
    private String url;
    private final List<DurableConsumer> started = new ArrayList<>();
    /** What the database lives in (a PostgreSQL schema), dropped after it is closed. */
    AutoCloseable home = () -> { };

    abstract String url();

    @BeforeEach
    void open() {
        url = url();
        database = Database.open(url);
        log = new ActivityLog(database, Clock.systemUTC());
        database.jdbi().useHandle(h -> h.execute("CREATE TABLE consumed (event_id BIGINT PRIMARY KEY, seq BIGINT NOT NULL)"));
    }

    @AfterEach
    void close() throws Exception {
        started.forEach(DurableConsumer::close);
        database.close();
        home.close();
    }

    private List<Long> append(int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(database.jdbi().inTransaction(h -> log.append(h, new Activity.SessionsEnded(
                    new Activity.Subject.User(1, "alice"), new Activity.Actor(1, "alice")))));
        }
        return ids;
    }

    /** Records each event in the table; the order it was handled in is its seq. */
    private static void record(Handle h, List<Event> batch) {
        for (Event e : batch) {
            h.createUpdate("INSERT INTO consumed (event_id, seq) VALUES (:id, (SELECT COUNT(*) FROM consumed))")
                    .bind("id", e.id()).execute();
        }
    }

    private List<Long> consumed() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT event_id FROM consumed ORDER BY seq")
                .mapTo(Long.class).list());
    }

    private DurableConsumer start(DurableConsumer.From from, DurableConsumer.Handler handler) {
        DurableConsumer c = new DurableConsumer("test", database, log, from, FAST, handler);
        started.add(c);
        c.start();
        return c;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 20 s: " + what);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // a bounded poll of the table
        }
    }

    @Test
    void eventsAppendedWhileStoppedAreHandledAfterTheNextStartAndNoneTwice() {
        List<Long> before = append(2); // before the first start: a NOW consumer never sees these
        DurableConsumer first = start(DurableConsumer.From.NOW, DurableConsumerTest::record);
        List<Long> whileRunning = append(4);
        await("the first four handled", () -> consumed().size() == 4);
        first.close();
        assertThat(first.position()).isEqualTo(whileRunning.getLast());

        List<Long> whileStopped = append(5);
        assertThat(consumed()).as("nothing runs while stopped").isEqualTo(whileRunning);

        start(DurableConsumer.From.NOW, DurableConsumerTest::record); // a restart: same name, same cursor
        await("the five appended while stopped handled", () -> consumed().size() == 9);
        List<Long> all = new ArrayList<>(whileRunning);
        all.addAll(whileStopped);
        assertThat(consumed()).isEqualTo(all).doesNotContainAnyElementsOf(before);
    }

    @Test
    void aConsumerFromTheBeginningHandlesTheWholeLog() {
        List<Long> ids = append(7);
        start(DurableConsumer.From.BEGINNING, DurableConsumerTest::record);
        await("all seven handled", () -> consumed().size() == 7);
        assertThat(consumed()).isEqualTo(ids);
    }

    @Test
    void aFailingHandlerIsRetriedAndSkipsNothing() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger failuresLeft = new AtomicInteger(3);
        List<Long> ids = append(8);
        DurableConsumer c = start(DurableConsumer.From.BEGINNING, (h, batch) -> {
            calls.incrementAndGet();
            record(h, batch); // written, then rolled back with the cursor when it throws
            if (batch.stream().anyMatch(e -> e.id() == ids.get(4)) && failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("the index is down");
            }
        });
        await("all eight handled", () -> consumed().size() == 8);
        assertThat(consumed()).as("in order, each once, the failing one included").isEqualTo(ids);
        assertThat(failuresLeft.get()).isNegative();
        assertThat(calls.get()).as("three failed attempts were made before it went through").isGreaterThanOrEqualTo(3 + 3);
        assertThat(c.position()).isEqualTo(ids.getLast());
    }

    @Test
    void nothingRunsBeforeStartAndAStartThatFailsStartsNothing() {
        append(2);
        DurableConsumer idle = new DurableConsumer("idle", database, log, DurableConsumer.From.BEGINNING, FAST,
                DurableConsumerTest::record);
        started.add(idle);
        append(1); // wakes it, if anything were listening
        assertThat(idle.position()).as("no cursor row before start").isZero();
        assertThat(consumed()).isEmpty();

        Database gone = Database.open(url);
        DurableConsumer failing = new DurableConsumer("failing", gone, new ActivityLog(gone, Clock.systemUTC()),
                DurableConsumer.From.BEGINNING, FAST, DurableConsumerTest::record);
        gone.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(failing::start).isInstanceOf(RuntimeException.class);
        failing.close(); // nothing to stop
        append(1);
        assertThat(new DurableConsumer("failing", database, log, DurableConsumer.From.BEGINNING, FAST,
                DurableConsumerTest::record).position()).as("the failed start wrote no cursor").isZero();

        idle.start();
        await("all four handled once started", () -> consumed().size() == 4);
    }

    @Test
    void eachBatchIsBounded() {
        List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        start(DurableConsumer.From.BEGINNING, (h, batch) -> {
            sizes.add(batch.size());
            record(h, batch);
        });
        List<Long> ids = append(10);
        await("all ten handled", () -> consumed().size() == 10);
        assertThat(consumed()).isEqualTo(ids);
        assertThat(sizes).allMatch(n -> n >= 1 && n <= 3);
        assertThat(LongStream.of(sizes.stream().mapToLong(Integer::longValue).toArray()).sum()).isEqualTo(10);
    }
}
