package dev.touchmark.label;

import dev.touchmark.batch.Batch;
import dev.touchmark.batch.BatchController;
import dev.touchmark.batch.BatchService;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.error.ValidationException;
import dev.touchmark.access.ApiAuth;
import dev.touchmark.http.BadRequest;
import dev.touchmark.http.Params;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP for labels: one code as PNG or SVG, a whole batch as CSV, ZIP of SVGs, PDF sheets or ZPL, streamed. */
public final class LabelController {
    private static final Logger LOG = LoggerFactory.getLogger(LabelController.class);
    private final BatchService batches;
    private final ExportScheduler exports;

    public LabelController(BatchService batches, ExportScheduler exports) {
        this.batches = batches;
        this.exports = exports;
    }

    public void png(Context ctx) throws IOException {
        LabelCode code = singleCode(ctx);
        int scale = (int) Params.longOr(ctx, "scale", 1, 40, 8);
        ctx.contentType("image/png").header("Content-Disposition", "inline; filename=\"" + code.serial() + ".png\"");
        try (OutputStream out = ctx.outputStream()) {
            PngLabel.write(code, scale, out);
        }
    }

    public void svg(Context ctx) throws IOException {
        LabelCode code = singleCode(ctx);
        ctx.contentType("image/svg+xml").header("Content-Disposition", "inline; filename=\"" + code.serial() + ".svg\"");
        try (Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            SvgLabel.write(code, out);
        }
    }

    /**
     * GET /api/v1/batches/{id}/labels?format=csv|pdf|zip|zpl, with sheet settings for PDF. Refused with 429 before
     * anything is rendered when the brand or the installation already runs as many exports as it may.
     */
    public void export(Context ctx) throws IOException {
        long brandId = ApiAuth.principal(ctx).brandId();
        long batchId = Params.id(ctx, "id", "batch");
        LabelFormat format = format(ctx.queryParam("format"));
        SheetLayout layout = format == LabelFormat.PDF ? layout(ctx) : null;
        BatchCodes codes = batches.codesForPrinting(brandId, batchId);
        long from = Params.longOr(ctx, "from", 0, codes.quantity() - 1, 0);
        long count = Params.longOr(ctx, "count", 1, codes.quantity() - from, codes.quantity() - from);
        if (count > BatchExporter.maxCodes(format)) {
            throw new BadRequest("one " + format.fileExtension() + " file holds at most " + BatchExporter.maxCodes(format)
                    + " labels; export the batch in ranges with 'from' and 'count', or use csv or zpl, which have no limit");
        }
        ExportPermits.Permit permit = ExportPermits.admitOrRefuse(ctx, exports::admit, brandId);
        if (permit == null) {
            return;
        }
        // Released however the export ends: finished, failed, or the client gone (a write fails).
        try (permit) {
            String range = from == 0 && count == codes.quantity() ? "" : "-" + from + "-" + (from + count - 1);
            ctx.contentType(format.contentType()).header("Content-Disposition",
                    "attachment; filename=\"batch-" + batchId + range + "." + format.fileExtension() + "\"");
            BatchExporter exporter = exports.exporter(source(codes));
            try (OutputStream out = ctx.outputStream()) {
                if (format == LabelFormat.PDF) {
                    exporter.writePdf(from, count, layout, out);
                } else {
                    exporter.write(format, from, count, out);
                }
            }
        } catch (IOException e) {
            // The body is under way, so there is no one left to answer: the client went away (or stopped reading).
            LOG.info("Label export of batch {} stopped: {}", batchId, e.toString());
        }
    }

    /** The codes of a batch as label source for the exporters. */
    public static LabelSource source(BatchCodes codes) {
        return index -> new LabelCode(index, codes.serial(index), codes.url(index));
    }

    private LabelCode singleCode(Context ctx) {
        Batch batch = batches.get(ApiAuth.principal(ctx).brandId(), Params.id(ctx, "id", "batch"));
        long index = BatchController.codeIndex(ctx, batch);
        BatchCodes codes = batches.codesForPrinting(batch.brandId(), batch.id());
        return new LabelCode(index, codes.serial(index), codes.url(index));
    }

    private static LabelFormat format(String raw) {
        try {
            return LabelFormat.parse(raw == null ? "pdf" : raw.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static SheetLayout layout(Context ctx) {
        String paperName = ctx.queryParam("paper");
        Paper paper;
        try {
            paper = paperName == null ? Paper.A4 : Paper.valueOf(paperName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("query parameter 'paper' must be A4 or LETTER");
        }
        SheetLayout d = SheetLayout.defaults(paper);
        SheetLayout layout = new SheetLayout(paper,
                Params.doubleOr(ctx, "labelWidthMm", 1, 1000, d.labelWidthMm()),
                Params.doubleOr(ctx, "labelHeightMm", 1, 1000, d.labelHeightMm()),
                (int) Params.longOr(ctx, "columns", 1, SheetLayout.MAX_GRID, d.columns()),
                (int) Params.longOr(ctx, "rows", 1, SheetLayout.MAX_GRID, d.rows()),
                Params.doubleOr(ctx, "marginTopMm", 0, 500, d.marginTopMm()),
                Params.doubleOr(ctx, "marginLeftMm", 0, 500, d.marginLeftMm()),
                Params.doubleOr(ctx, "columnGapMm", 0, 500, d.columnGapMm()),
                Params.doubleOr(ctx, "rowGapMm", 0, 500, d.rowGapMm()));
        try {
            return layout.validate();
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("layout", e.getMessage());
        }
    }
}
