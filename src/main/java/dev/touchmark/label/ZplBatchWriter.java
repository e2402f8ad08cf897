package dev.touchmark.label;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a batch as ZPL II, one {@code ^XA..^XZ} label per code, LF line endings, UTF-8 ({@code ^CI28}).
 * The printer draws the QR itself ({@code ^BQN,2,m} with {@code ^FDMA,<url>^FS}: error correction M,
 * automatic input mode); the magnification m (dots per module) is the largest that fits the QR and its
 * 4-module quiet zone above the serial, computed from the version ZXing picks for the same URL.
 */
final class ZplBatchWriter {
    /** Largest magnification ^BQ accepts. */
    static final int MAX_MAGNIFICATION = 10;
    private static final int CHUNK = 512;

    private final LabelSource source;
    private final OrderedParallelPipeline<ByteSink> pipeline;

    ZplBatchWriter(LabelSource source, RenderPool pool) {
        this.source = source;
        this.pipeline = new OrderedParallelPipeline<>(pool, 4 * pool.threads());
    }

    void write(long from, long count, ZplLayout layout, OutputStream target) throws IOException {
        layout.validate();
        var range = new CodeRange(from, count, CHUNK);
        var out = new BufferedOutputStream(target, 1 << 16);
        pipeline.run(range.chunks(), chunk -> chunk(range, chunk, layout), sink -> sink.writeTo(out));
        out.flush();
    }

    private ByteSink chunk(CodeRange range, long chunk, ZplLayout layout) {
        long start = range.start(chunk);
        int n = range.size(chunk);
        var sink = new ByteSink(n * 320);
        for (int i = 0; i < n; i++) {
            LabelCode code = source.code(start + i);
            label(code, QrEncoder.encode(code.url()).size(), layout, sink);
        }
        return sink;
    }

    static void label(LabelCode code, int qrModules, ZplLayout layout, ByteSink out) {
        int width = layout.widthDots();
        int band = layout.textBandDots();
        int qrArea = Math.min(width, layout.heightDots() - band);
        int magnification = magnification(qrModules, qrArea);
        int symbol = qrModules * magnification;
        int font = band * 6 / 10;
        out.ascii("^XA\n^CI28\n^PW").num(width).ascii("\n^LL").num(layout.heightDots()).ascii("\n^LH0,0\n")
                .ascii("^FO").num((width - symbol) / 2).ch(',').num((qrArea - symbol) / 2)
                .ascii("^BQN,2,").num(magnification).ch('\n');
        field("MA," + code.url(), out);
        out.ascii("^FO0,").num(qrArea + (band - font) / 2).ascii("^FB").num(width).ascii(",1,0,C,0")
                .ascii("^A0N,").num(font).ch(',').num(font).ch('\n');
        field(code.serial(), out);
        out.ascii("^XZ\n");
    }

    /** Dots per module so that the symbol plus its quiet zone fits {@code areaDots}, between 1 and 10. */
    static int magnification(int qrModules, int areaDots) {
        int m = areaDots / (qrModules + 2 * QrEncoder.QUIET_ZONE);
        return Math.max(1, Math.min(MAX_MAGNIFICATION, m));
    }

    /**
     * Writes {@code ^FD<data>^FS}; data holding ZPL's command characters ^ or ~ (or control characters) is
     * sent hex-escaped under {@code ^FH_}, with '_' itself escaped too.
     */
    private static void field(String data, ByteSink out) {
        if (!needsHex(data)) {
            out.ascii("^FD").utf8(data).ascii("^FS\n");
            return;
        }
        out.ascii("^FH_^FD");
        for (byte b : data.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '^' || c == '~' || c == '_' || c < 0x20) {
                out.ch('_').ch(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .ch(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            } else {
                out.ch((char) c);
            }
        }
        out.ascii("^FS\n");
    }

    private static boolean needsHex(String data) {
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '^' || c == '~' || c < 0x20) {
                return true;
            }
        }
        return false;
    }
}
