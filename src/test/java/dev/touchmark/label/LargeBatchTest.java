package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Volume sanity checks: a large batch streams through in bounded memory (run with -Xmx256m, see pom.xml). */
@Tag("slow")
class LargeBatchTest {

    @Test
    void twoHundredThousandPdfLabelsStreamToANullOutput() throws Exception {
        var out = new CountingOutputStream();
        new BatchExporter(TestLabels.tinySource(), TestLabels.POOL).writePdf(0, 200_000, SheetLayout.defaults(Paper.A4), out);
        assertTrue(out.bytes > 200_000L * 100, "a few hundred bytes per version-1 label: " + out.bytes);
    }

    /** Discards what it is given and counts the bytes. */
    static final class CountingOutputStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
