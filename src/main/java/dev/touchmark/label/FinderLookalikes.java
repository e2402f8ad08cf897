package dev.touchmark.label;

import com.google.zxing.qrcode.encoder.ByteMatrix;

/**
 * Counts the places in a QR matrix, outside its three finder patterns, that a decoder scanning rows and columns takes
 * for a finder pattern: a dark run with, on each side, one light and one dark run, in the proportions 1:1:3:1:1 within
 * ZXing's tolerance (each run within half a module of its share, so 1:1:2:1:1 and 1:1:4:1:1 pass too), both across
 * the row and down the column through the same module.
 *
 * <p>Such a lookalike is harmless to ZXing in Java, which picks the three candidates that form the best right
 * triangle. The in-browser scanner decodes with html5-qrcode 2.2.1's zxing-js, an older port that stops at the first
 * three candidates of a like size and ranks them by how many rows confirmed them: a lookalike met before the third
 * real finder, or confirmed on more rows, makes it read a wrong grid, in every frame, however the label is held.
 */
final class FinderLookalikes {
    /**
     * The spans, in modules, of a lookalike that passes for a finder (7 modules): the decoder drops candidates whose
     * module size is far from the others' (1:1:2:1:1 and 1:1:4:1:1, 6 and 8 modules, were seen taken for finders).
     */
    private static final int MIN_SPAN = 6;
    private static final int MAX_SPAN = 8;

    private FinderLookalikes() {
    }

    /** How many modules outside the finder patterns centre a finder lookalike across both their row and column. */
    static int count(ByteMatrix matrix) {
        int size = matrix.getWidth();
        int found = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (dark(matrix, x, y) && !inFinder(size, x, y)
                        && looksLikeFinder(matrix, x, y, 1, 0) && looksLikeFinder(matrix, x, y, 0, 1)) {
                    found++;
                }
            }
        }
        return found;
    }

    private static boolean inFinder(int size, int x, int y) {
        boolean left = x < 7;
        boolean top = y < 7;
        return left && top || !left && x >= size - 7 && top || left && y >= size - 7;
    }

    /** Whether the line through (x, y) in direction (dx, dy) crosses dark, light, dark (centre), light, dark runs. */
    private static boolean looksLikeFinder(ByteMatrix matrix, int x, int y, int dx, int dy) {
        int forward = run(matrix, x, y, dx, dy, true);
        int backward = run(matrix, x, y, -dx, -dy, true);
        int centre = forward + backward - 1;
        int lightAfter = run(matrix, x + forward * dx, y + forward * dy, dx, dy, false);
        int darkAfter = run(matrix, x + (forward + lightAfter) * dx, y + (forward + lightAfter) * dy, dx, dy, true);
        int lightBefore = run(matrix, x - backward * dx, y - backward * dy, -dx, -dy, false);
        int darkBefore = run(matrix, x - (backward + lightBefore) * dx, y - (backward + lightBefore) * dy, -dx, -dy, true);
        int[] runs = {darkBefore, lightBefore, centre, lightAfter, darkAfter};
        int total = 0;
        for (int length : runs) {
            if (length == 0) {
                return false;
            }
            total += length;
        }
        if (total < MIN_SPAN || total > MAX_SPAN) {
            return false;
        }
        // ZXing's FinderPatternFinder.foundPatternCross: each run within half a module of its share of seven.
        double module = total / 7.0;
        double variance = module / 2.0;
        return Math.abs(module - runs[0]) < variance && Math.abs(module - runs[1]) < variance
                && Math.abs(3.0 * module - runs[2]) < 3 * variance
                && Math.abs(module - runs[3]) < variance && Math.abs(module - runs[4]) < variance;
    }

    /** Modules from (x, y) on in direction (dx, dy) that are dark (or light); outside the symbol is light. */
    private static int run(ByteMatrix matrix, int x, int y, int dx, int dy, boolean wantDark) {
        int length = 0;
        int size = matrix.getWidth();
        while (x >= 0 && y >= 0 && x < size && y < size && dark(matrix, x, y) == wantDark) {
            length++;
            x += dx;
            y += dy;
        }
        return length;
    }

    private static boolean dark(ByteMatrix matrix, int x, int y) {
        return matrix.get(x, y) == 1;
    }
}
