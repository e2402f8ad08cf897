package dev.touchmark.scan;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Time-ordered 64-bit scan ids made by one writer thread without a database round trip:
 * milliseconds since 2026-01-01 (41 bits), a random node number (10 bits), a sequence (12 bits).
 * Not thread-safe: only the scan writer calls it.
 */
final class ScanIds {
    private static final long EPOCH = 1_767_225_600_000L;
    private final Clock clock;
    private final SecureRandom random;
    private long node;
    private long lastMillis = -1;
    private long sequence;

    ScanIds(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
        renewNode();
    }

    /** Picks a new node number, after a collision with another node's ids. */
    void renewNode() {
        node = random.nextInt(1024);
    }

    /** The smallest id that a scan at or after this moment can have. */
    static long firstIdAt(long epochMillis) {
        return Math.max(0, epochMillis - EPOCH) << 22;
    }

    long next() {
        long millis = Math.max(clock.millis(), lastMillis);
        if (millis == lastMillis) {
            sequence = (sequence + 1) & 0xFFF;
            if (sequence == 0) {
                millis = lastMillis + 1; // borrow the next millisecond rather than spin
            }
        } else {
            sequence = 0;
        }
        lastMillis = millis;
        return ((millis - EPOCH) << 22) | (node << 12) | sequence;
    }
}
