package dev.touchmark.periodic;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A4 pages written top to bottom with PDFBox, for reports: headings, wrapped lines, labelled bars, legends and the
 * primitives charts are drawn with. A new page starts whenever the next thing would not fit.
 */
public final class PdfCanvas implements AutoCloseable {
    public static final Color GENUINE = new Color(0x2e, 0x7d, 0x32);
    public static final Color SUSPECT = new Color(0xef, 0x8f, 0x00);
    public static final Color NOT_GENUINE = new Color(0xc6, 0x28, 0x28);
    public static final Color OTHER = new Color(0x90, 0x90, 0x90);
    public static final Color INK = new Color(0x20, 0x20, 0x20);
    public static final float MARGIN = 50;
    public static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private final PDDocument document = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream page;
    private float y;

    /** A document with a title and its first page. */
    public PdfCanvas(String title) {
        document.getDocumentInformation().setTitle(printable(title));
        document.getDocumentInformation().setCreator("Touchmark");
        try {
            newPage();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a PDF", e);
        }
    }

    public PDType1Font regular() {
        return regular;
    }

    public PDType1Font bold() {
        return bold;
    }

    /** Where the next line's top is, from the page's bottom. */
    public float y() {
        return y;
    }

    /** Moves down the page. */
    public void down(float by) {
        y -= by;
    }

    /** Goes on from a height of the page (below a chart drawn from there). */
    public void continueAt(float height) {
        y = height;
    }

    public void heading(String title) throws IOException {
        need(40);
        text(bold, 12, MARGIN, title);
        y -= 16;
    }

    public void line(String text) throws IOException {
        for (String part : wrap(text, 105)) {
            need(14);
            text(regular, 9, MARGIN, part);
            y -= 12;
        }
    }

    public void barLine(String label, long value, long max, Color color) throws IOException {
        need(20);
        text(regular, 9, MARGIN, label);
        y -= 8;
        float w = (WIDTH - 100) * value / Math.max(1, max);
        if (w > 0) {
            bar(color, MARGIN, y - 5, w, 5);
        }
        y -= 10;
    }

    public void legend(String[] names, Color[] colors) throws IOException {
        need(14);
        float x = MARGIN + 40;
        for (int i = 0; i < names.length; i++) {
            bar(colors[i], x, y - 1, 8, 8);
            textAt(regular, 8, x + 11, y, names[i]);
            x += 20 + regular.getStringWidth(names[i]) / 1000 * 8 + 10;
        }
        y -= 12;
    }

    public void axis(float left, float bottom, float width, float height) throws IOException {
        page.setStrokingColor(INK);
        page.setLineWidth(0.5f);
        page.moveTo(left, bottom + height);
        page.lineTo(left, bottom);
        page.lineTo(left + width, bottom);
        page.stroke();
    }

    public void bar(Color color, float x, float yBottom, float w, float h) throws IOException {
        page.setNonStrokingColor(color);
        page.addRect(x, yBottom, w, h);
        page.fill();
    }

    /** Text whose top is at the current height. */
    public void text(PDType1Font font, float size, float x, String text) throws IOException {
        textAt(font, size, x, y - size, text);
    }

    public void textAt(PDType1Font font, float size, float x, float baseline, String text) throws IOException {
        page.setNonStrokingColor(INK);
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, baseline);
        page.showText(printable(text));
        page.endText();
    }

    /** Starts a new page unless this much space is left on this one. */
    public void need(float space) throws IOException {
        if (y - space < MARGIN) {
            page.close();
            newPage();
        }
    }

    /** The finished document. */
    public byte[] bytes() throws IOException {
        page.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    private void newPage() throws IOException {
        PDPage next = new PDPage(PDRectangle.A4);
        document.addPage(next);
        page = new PDPageContentStream(document, next);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** Text the standard fonts can show (WinAnsi): anything else becomes '?'. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) ? c : '?');
        }
        return out.toString();
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            cut = cut <= 0 ? width : cut;
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        lines.add(rest);
        return lines;
    }

    @Override
    public void close() throws IOException {
        document.close();
    }
}
