package dev.touchmark.config;

/**
 * Limits on label exports, which render on a shared pool of workers so that they cannot slow verification.
 *
 * @param renderThreads workers rendering labels for all exports together; 0: half the cores, at least one
 *                      (TOUCHMARK_EXPORT_THREADS)
 * @param atOnce        exports running at once on this server, all brands together (TOUCHMARK_EXPORTS_AT_ONCE)
 * @param perBrand      exports running at once for one brand (TOUCHMARK_EXPORTS_PER_BRAND)
 */
public record ExportSettings(int renderThreads, int atOnce, int perBrand) {
    public ExportSettings {
        if (renderThreads < 0 || atOnce < 1 || perBrand < 1) {
            throw new IllegalArgumentException("need renderThreads >= 0, atOnce >= 1 and perBrand >= 1");
        }
    }

    /** The documented defaults: half the cores render; 3 exports at once, one per brand. */
    public static ExportSettings defaults() {
        return new ExportSettings(0, 3, 1);
    }
}
