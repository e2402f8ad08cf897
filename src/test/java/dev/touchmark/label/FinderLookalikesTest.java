package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.EncodeHintType;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class FinderLookalikesTest {
    private static final int SIZE = 29;

    @Test
    void theThreeFinderPatternsThemselvesAreNotLookalikes() {
        assertEquals(0, FinderLookalikes.count(symbol()));
    }

    @Test
    void aFinderDrawnInTheDataAreaIsOneWhoseCentreRunsCrossAtNineModules() {
        ByteMatrix matrix = symbol();
        finder(matrix, 12, 12, 1, 3);
        assertEquals(9, FinderLookalikes.count(matrix), "the 3 x 3 dark centre, each module across and down");
    }

    @Test
    void narrowerAndWiderCentresPassForAFinderAsTheyDoInTheDecoder() {
        ByteMatrix narrow = symbol();
        finder(narrow, 12, 12, 1, 2);
        assertEquals(4, FinderLookalikes.count(narrow), "1:1:2:1:1");
        ByteMatrix wide = symbol();
        finder(wide, 12, 12, 1, 4);
        assertEquals(16, FinderLookalikes.count(wide), "1:1:4:1:1");
    }

    @Test
    void patternsOfAnotherScaleAreNot() {
        ByteMatrix even = symbol();
        finder(even, 12, 12, 1, 1);
        assertEquals(0, FinderLookalikes.count(even), "1:1:1:1:1, an alignment pattern's proportions");
        ByteMatrix large = symbol();
        finder(large, 10, 10, 2, 6);
        assertEquals(0, FinderLookalikes.count(large), "2:2:6:2:2 is a finder twice the size of the real ones");
    }

    @Test
    void aLookalikeAcrossTheRowOnlyIsNot() {
        ByteMatrix matrix = symbol();
        int y = 14;
        int[] row = {1, 0, 1, 1, 1, 0, 1};
        for (int i = 0; i < row.length; i++) {
            matrix.set(11 + i, y, row[i]);
        }
        assertEquals(0, FinderLookalikes.count(matrix));
    }

    @Tag("slow")
    @Test
    void theEncoderAvoidsLookalikesWhenAMaskAllowsAndKeepsZxingsMaskOtherwise() {
        int changed = 0;
        for (int i = 0; i < 60; i++) {
            String url = TestLabels.source().code(i).url();
            QRCode zxing = encode(url, null);
            int fewest = Integer.MAX_VALUE;
            for (int mask = 0; mask < 8; mask++) {
                fewest = Math.min(fewest, FinderLookalikes.count(encode(url, mask).getMatrix()));
            }
            QrMatrix chosen = QrEncoder.encode(url);
            if (FinderLookalikes.count(zxing.getMatrix()) == 0) {
                assertTrue(same(chosen, zxing.getMatrix()), "code " + i + ": ZXing's own mask is kept");
                continue;
            }
            changed++;
            int lookalikes = -1;
            for (int mask = 0; mask < 8; mask++) {
                QRCode candidate = encode(url, mask);
                if (same(chosen, candidate.getMatrix())) {
                    lookalikes = FinderLookalikes.count(candidate.getMatrix());
                }
            }
            assertEquals(fewest, lookalikes, "code " + i + " has the mask with the fewest lookalikes");
            assertEquals(url, TestLabels.decode(TestLabels.image(chosen, 4)), "and decodes to its URL");
        }
        assertTrue(changed > 0 && changed < 60, changed + " of 60 codes needed another mask than ZXing's");
    }

    private static QRCode encode(String url, Integer mask) {
        try {
            Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
            if (mask != null) {
                hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
            }
            return Encoder.encode(url, ErrorCorrectionLevel.M, hints);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean same(QrMatrix qr, ByteMatrix matrix) {
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (qr.isDark(x, y) != (matrix.get(x, y) == 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A light symbol with its three finder patterns (and their light separators) only. */
    private static ByteMatrix symbol() {
        ByteMatrix matrix = new ByteMatrix(SIZE, SIZE);
        matrix.clear((byte) 0);
        finder(matrix, 0, 0, 1, 3);
        finder(matrix, SIZE - 7, 0, 1, 3);
        finder(matrix, 0, SIZE - 7, 1, 3);
        return matrix;
    }

    /** Draws dark ring, light ring (each {@code ring} modules wide) and a dark square {@code centre} modules wide. */
    private static void finder(ByteMatrix matrix, int left, int top, int ring, int centre) {
        int side = 4 * ring + centre;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int depth = Math.min(Math.min(x, y), Math.min(side - 1 - x, side - 1 - y));
                matrix.set(left + x, top + y, depth < ring || depth >= 2 * ring ? 1 : 0);
            }
        }
    }
}
