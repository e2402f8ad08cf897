package dev.touchmark.testsupport;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.Result;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** Decodes QR codes from images with ZXing, as a label printer's customer would. */
public final class QrDecoding {
    private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);

    private QrDecoding() {
    }

    /** The text of the one QR in a PNG. */
    public static String decodePng(byte[] png) throws IOException {
        return decode(ImageIO.read(new ByteArrayInputStream(png)));
    }

    /** The text of the one QR in an image. */
    public static String decode(BufferedImage image) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        try {
            return new QRCodeReader().decode(bitmap, HINTS).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            // QRCodeReader fails on about 1% of perfectly drawn symbols; ZXing's multi-reader reads them.
            return decodeWithMultiReader(bitmap, e);
        }
    }

    private static String decodeWithMultiReader(BinaryBitmap bitmap, Exception first) {
        try {
            Result[] results = new QRCodeMultiReader().decodeMultiple(bitmap, HINTS);
            if (results.length != 1) {
                throw new AssertionError("expected one QR code, found " + results.length, first);
            }
            return results[0].getText();
        } catch (NotFoundException e) {
            throw new AssertionError("no readable QR code in the image: " + first, first);
        }
    }
}
