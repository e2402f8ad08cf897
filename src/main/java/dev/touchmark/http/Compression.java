package dev.touchmark.http;

import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import java.util.ArrayList;
import java.util.List;

/**
 * Gzip for text answers (pages, scripts, style sheets, JSON, SVG, CSV) of at least a few hundred bytes, for clients that
 * accept it: the scanner page's QR library shrinks from 349 KB to about 90 KB. Never for what is compressed already
 * (PNG labels, PDF sheets, ZIP and XLSX exports) and never for the live event stream, whose every event must reach the
 * browser when it is flushed rather than when a compressor's buffer fills.
 */
public final class Compression {
    /** Smaller answers gain less than the header and the compressor cost. */
    static final int MIN_BYTES = 860;
    /** Level 6 (gzip's own default): nearly the size of level 9 at a third of the time. */
    private static final int LEVEL = 6;
    /** Substrings of content types never compressed (Javalin's own list keeps images, audio, video and archives out). */
    static final List<String> NEVER = List.of("text/event-stream", "application/pdf", "image/png",
            "application/zip", "application/vnd.openxmlformats", "application/octet-stream");

    private Compression() {
    }

    /** The strategy the server uses. */
    public static CompressionStrategy strategy() {
        CompressionStrategy strategy = new CompressionStrategy(null, new Gzip(LEVEL));
        strategy.setDefaultMinSizeForCompression(MIN_BYTES);
        List<String> excluded = new ArrayList<>(strategy.getExcludedMimeTypes());
        excluded.addAll(NEVER);
        strategy.setExcludedMimeTypes(excluded);
        return strategy;
    }
}
