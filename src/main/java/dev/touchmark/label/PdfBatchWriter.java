package dev.touchmark.label;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Streams a batch as a PDF 1.4 of label sheets without holding pages in memory. Object numbers are
 * fixed up front: 1 catalog, 2 page tree, 3 Helvetica, page {@code i} is object {@code 4+2i} and its
 * content stream {@code 5+2i}; only the byte offset of each object is kept (8 bytes per object) for the
 * cross-reference table. Pages are rendered and compressed in parallel, one page per task.
 */
final class PdfBatchWriter {
    /** Cross-reference offsets have 10 digits, so a classic PDF cannot exceed this many bytes. */
    static final long MAX_PDF_BYTES = 9_999_999_999L;
    private static final int FIRST_PAGE_OBJECT = 4;

    private final LabelSource source;
    private final RenderPool pool;

    PdfBatchWriter(LabelSource source, RenderPool pool) {
        this.source = source;
        this.pool = pool;
    }

    void write(long from, long count, SheetLayout layout, OutputStream target) throws IOException {
        layout.validate();
        var range = new CodeRange(from, count, layout.labelsPerPage());
        if (range.chunks() > (Integer.MAX_VALUE - FIRST_PAGE_OBJECT) / 2 - 1) {
            throw new IllegalArgumentException("too many pages for one PDF: " + range.chunks());
        }
        int pages = (int) range.chunks();
        var pdf = new PdfObjects(new BufferedOutputStream(target, 1 << 16), FIRST_PAGE_OBJECT + 2 * pages,
                pageDictionary(layout.paper()));
        pdf.raw("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
        writePageTree(pdf, pages);
        pdf.object(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        var renderer = new PdfPageRenderer(source, layout);
        new OrderedParallelPipeline<byte[]>(pool, 3 * pool.threads())
                .run(pages, p -> renderer.render(range.start(p), range.size(p)), pdf::page);
        pdf.finish(1);
    }

    private static String pageDictionary(Paper paper) {
        return "/Type /Page /Parent 2 0 R /MediaBox [0 0 " + num(paper.widthPt()) + " " + num(paper.heightPt())
                + "] /Resources << /Font << /F1 3 0 R >> /ProcSet [/PDF /Text] >>";
    }

    private static void writePageTree(PdfObjects pdf, int pages) throws IOException {
        pdf.begin(2);
        pdf.raw("<< /Type /Pages /Count " + pages + " /Kids [");
        var kids = new ByteSink(4096);
        for (int i = 0; i < pages; i++) {
            kids.num(FIRST_PAGE_OBJECT + 2L * i).ascii(i % 16 == 15 ? " 0 R\n" : " 0 R ");
            if (kids.length() > 4000) {
                pdf.raw(kids);
                kids.reset();
            }
        }
        pdf.raw(kids);
        pdf.raw("] >>\nendobj\n");
    }

    private static String num(double v) {
        return new String(new ByteSink(16).dec(v, 3).toByteArray(), StandardCharsets.US_ASCII);
    }

    /** Writes numbered objects, remembering each one's offset, then the xref table and trailer. */
    private static final class PdfObjects {
        private final OutputStream out;
        private final int objectCount;
        private final String pageDictionary;
        private int nextPageObject = FIRST_PAGE_OBJECT;
        /** Byte offset of each object written so far; grows as pages are written, 8 bytes per object. */
        private long[] offsets = new long[1024];
        private long position;

        PdfObjects(OutputStream out, int objectCount, String pageDictionary) {
            this.out = out;
            this.objectCount = objectCount;
            this.pageDictionary = pageDictionary;
        }

        /** Writes the next page object and its content stream, numbered 4+2i and 5+2i. */
        void page(byte[] deflatedContent) throws IOException {
            int number = nextPageObject;
            nextPageObject += 2;
            object(number, "<< " + pageDictionary + " /Contents " + (number + 1) + " 0 R >>");
            stream(number + 1, deflatedContent);
        }

        void begin(int number) throws IOException {
            if (number >= offsets.length) {
                offsets = Arrays.copyOf(offsets, Math.min(objectCount, 2 * offsets.length));
            }
            offsets[number] = position;
            raw(number + " 0 obj\n");
        }

        void object(int number, String body) throws IOException {
            begin(number);
            raw(body + "\nendobj\n");
        }

        void stream(int number, byte[] deflated) throws IOException {
            begin(number);
            raw("<< /Length " + deflated.length + " /Filter /FlateDecode >>\nstream\n");
            bytes(deflated, deflated.length);
            raw("\nendstream\nendobj\n");
        }

        void raw(String ascii) throws IOException {
            byte[] b = ascii.getBytes(StandardCharsets.ISO_8859_1);
            bytes(b, b.length);
        }

        void raw(ByteSink sink) throws IOException {
            bytes(sink.array(), sink.length());
        }

        private void bytes(byte[] b, int n) throws IOException {
            out.write(b, 0, n);
            position += n;
            if (position > MAX_PDF_BYTES) {
                throw new IOException("PDF would exceed " + MAX_PDF_BYTES + " bytes; export fewer labels per file");
            }
        }

        void finish(int root) throws IOException {
            long xref = position;
            var table = new ByteSink(8192);
            table.ascii("xref\n0 ").num(objectCount).ascii("\n0000000000 65535 f\r\n");
            for (int i = 1; i < objectCount; i++) {
                String digits = Long.toString(offsets[i]);
                table.ascii("0000000000".substring(digits.length())).ascii(digits).ascii(" 00000 n\r\n");
                if (table.length() > 8000) {
                    raw(table);
                    table.reset();
                }
            }
            table.ascii("trailer\n<< /Size ").num(objectCount).ascii(" /Root ").num(root)
                    .ascii(" 0 R >>\nstartxref\n").num(xref).ascii("\n%%EOF\n");
            raw(table);
            out.flush();
        }
    }
}
