package dev.touchmark.label;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Encodes text as a QR matrix at error-correction level M with ZXing; no image work (renderers add the
 * 4-module quiet zone). Of the eight mask patterns, ZXing's choice is kept unless it leaves a finder lookalike
 * (see {@link FinderLookalikes}), which the in-browser scanner's decoder mistakes for a finder pattern.
 */
public final class QrEncoder {
    /** Modules of light margin every renderer draws around the symbol. */
    public static final int QUIET_ZONE = 4;

    private static final int MASK_PATTERNS = 8;

    private QrEncoder() {}

    /**
     * Encodes {@code content}. ZXing picks the mode itself (alphanumeric for an all-uppercase URL);
     * a character set hint is passed only when the text is not ISO-8859-1, ZXing's default.
     *
     * <p>The mask is ZXing's (the lowest penalty by the standard's rules) when it leaves no finder lookalike;
     * otherwise the first mask, in pattern order, that leaves none; failing that, the one that leaves fewest. Every
     * mask is valid for every decoder; about one code in ten gets another mask than ZXing's.
     *
     * @throws IllegalArgumentException if the content is empty or too long for any QR version
     */
    public static QrMatrix encode(String content) {
        if (content == null || content.isEmpty()) {
            throw new IllegalArgumentException("QR content must not be empty");
        }
        try {
            Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
            if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(content)) {
                hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
            }
            QRCode best = Encoder.encode(content, ErrorCorrectionLevel.M, hints);
            int zxingMask = best.getMaskPattern();
            int fewest = FinderLookalikes.count(best.getMatrix());
            for (int mask = 0; mask < MASK_PATTERNS && fewest > 0; mask++) {
                if (mask == zxingMask) {
                    continue;
                }
                hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
                QRCode other = Encoder.encode(content, ErrorCorrectionLevel.M, hints);
                int lookalikes = FinderLookalikes.count(other.getMatrix());
                if (lookalikes < fewest) {
                    best = other;
                    fewest = lookalikes;
                }
            }
            return fromByteMatrix(best.getVersion().getVersionNumber(), best.getMatrix());
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode QR (" + content.length() + " chars): "
                    + e.getMessage(), e);
        }
    }

    private static QrMatrix fromByteMatrix(int version, ByteMatrix matrix) {
        int size = matrix.getWidth();
        byte[][] rows = matrix.getArray();
        int[] runs = new int[size * ((size + 1) / 2) * 3];
        int n = 0;
        for (int y = 0; y < size; y++) {
            byte[] row = rows[y];
            int x = 0;
            while (x < size) {
                if (row[x] != 1) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < size && row[x] == 1) {
                    x++;
                }
                runs[n++] = start;
                runs[n++] = y;
                runs[n++] = x - start;
            }
        }
        return new QrMatrix(version, size, Arrays.copyOf(runs, n));
    }
}
