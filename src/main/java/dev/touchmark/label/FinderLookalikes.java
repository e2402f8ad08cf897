package dev.touchmark.label;

import com.google.zxing.qrcode.encoder.ByteMatrix;
import java.util.Arrays;

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
        boolean[][] across = new boolean[size][size];
        boolean[][] down = new boolean[size][size];
        int[] starts = new int[size + 1];
        boolean[] line = new boolean[size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                line[j] = matrix.get(j, i) == 1;
            }
            markCentres(line, starts, across[i]);
            for (int j = 0; j < size; j++) {
                line[j] = matrix.get(i, j) == 1;
            }
            markCentres(line, starts, down[i]);
        }
        int found = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (across[y][x] && down[x][y] && !inFinder(size, x, y)) {
                    found++;
                }
            }
        }
        return found;
    }

    /**
     * Marks, in {@code centres}, the modules of every dark run of the line that has a light and then a dark run on
     * each side in a finder's proportions. Outside the symbol is light, so a run at either end lacks a side.
     */
    private static void markCentres(boolean[] line, int[] starts, boolean[] centres) {
        int size = line.length;
        int runs = 0;
        for (int j = 0; j < size; j++) {
            if (j == 0 || line[j] != line[j - 1]) {
                starts[runs++] = j;
            }
        }
        starts[runs] = size;
        for (int r = 2; r + 2 < runs; r++) {
            if (!line[starts[r]]) {
                continue;
            }
            int[] lengths = new int[5];
            for (int k = 0; k < 5; k++) {
                lengths[k] = starts[r - 1 + k] - starts[r - 2 + k];
            }
            if (finderProportions(lengths)) {
                Arrays.fill(centres, starts[r], starts[r + 1], true);
            }
        }
    }

    private static boolean inFinder(int size, int x, int y) {
        boolean left = x < 7;
        boolean top = y < 7;
        return left && top || !left && x >= size - 7 && top || left && y >= size - 7;
    }

    /** Dark, light, dark, light, dark run lengths as ZXing's FinderPatternFinder.foundPatternCross accepts them. */
    private static boolean finderProportions(int[] runs) {
        int total = 0;
        for (int length : runs) {
            total += length;
        }
        if (total < MIN_SPAN || total > MAX_SPAN) {
            return false;
        }
        double module = total / 7.0;
        double variance = module / 2.0;
        return Math.abs(module - runs[0]) < variance && Math.abs(module - runs[1]) < variance
                && Math.abs(3.0 * module - runs[2]) < 3 * variance
                && Math.abs(module - runs[3]) < variance && Math.abs(module - runs[4]) < variance;
    }
}
