package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PngLabelTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 10})
    void pngDecodesToExactlyTheUrl(int pixelsPerModule) throws Exception {
        LabelCode code = TestLabels.source().code(123);
        var bytes = new ByteArrayOutputStream();
        PngLabel.write(code, pixelsPerModule, bytes);
        var image = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        int qrSide = (QrEncoder.encode(code.url()).size() + 8) * pixelsPerModule;
        assertEquals(qrSide, image.getWidth());
        assertTrue(image.getHeight() > qrSide, "room for the serial under the QR");
        assertEquals(code.url(), TestLabels.decode(image));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 41})
    void pixelsPerModuleOutsideOneToFortyIsRejected(int pixelsPerModule) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> PngLabel.write(TestLabels.source().code(0), pixelsPerModule, new ByteArrayOutputStream()));
        assertEquals("pixelsPerModule must be between 1 and 40, was " + pixelsPerModule, e.getMessage());
    }
}
