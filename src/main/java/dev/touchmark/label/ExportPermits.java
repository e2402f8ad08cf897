package dev.touchmark.label;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many exports of one kind (label exports, CSV exports) may run at once: at most {@code perInstallation} in all and
 * {@code perBrand} for any one brand. A request over either cap is refused at once ({@link ExportsBusy}) rather than queued: an export can take
 * minutes, and a client told to come back holds no thread or memory meanwhile.
 */
public final class ExportPermits {
    /** What a refused client is told to wait before it tries again. */
    public static final long RETRY_AFTER_SECONDS = 10;

    private final String what;
    private final int perInstallation;
    private final int perBrand;
    private final Map<Long, Integer> runningByBrand = new HashMap<>();
    private int running;

    /**
     * A permit from admit, or null once the request has been answered 429 with Retry-After: how every export
     * endpoint refuses when its kind of export is busy.
     */
    public static Permit admitOrRefuse(io.javalin.http.Context ctx, java.util.function.LongFunction<Permit> admit,
                                       long brandId) {
        try {
            return admit.apply(brandId);
        } catch (ExportsBusy e) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            dev.touchmark.http.Problem.write(ctx, 429, "Exports busy", e.getMessage());
            return null;
        }
    }

    /** Caps for label exports. */
    public ExportPermits(int perInstallation, int perBrand) {
        this("label export", perInstallation, perBrand);
    }

    /** Caps for exports of a kind, named in the refusals ("CSV export"). */
    public ExportPermits(String what, int perInstallation, int perBrand) {
        this.what = what;
        if (perInstallation < 1 || perBrand < 1) {
            throw new IllegalArgumentException("export caps must be at least 1, were " + perInstallation + " and " + perBrand);
        }
        this.perInstallation = perInstallation;
        this.perBrand = perBrand;
    }

    /**
     * A permit for one export by the brand, to be closed when the export ends however it ends.
     *
     * @throws ExportsBusy if the brand or the installation already runs as many exports as it may
     */
    public synchronized Permit acquire(long brandId) {
        int brandRunning = runningByBrand.getOrDefault(brandId, 0);
        if (brandRunning >= perBrand) {
            throw new ExportsBusy("this brand already has " + brandRunning + " " + what + (brandRunning == 1 ? "" : "s")
                    + " running, the most it may run at once; try again in " + RETRY_AFTER_SECONDS
                    + " s, or when the running one has finished");
        }
        if (running >= perInstallation) {
            throw new ExportsBusy("the server is busy with other " + what + "s (" + running + " running, the most it runs"
                    + " at once); try again in " + RETRY_AFTER_SECONDS + " s");
        }
        running++;
        runningByBrand.put(brandId, brandRunning + 1);
        return new Permit(brandId);
    }

    /** Exports running now, in all. */
    public synchronized int running() {
        return running;
    }

    /** Exports running now for one brand. */
    public synchronized int running(long brandId) {
        return runningByBrand.getOrDefault(brandId, 0);
    }

    private synchronized void release(long brandId) {
        running--;
        // Brands without a running export leave the map, so it never holds more than perInstallation entries.
        runningByBrand.computeIfPresent(brandId, (id, n) -> n > 1 ? n - 1 : null);
    }

    /** The right to run one export; closing it more than once releases it once. */
    public final class Permit implements AutoCloseable {
        private final long brandId;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(long brandId) {
            this.brandId = brandId;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(brandId);
            }
        }
    }

    /** Too many exports are running; the message says whose and when to try again. */
    public static final class ExportsBusy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExportsBusy(String message) {
            super(message);
        }

        /** Seconds the client should wait before it tries again. */
        public long retryAfterSeconds() {
            return RETRY_AFTER_SECONDS;
        }
    }
}
