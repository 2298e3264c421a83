package dev.hearth.client;

import java.time.Duration;

/** Waits between attempts; tests give a sleeper that records the waits instead of waiting. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
