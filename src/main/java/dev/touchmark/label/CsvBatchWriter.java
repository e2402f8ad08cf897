package dev.touchmark.label;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a batch as CSV for label-printing software: UTF-8 without BOM, header {@code index,serial,url},
 * one record per code, CRLF line endings as RFC 4180 prescribes; a field is quoted only if it holds a
 * comma, a double quote, CR or LF.
 */
final class CsvBatchWriter {
    static final String HEADER = "index,serial,url\r\n";
    private static final int CHUNK = 1024;

    private final LabelSource source;
    private final OrderedParallelPipeline<ByteSink> pipeline;

    CsvBatchWriter(LabelSource source, RenderPool pool) {
        this.source = source;
        this.pipeline = new OrderedParallelPipeline<>(pool, 4 * pool.threads());
    }

    void write(long from, long count, OutputStream target) throws IOException {
        var range = new CodeRange(from, count, CHUNK);
        var out = new BufferedOutputStream(target, 1 << 16);
        out.write(HEADER.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        pipeline.run(range.chunks(), chunk -> chunk(range, chunk), sink -> sink.writeTo(out));
        out.flush();
    }

    private ByteSink chunk(CodeRange range, long chunk) {
        long start = range.start(chunk);
        int n = range.size(chunk);
        var sink = new ByteSink(n * 200);
        for (int i = 0; i < n; i++) {
            LabelCode code = source.code(start + i);
            sink.num(code.index()).ch(',');
            field(code.serial(), sink).ch(',');
            field(code.url(), sink).ascii("\r\n");
        }
        return sink;
    }

    private static ByteSink field(String value, ByteSink sink) {
        if (!needsQuotes(value)) {
            return sink.utf8(value);
        }
        return sink.ch('"').utf8(value.replace("\"", "\"\"")).ch('"');
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
