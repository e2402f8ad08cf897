package dev.touchmark.label;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.Map;

/** Deterministic test codes shaped like Touchmark's compact profile, and a ZXing decode helper. */
final class TestLabels {
    static final String PREFIX = "HTTPS://TM.EXAMPLE/V/";
    static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /** Render workers shared by the export tests, as a server's exports share theirs (daemon threads). */
    static final RenderPool POOL = new RenderPool(2);

    private TestLabels() {}

    /** Length of the random base32 tail: makes the URL 163 chars, the size of a real Touchmark URL. */
    static final int TAIL = 163 - PREFIX.length();

    /** Codes with a 15-char serial and a 163-char uppercase URL ({@code PREFIX} + 142 base32 chars). */
    static LabelSource source() {
        return index -> new LabelCode(index, serial(index), PREFIX + randomBase32(index, TAIL));
    }

    /** Cheap codes with a short URL (small QR), for volume tests where QR size does not matter. */
    static LabelSource shortSource() {
        return index -> new LabelCode(index, serial(index), PREFIX + serial(index));
    }

    /** The cheapest codes: a 20-char URL that fits a version-1 QR (unique below 32^7 indexes). */
    static LabelSource tinySource() {
        return index -> {
            String serial = serial(index);
            return new LabelCode(index, serial, "HTTPS://T.EX/" + serial.substring(8));
        };
    }

    /** 13 base32 digits of the index (unique) followed by 2 check characters. */
    static String serial(long index) {
        var sb = new StringBuilder(15);
        for (int shift = 60; shift >= 0; shift -= 5) {
            sb.append(BASE32.charAt((int) ((index >>> shift) & 31)));
        }
        long mix = splitMix(index ^ 0x5EED);
        return sb.append(BASE32.charAt((int) (mix & 31))).append(BASE32.charAt((int) ((mix >>> 5) & 31)))
                .toString();
    }

    static String randomBase32(long seed, int length) {
        var sb = new StringBuilder(length);
        long state = seed;
        while (sb.length() < length) {
            state = splitMix(state);
            long bits = state;
            for (int i = 0; i < 12 && sb.length() < length; i++, bits >>>= 5) {
                sb.append(BASE32.charAt((int) (bits & 31)));
            }
        }
        return sb.toString();
    }

    private static long splitMix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The matrix drawn black on white with a 4-module quiet zone, {@code scale} pixels per module. */
    static BufferedImage image(QrMatrix qr, int scale) {
        int side = (qr.size() + 8) * scale;
        var image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean dark = qr.isDark(x / scale - 4, y / scale - 4);
                image.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
            }
        }
        return image;
    }

    /**
     * Decodes the one QR in {@code image} with ZXing's QRCodeReader. On about 1% of random version-7
     * symbols that reader's detector misplaces the sampling grid even on a perfect axis-aligned render
     * (ChecksumException; the symbol itself is valid: PURE_BARCODE and the multi-reader's detector read
     * it), so those fall back to QRCodeMultiReader, which is still ZXing.
     */
    static String decode(BufferedImage image) {
        return dev.touchmark.testsupport.QrDecoding.decode(image);
    }
}
