package dev.touchmark.bench;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.code.CodeProfile;
import dev.touchmark.code.CodeSigner;
import dev.touchmark.code.Ed25519KeyPair;
import dev.touchmark.keys.KeyIds;
import dev.touchmark.label.BatchExporter;
import dev.touchmark.label.LabelController;
import dev.touchmark.label.Paper;
import dev.touchmark.label.RenderPool;
import dev.touchmark.label.SheetLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Label export speed and memory, one measurement per JVM (run by scripts/bench-labels.sh with -Xmx256m):
 * {@code zxing N} (raw ZXing QR encoding on all cores), {@code pdf N}, {@code csv N} (whole exports of a
 * batch of N real signed codes to a byte-counting stream). Prints one line of key=value pairs.
 */
public final class LabelExportBenchmark {
    private LabelExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        long count = Long.parseLong(args[1]);
        int threads = Runtime.getRuntime().availableProcessors();
        Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
        BatchCodes codes = new BatchCodes(new CodeSigner(pair, KeyIds.shortKid(pair.publicKey())), 1_234, count,
                CodeProfile.COMPACT, "https://tm.example", null, null, null);
        CountingStream out = new CountingStream();
        long start = System.nanoTime();
        try (RenderPool pool = new RenderPool(threads)) {
            switch (mode) {
                case "zxing" -> rawEncode(codes, count, threads);
                case "pdf" -> new BatchExporter(LabelController.source(codes), pool)
                        .writePdf(0, count, SheetLayout.defaults(Paper.A4), out);
                case "csv" -> new BatchExporter(LabelController.source(codes), pool).writeCsv(0, count, out);
                default -> throw new IllegalArgumentException("mode must be zxing, pdf or csv");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "mode=%s count=%d threads=%d seconds=%.2f perSecond=%.0f bytes=%d heapPeakMB=%.1f rssPeakMB=%.1f%n",
                mode, count, threads, seconds, count / seconds, out.count, heapPeakMb(), rssPeakMb());
    }

    /** ZXing's own encoder on precomputed URLs, split over the cores: the baseline for label rendering. */
    private static void rawEncode(BatchCodes codes, long count, int threads) throws Exception {
        List<String> urls = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            urls.add(codes.url(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<Integer>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            parts.add(pool.submit(() -> {
                int versions = 0;
                for (int i = offset; i < urls.size(); i += threads) {
                    versions += encode(urls.get(i));
                }
                return versions;
            }));
        }
        for (Future<Integer> part : parts) {
            part.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "zxingEncodeOnly seconds=%.2f perSecond=%.0f%n", seconds, count / seconds);
    }

    private static int encode(String url) throws WriterException {
        return Encoder.encode(url, ErrorCorrectionLevel.M).getVersion().getVersionNumber();
    }

    private static double heapPeakMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1e6;
    }

    private static double rssPeakMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1e3;
            }
        }
        return -1;
    }

    /** Discards bytes, counting them. */
    static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
