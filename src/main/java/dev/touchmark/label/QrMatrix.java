package dev.touchmark.label;

import java.util.Arrays;

/**
 * An immutable QR module matrix (without quiet zone) with its QR version, kept as horizontal runs of
 * dark modules, which is what every renderer in this package draws.
 */
public final class QrMatrix {
    private final int version;
    private final int size;
    /** Triples (x, y, length) of maximal horizontal runs of dark modules, row by row, left to right. */
    private final int[] runs;

    QrMatrix(int version, int size, int[] runs) {
        this.version = version;
        this.size = size;
        this.runs = runs;
    }

    /** The QR version, 1..40. */
    public int version() {
        return version;
    }

    /** Modules per side, without quiet zone (21 for version 1, 4 more per version). */
    public int size() {
        return size;
    }

    /** Number of horizontal runs of dark modules. */
    public int runCount() {
        return runs.length / 3;
    }

    /** Column of the first module of run {@code i}. */
    public int runX(int i) {
        return runs[3 * i];
    }

    /** Row of run {@code i}. */
    public int runY(int i) {
        return runs[3 * i + 1];
    }

    /** Number of dark modules in run {@code i}. */
    public int runLength(int i) {
        return runs[3 * i + 2];
    }

    /** Whether the module at column {@code x}, row {@code y} is dark. */
    public boolean isDark(int x, int y) {
        if (x < 0 || y < 0 || x >= size || y >= size) {
            return false;
        }
        for (int i = 0; i < runCount(); i++) {
            if (runY(i) == y && x >= runX(i) && x < runX(i) + runLength(i)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QrMatrix m && m.version == version && m.size == size
                && Arrays.equals(m.runs, runs);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * version + size) + Arrays.hashCode(runs);
    }

    @Override
    public String toString() {
        return "QrMatrix[version=" + version + ", size=" + size + ", runs=" + runCount() + "]";
    }
}
