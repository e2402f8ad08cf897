package dev.touchmark.export;

import dev.touchmark.access.ApiAuth;
import dev.touchmark.alert.AlertController;
import dev.touchmark.alert.AlertFilter;
import dev.touchmark.http.BadRequest;
import dev.touchmark.http.Downloads;
import dev.touchmark.http.Params;
import dev.touchmark.i18n.Lang;
import dev.touchmark.label.ExportPermits;
import dev.touchmark.report.ReportController;
import dev.touchmark.report.ReportFilter;
import dev.touchmark.scan.ScanFilter;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP for CSV exports: GET /api/v1/exports/{alerts,reports,scans}.csv with the filters of the lists, streamed as the
 * rows come from the database (chunked transfer), refused with 429 when too many exports run.
 */
public final class ExportController {
    private static final Logger LOG = LoggerFactory.getLogger(ExportController.class);
    private static final String CSV = "text/csv; charset=utf-8; header=present";
    private final ExportService exports;

    public ExportController(ExportService exports) {
        this.exports = exports;
    }

    /** The alert list's filters (status, rule, severity, batchId, from, to); summaries in ?lang= or Accept-Language. */
    public void alerts(Context ctx) {
        long brandId = ApiAuth.principal(ctx).brandId();
        AlertFilter filter = AlertController.filter(ctx);
        Lang lang = AlertController.lang(ctx);
        stream(ctx, brandId, exports.fileName("alerts", filter.window()), out -> exports.alerts(brandId, filter, lang, out));
    }

    /** The report list's filters (from, to, batchId, verdict). */
    public void reports(Context ctx) {
        long brandId = ApiAuth.principal(ctx).brandId();
        ReportFilter filter = ReportController.filter(ctx);
        stream(ctx, brandId, exports.fileName("reports", filter.window()), out -> exports.reports(brandId, filter, out));
    }

    /** The scan log: from, to, batchId, codeIndex (with batchId), verdict. */
    public void scans(Context ctx) {
        long brandId = ApiAuth.principal(ctx).brandId();
        Optional<Long> batchId = Optional.ofNullable(Params.optionalLong(ctx, "batchId", 1, Long.MAX_VALUE));
        Optional<Long> codeIndex = Optional.ofNullable(Params.optionalLong(ctx, "codeIndex", 0, Long.MAX_VALUE));
        if (codeIndex.isPresent() && batchId.isEmpty()) {
            throw new BadRequest("query parameter 'codeIndex' needs 'batchId'");
        }
        ScanFilter filter = new ScanFilter(Params.window(ctx), batchId, codeIndex, ReportController.verdict(ctx));
        stream(ctx, brandId, exports.fileName("scans", filter.window()), out -> exports.scans(brandId, filter, out));
    }

    private void stream(Context ctx, long brandId, String fileName, Consumer<OutputStream> write) {
        ExportPermits.Permit permit = ExportPermits.admitOrRefuse(ctx, exports::admit, brandId);
        if (permit == null) {
            return;
        }
        // Released however the export ends: finished, failed, or the client gone (a write fails).
        try (permit) {
            Downloads.attachment(ctx, CSV, fileName);
            // The servlet's own stream: Javalin's wrapper (ctx.outputStream()) ignores flush(), so the header row would
            // wait for the buffer to fill instead of starting the download (and committing to chunked transfer) at once.
            // Closed by the export once every row is out, and not otherwise: closing it would end the download as if
            // it were whole.
            write.accept(ctx.res().getOutputStream());
        } catch (UncheckedIOException | IOException e) {
            // The client went away or stopped reading (Jetty's idle timeout): the connection is gone already.
            LOG.info("CSV export {} stopped: {}", fileName, e.toString());
        } catch (RuntimeException e) {
            // The header row is out, so a problem document cannot follow: break the download off instead of ending a
            // short file that would look whole.
            LOG.error("CSV export {} failed", fileName, e);
            Downloads.abort(ctx, e);
        }
    }
}
