package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgLabelTest {
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    static Document parse(byte[] svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    /** The dark modules drawn by the one path, as "x,y" in matrix coordinates (quiet zone removed). */
    static Set<String> darkModules(Document svg) {
        var paths = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path");
        assertEquals(1, paths.getLength(), "exactly one path");
        String d = ((Element) paths.item(0)).getAttribute("d");
        var matcher = RUN.matcher(d);
        var dark = new HashSet<String>();
        int consumed = 0;
        while (matcher.find()) {
            assertEquals(consumed, matcher.start(), "path holds only run rectangles");
            consumed = matcher.end();
            int x = Integer.parseInt(matcher.group(1)) - 4;
            int y = Integer.parseInt(matcher.group(2)) - 4;
            int len = Integer.parseInt(matcher.group(3));
            assertEquals(len, Integer.parseInt(matcher.group(4)));
            for (int i = 0; i < len; i++) {
                assertTrue(dark.add((x + i) + "," + y), "modules drawn once");
            }
        }
        assertEquals(d.length(), consumed);
        return dark;
    }

    static Set<String> darkModules(QrMatrix qr) {
        var dark = new HashSet<String>();
        for (int y = 0; y < qr.size(); y++) {
            for (int x = 0; x < qr.size(); x++) {
                if (qr.isDark(x, y)) {
                    dark.add(x + "," + y);
                }
            }
        }
        return dark;
    }

    @Test
    void pathDrawsExactlyTheEncodersDarkModules() throws Exception {
        LabelCode code = TestLabels.source().code(5);
        Document svg = parse(SvgLabel.toSvg(code).getBytes(StandardCharsets.UTF_8));
        QrMatrix qr = QrEncoder.encode(code.url());
        assertEquals(darkModules(qr), darkModules(svg));
        int side = qr.size() + 8;
        String viewBox = svg.getDocumentElement().getAttribute("viewBox");
        assertTrue(viewBox.startsWith("0 0 " + side + " "), viewBox);
        assertEquals("crispEdges", svg.getDocumentElement().getAttribute("shape-rendering"));
    }

    @Test
    void theQrPathSaysItHasNoStrokeSoRenderersThatIgnoreTheDefaultDoNotOutlineTheRuns() throws Exception {
        Document svg = parse(SvgLabel.toSvg(TestLabels.source().code(7)).getBytes(StandardCharsets.UTF_8));
        var path = (Element) svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").item(0);
        assertEquals("none", path.getAttribute("stroke"));
        assertEquals("#000", path.getAttribute("fill"));
    }

    @Test
    void serialIsTheTitleAndTheTextUnderTheQr() throws Exception {
        LabelCode code = TestLabels.source().code(6);
        Document svg = parse(SvgLabel.toSvg(code).getBytes(StandardCharsets.UTF_8));
        assertEquals(code.serial(), svg.getElementsByTagNameNS("*", "title").item(0).getTextContent());
        var text = (Element) svg.getElementsByTagNameNS("*", "text").item(0);
        assertEquals(code.serial(), text.getTextContent());
        int side = QrEncoder.encode(code.url()).size() + 8;
        assertTrue(Double.parseDouble(text.getAttribute("y")) > side, "text sits under the QR");
    }

    @Test
    void markupInTheSerialIsEscaped() throws Exception {
        var code = new LabelCode(0, "A<B>&\"C'", "HTTPS://TM.EXAMPLE/V/X");
        Document svg = parse(SvgLabel.toSvg(code).getBytes(StandardCharsets.UTF_8));
        assertEquals("A<B>&\"C'", svg.getElementsByTagNameNS("*", "title").item(0).getTextContent());
    }

    @Test
    void writeAndToSvgProduceTheSameDocument() throws Exception {
        LabelCode code = TestLabels.source().code(9);
        var writer = new java.io.StringWriter();
        SvgLabel.write(code, writer);
        assertEquals(SvgLabel.toSvg(code), writer.toString());
    }
}
