package dev.touchmark.label;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a batch as a ZIP of SVG labels named {@code <serial>.svg}. Entries are DEFLATED at the fastest
 * level: SVG path text shrinks about 3-4x, and deflating a ~7 KB label costs far less than encoding its
 * QR, so the single writer thread keeps up with the encoding workers. Caveat: ZipOutputStream keeps one
 * record per entry (~250 bytes) for the central directory, so memory grows with the number of entries;
 * {@link BatchExporter#MAX_ZIP_CODES} caps it.
 */
final class ZipBatchWriter {
    private static final int CHUNK = 64;

    private final LabelSource source;
    private final OrderedParallelPipeline<List<Entry>> pipeline;

    private record Entry(String name, byte[] svg) {}

    ZipBatchWriter(LabelSource source, RenderPool pool) {
        this.source = source;
        this.pipeline = new OrderedParallelPipeline<>(pool, 4 * pool.threads());
    }

    void write(long from, long count, OutputStream target) throws IOException {
        var range = new CodeRange(from, count, CHUNK);
        var zip = new ZipOutputStream(new BufferedOutputStream(target, 1 << 16), StandardCharsets.UTF_8);
        zip.setMethod(ZipOutputStream.DEFLATED);
        zip.setLevel(Deflater.BEST_SPEED);
        pipeline.run(range.chunks(), chunk -> chunk(range, chunk), entries -> {
            for (Entry e : entries) {
                zip.putNextEntry(new ZipEntry(e.name()));
                zip.write(e.svg());
                zip.closeEntry();
            }
        });
        zip.finish();
        zip.flush();
    }

    private List<Entry> chunk(CodeRange range, long chunk) {
        long start = range.start(chunk);
        int n = range.size(chunk);
        var entries = new ArrayList<Entry>(n);
        for (int i = 0; i < n; i++) {
            LabelCode code = source.code(start + i);
            var svg = SvgLabel.render(code, QrEncoder.encode(code.url()));
            entries.add(new Entry(entryName(code.serial()), svg.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return entries;
    }

    /** {@code <serial>.svg}, with anything but letters, digits, '-' and '_' replaced so no path escapes. */
    static String entryName(String serial) {
        var sb = new StringBuilder(serial.length() + 4);
        for (int i = 0; i < serial.length(); i++) {
            char c = serial.charAt(i);
            boolean safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            sb.append(safe ? c : '_');
        }
        return sb.append(".svg").toString();
    }
}
