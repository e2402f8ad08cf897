package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ZplExportTest {
    private static final Pattern LABEL = Pattern.compile("\\^XA\n(.*?)\\^XZ\n", Pattern.DOTALL);

    private static String zpl(LabelSource source, long from, long count) throws Exception {
        var out = new ByteArrayOutputStream();
        new BatchExporter(source, TestLabels.POOL).writeZpl(from, count, ZplLayout.defaults(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Tag("slow")
    @Test
    void oneLabelPerCodeWithTheExactQrPayloadAndSerialInOrder() throws Exception {
        LabelSource source = TestLabels.source();
        String zpl = zpl(source, 7, 600);
        var matcher = LABEL.matcher(zpl);
        long index = 7;
        int end = 0;
        while (matcher.find()) {
            assertEquals(end, matcher.start(), "nothing between labels");
            end = matcher.end();
            LabelCode code = source.code(index++);
            String body = matcher.group(1);
            assertTrue(body.contains("^BQN,2,"), body);
            assertEquals(1, count(body, "^FDMA," + code.url() + "^FS"), body);
            assertEquals(1, count(body, "^A0N,"), body);
            assertEquals(1, count(body, "^FD" + code.serial() + "^FS"), body);
        }
        assertEquals(607, index);
        assertEquals(zpl.length(), end);
        assertEquals(600, count(zpl, "^XA"));
        assertEquals(600, count(zpl, "^XZ"));
    }

    @Test
    void magnificationMakesTheQrAndQuietZoneFitTheLabel() throws Exception {
        var layout = ZplLayout.defaults();
        String zpl = zpl(TestLabels.source(), 0, 1);
        int modules = QrEncoder.encode(TestLabels.source().code(0).url()).size();
        int magnification = Integer.parseInt(zpl.replaceAll("(?s).*\\^BQN,2,(\\d+).*", "$1"));
        int available = Math.min(layout.widthDots(), layout.heightDots() - layout.textBandDots());
        assertTrue(magnification >= 3, "50 x 30 mm at 203 dpi fits 3 dots per module: " + magnification);
        assertTrue((modules + 8) * magnification <= available);
        assertTrue((modules + 8) * (magnification + 1) > available, "largest that fits");
    }

    @Test
    void caretsAndTildesInDataAreHexEscaped() throws Exception {
        LabelSource source = i -> new LabelCode(i, "A^B", "HTTPS://X/~_");
        String zpl = zpl(source, 0, 1);
        assertTrue(zpl.contains("^FH_^FDMA,HTTPS://X/_7E_5F^FS"), zpl);
        assertTrue(zpl.contains("^FH_^FDA_5EB^FS"), zpl);
    }

    @Test
    void badLayoutIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ZplLayout(100, 50, 30).validate());
        assertEquals("dpi must be between 150 and 600, was 100", e.getMessage());
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
