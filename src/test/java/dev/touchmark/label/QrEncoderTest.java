package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QrEncoderTest {

    @Test
    void a163CharUppercaseUrlFitsVersion7AtLevelM() {
        String url = TestLabels.source().code(42).url();
        assertEquals(163, url.length());
        QrMatrix qr = QrEncoder.encode(url);
        assertTrue(qr.version() <= 7, "version " + qr.version());
        assertEquals(17 + 4 * qr.version(), qr.size());
    }

    @Test
    void runsDescribeTheFinderPatternInTheTopLeftCorner() {
        QrMatrix qr = QrEncoder.encode(TestLabels.source().code(1).url());
        for (int i = 0; i < 7; i++) {
            assertTrue(qr.isDark(i, 0) && qr.isDark(0, i) && qr.isDark(6, i) && qr.isDark(i, 6));
        }
        assertTrue(!qr.isDark(1, 1) && !qr.isDark(7, 7) && qr.isDark(3, 3));
    }

    @Test
    void sameContentGivesEqualMatricesAndDifferentContentDoesNot() {
        String url = TestLabels.source().code(7).url();
        assertEquals(QrEncoder.encode(url), QrEncoder.encode(url));
        assertTrue(!QrEncoder.encode(url).equals(QrEncoder.encode(TestLabels.source().code(8).url())));
    }

    @Test
    void textOutsideLatin1IsEncodedAsUtf8() throws Exception {
        String text = "https://tm.example/v/\u2713\u00e9";
        assertEquals(text, TestLabels.decode(TestLabels.image(QrEncoder.encode(text), 4)));
    }

    @Test
    void emptyContentIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> QrEncoder.encode(""));
        assertTrue(e.getMessage().contains("empty"));
    }

    @Test
    void contentTooLongForAnyVersionIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> QrEncoder.encode("A".repeat(5000)));
        assertTrue(e.getMessage().startsWith("cannot encode QR"), e.getMessage());
    }
}
