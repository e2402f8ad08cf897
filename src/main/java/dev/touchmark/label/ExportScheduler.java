package dev.touchmark.label;

/**
 * The installation's label exports: who may start one now ({@link ExportPermits}) and the one pool of workers every
 * running export renders on ({@link RenderPool}). Created once by App and closed when the server stops.
 */
public final class ExportScheduler implements AutoCloseable {
    private final ExportPermits permits;
    private final RenderPool pool;

    public ExportScheduler(ExportPermits permits, RenderPool pool) {
        this.permits = permits;
        this.pool = pool;
    }

    /**
     * A permit to run one export for the brand, to be closed when the export ends (finished, failed or abandoned).
     *
     * @throws ExportPermits.ExportsBusy if the brand or the installation runs as many exports as it may
     */
    public ExportPermits.Permit admit(long brandId) {
        return permits.acquire(brandId);
    }

    /** An exporter of these codes rendering on the shared pool. */
    public BatchExporter exporter(LabelSource source) {
        return new BatchExporter(source, pool);
    }

    /** Stops the render workers; an export still running fails. */
    @Override
    public void close() {
        pool.close();
    }
}
