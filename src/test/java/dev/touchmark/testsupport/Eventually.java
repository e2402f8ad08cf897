package dev.touchmark.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition that the system under test makes true asynchronously. The deadline is generous on purpose:
 * it only bounds how long a broken system keeps a test waiting, it is not a measure of speed, so a busy machine
 * makes a test slower but never makes it fail.
 */
public final class Eventually {
    /** Long enough for anything a correct system does in the tests, on a machine busy with other builds. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private Eventually() {
    }

    /** Waits until the condition holds, failing with {@code what} if it still does not after {@link #PATIENCE}. */
    public static void await(String what, BooleanSupplier condition) {
        await(PATIENCE, condition, () -> what);
    }

    /** Waits until the condition holds, failing with the message if it still does not after the timeout. */
    public static void await(Duration timeout, BooleanSupplier condition, Supplier<String> message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("still not true after " + timeout + ": " + message.get());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for: " + message.get());
            }
        }
    }
}
