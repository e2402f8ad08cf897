package dev.touchmark.label;

/** A range of batch indexes {@code from..from+count-1} cut into chunks of {@code chunkSize} codes. */
record CodeRange(long from, long count, int chunkSize) {

    CodeRange {
        if (from < 0 || count < 0 || from > Long.MAX_VALUE - count) {
            throw new IllegalArgumentException("need from >= 0 and count >= 0 (and no overflow), got from="
                    + from + ", count=" + count);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, was " + chunkSize);
        }
    }

    long chunks() {
        return (count + chunkSize - 1) / chunkSize;
    }

    /** First index of chunk {@code chunk}. */
    long start(long chunk) {
        return from + chunk * chunkSize;
    }

    /** Number of codes in chunk {@code chunk}. */
    int size(long chunk) {
        return (int) Math.min(chunkSize, count - chunk * chunkSize);
    }
}
