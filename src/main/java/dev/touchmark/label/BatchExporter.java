package dev.touchmark.label;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes whole batches of labels (indexes {@code from..from+count-1}) to an OutputStream in any
 * {@link LabelFormat}, streaming: codes and QR matrices are produced in parallel chunks on a shared
 * {@link RenderPool} with a bounded number of chunks in flight, and written in order on the calling
 * thread. The stream is flushed but never closed. If it throws (client went away), the export stops,
 * its chunks still queued are cancelled and the IOException is rethrown once none of its chunks is still
 * rendering; a failure of the LabelSource is rethrown as is.
 * ZIP is the exception to constant memory, hence {@link #MAX_ZIP_CODES}.
 */
public final class BatchExporter {
    /**
     * Most codes in one ZIP: ZipOutputStream keeps ~250 bytes per entry until the central directory is
     * written, so larger ZIPs would no longer stream in bounded memory (and nobody unpacks a million SVGs).
     */
    public static final long MAX_ZIP_CODES = 100_000;
    /**
     * Most labels in one PDF: a classic xref caps a file at about 10 GB (about 8 million of our labels),
     * so one PDF is held well below that and larger batches are exported in ranges.
     */
    public static final long MAX_PDF_CODES = 5_000_000;

    /** The most codes one export in this format may hold. */
    public static long maxCodes(LabelFormat format) {
        return switch (format) {
            case ZIP -> MAX_ZIP_CODES;
            case PDF -> MAX_PDF_CODES;
            case CSV, ZPL -> Long.MAX_VALUE;
        };
    }

    private final CsvBatchWriter csv;
    private final ZipBatchWriter zip;
    private final PdfBatchWriter pdf;
    private final ZplBatchWriter zpl;

    /** An exporter rendering on {@code pool}, which other exports may share. */
    public BatchExporter(LabelSource source, RenderPool pool) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pool, "pool");
        this.csv = new CsvBatchWriter(source, pool);
        this.zip = new ZipBatchWriter(source, pool);
        this.pdf = new PdfBatchWriter(source, pool);
        this.zpl = new ZplBatchWriter(source, pool);
    }

    /** Writes codes {@code from..from+count-1} in {@code format}; PDF uses A4 sheets, ZPL 50 x 30 mm at 203 dpi. */
    public void write(LabelFormat format, long from, long count, OutputStream out) throws IOException {
        switch (format) {
            case CSV -> writeCsv(from, count, out);
            case PDF -> writePdf(from, count, SheetLayout.defaults(Paper.A4), out);
            case ZIP -> writeZip(from, count, out);
            case ZPL -> writeZpl(from, count, ZplLayout.defaults(), out);
        }
    }

    /** CSV {@code index,serial,url}, UTF-8, CRLF line endings (RFC 4180), fields quoted only when needed. */
    public void writeCsv(long from, long count, OutputStream out) throws IOException {
        csv.write(from, count, out);
    }

    /**
     * A ZIP of {@code <serial>.svg} files (DEFLATED, fastest level).
     *
     * @throws IllegalArgumentException if count exceeds {@link #MAX_ZIP_CODES}
     */
    public void writeZip(long from, long count, OutputStream out) throws IOException {
        if (count > MAX_ZIP_CODES) {
            throw new IllegalArgumentException("a ZIP holds at most " + MAX_ZIP_CODES + " codes, was " + count
                    + "; export a range at a time, or use PDF, CSV or ZPL");
        }
        zip.write(from, count, out);
    }

    /** PDF 1.4 label sheets in {@code layout} (validated first), one page per columns x rows codes. */
    public void writePdf(long from, long count, SheetLayout layout, OutputStream out) throws IOException {
        pdf.write(from, count, layout, out);
    }

    /** ZPL II for thermal printers, one {@code ^XA..^XZ} per code, in {@code layout} (validated first). */
    public void writeZpl(long from, long count, ZplLayout layout, OutputStream out) throws IOException {
        zpl.write(from, count, layout, out);
    }
}
