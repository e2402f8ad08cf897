package dev.touchmark.scan;

/**
 * How long the scan writer keeps a group open for more scans before committing it (writer thread only).
 *
 * <p>Every commit has a fixed cost (a transaction, the journal's write to the disk, waking the threads that send
 * the answers) of about as much CPU as two or three scans' own work. Committing each scan at once is right when
 * scans come rarely: there is nothing to wait for. From a few thousand scans a second on, it is not: groups of one
 * or two scans spend most of the writer's CPU on that fixed cost, and the CPU is what the other requests then wait
 * for. So two rules:
 * <ul>
 *   <li><b>Hold:</b> while scans arrive at least once per {@code hold} on average (an exponentially weighted mean of
 *   the gaps between them), a group stays open until its first scan has waited {@code hold}. No scan waits longer
 *   for the window than that, and a scan that already waited while the previous group committed is not held again.
 *   Below that rate, a group is committed at once.</li>
 *   <li><b>Gather:</b> under heavy load (at least {@code gatherFrom} scans taken at once), the group stays open as
 *   long as the last commit took, at most {@code gatherMax}, so commits grow with the load.</li>
 * </ul>
 */
final class GroupWindow {
    /** Weight of one new gap in the running mean: 1/16, so the mean follows a change of rate within a few dozen scans. */
    private static final int WEIGHT = 16;
    private final long holdNanos;
    private final long gatherMaxNanos;
    private final int gatherFrom;
    /** The mean gap between the arrivals of consecutive scans; starts as if scans came rarely. */
    private double meanGapNanos;
    private long lastArrival;
    private boolean seenOne;

    GroupWindow(long holdNanos, long gatherMaxNanos, int gatherFrom) {
        if (holdNanos < 0 || gatherMaxNanos < 0 || gatherFrom < 1) {
            throw new IllegalArgumentException("hold and gatherMax must not be negative, gatherFrom at least 1");
        }
        this.holdNanos = holdNanos;
        this.gatherMaxNanos = gatherMaxNanos;
        this.gatherFrom = gatherFrom;
        this.meanGapNanos = cap();
    }

    /** Counts one scan's arrival (its {@link System#nanoTime()} when it was queued), in the order they are taken. */
    void arrived(long atNanos) {
        if (!seenOne) {
            seenOne = true;
            lastArrival = atNanos;
            return;
        }
        // Arrivals are stamped by many request threads before they queue, so the order can be off by a little.
        long gap = Math.min(Math.max(0, atNanos - lastArrival), cap());
        lastArrival = Math.max(lastArrival, atNanos);
        meanGapNanos += (gap - meanGapNanos) / WEIGHT;
    }

    /** Whether scans currently arrive often enough for holding a group to pay. */
    boolean holding() {
        return holdNanos > 0 && meanGapNanos < holdNanos;
    }

    /**
     * The time (as {@link System#nanoTime()}) until which a group is kept open, given when its first scan was
     * queued, how many scans it holds now, and how long the last commit took; {@code now} or earlier means commit
     * at once.
     */
    long deadline(long now, long firstQueuedAt, int size, long lastCommitNanos) {
        long deadline = now;
        if (holding()) {
            deadline = Math.max(deadline, firstQueuedAt + holdNanos);
        }
        if (size >= gatherFrom) {
            deadline = Math.max(deadline, now + Math.min(gatherMaxNanos, lastCommitNanos));
        }
        return deadline;
    }

    /** The mean gap between arrivals now, for tests and metrics. */
    double meanGapNanos() {
        return meanGapNanos;
    }

    /** Gaps longer than this count as this: after a quiet spell the mean comes down within a few dozen scans. */
    private long cap() {
        return Math.max(10 * holdNanos, 1_000_000L);
    }
}
