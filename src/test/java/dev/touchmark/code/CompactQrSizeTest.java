package dev.touchmark.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Mode;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import dev.touchmark.code.Ed25519KeyPair;
import dev.touchmark.keys.KeyIds;
import org.junit.jupiter.api.Test;

/** The size budget of docs/code-format.md: compact URLs stay in alphanumeric mode and small QR versions. */
class CompactQrSizeTest {
    private static final Ed25519KeyPair PAIR = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final CodeSigner SIGNER = new CodeSigner(PAIR, KeyIds.shortKid(PAIR.publicKey()));

    private static String compactUrl(String publicUrl) {
        return new BatchCodes(SIGNER, 4_294_967_295L, 4_294_967_295L, CodeProfile.COMPACT, publicUrl, null, null, null)
                .url(4_294_967_294L);
    }

    private static QRCode encode(String content) throws WriterException {
        return Encoder.encode(content, ErrorCorrectionLevel.M);
    }

    @Test
    void aThirtyCharacterPublicUrlGivesAVersion7OrSmallerAlphanumericQrAtLevelM() throws WriterException {
        String publicUrl = "https://verify.examplebrand.io";
        assertEquals(30, publicUrl.length());
        String url = compactUrl(publicUrl);
        assertEquals(30 + 3 + 130, url.length());

        QRCode qr = encode(url);

        assertEquals(Mode.ALPHANUMERIC, qr.getMode());
        assertTrue(qr.getVersion().getVersionNumber() <= 7, "version " + qr.getVersion());
        assertEquals(7, qr.getVersion().getVersionNumber(), "163 characters need more than version 6 (154)");
    }

    @Test
    void theExampleDomainFitsVersion6() throws WriterException {
        String url = compactUrl("https://tm.example");
        assertEquals(151, url.length());
        assertEquals(6, encode(url).getVersion().getVersionNumber());
    }

    @Test
    void version7AtLevelMHoldsExactly178AlphanumericCharactersSoPublicUrlsUpTo45CharactersFit() throws WriterException {
        String longest = "https://" + "a".repeat(45 - 8 - 3) + ".io";
        assertEquals(45, longest.length());
        assertEquals(178, compactUrl(longest).length());
        assertEquals(7, encode(compactUrl(longest)).getVersion().getVersionNumber());
        assertEquals(8, encode(compactUrl(longest + "a")).getVersion().getVersionNumber());
    }

    @Test
    void aPublicUrlWithACharacterOutsideTheAlphanumericSetFallsBackToByteModeAndAMuchLargerQr() throws WriterException {
        QRCode qr = encode(compactUrl("https://verify.example_brand.io"));
        assertEquals(Mode.BYTE, qr.getMode());
        assertTrue(qr.getVersion().getVersionNumber() > 7, "version " + qr.getVersion());
    }
}
