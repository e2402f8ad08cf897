package dev.touchmark.batch;

import dev.touchmark.domain.BatchStatus;
import dev.touchmark.access.Principal;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.access.ApiAuth;
import dev.touchmark.http.Json;
import dev.touchmark.http.Page;
import dev.touchmark.http.Params;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** HTTP for batches and the codes derived from them. */
public final class BatchController {
    private final BatchService batches;
    private final Json json;

    public BatchController(BatchService batches, Json json) {
        this.batches = batches;
        this.json = json;
    }

    /** A batch as the API shows it. */
    public record BatchView(long id, long productId, String profile, long quantity, String lot, LocalDate expiry,
                            List<String> markets, String status, OffsetDateTime createdAt, String createdBy,
                            OffsetDateTime statusChangedAt, String statusChangedBy, String publicUrl) {
        static BatchView of(Batch b) {
            return new BatchView(b.id(), b.productId(), b.profile().id(), b.quantity(), b.lot(), b.expiry(), b.markets(),
                    b.status().id(), b.createdAt(), b.createdBy(), b.statusChangedAt(), b.statusChangedBy(), b.publicUrl());
        }
    }

    /** Body of a status change. */
    public record StatusRequest(String reason) {
    }

    /** One code of a batch. */
    public record CodeView(long batchId, long index, String serial, String url) {
    }

    public void create(Context ctx) {
        Batch batch = batches.create(ApiAuth.principal(ctx), json.read(ctx, NewBatch.class));
        ctx.status(201).header("Location", "/api/v1/batches/" + batch.id()).json(BatchView.of(batch));
    }

    public void get(Context ctx) {
        ctx.json(BatchView.of(batches.get(ApiAuth.principal(ctx).brandId(), Params.id(ctx, "id", "batch"))));
    }

    public void list(Context ctx) {
        int limit = (int) Params.longOr(ctx, "limit", 1, 500, 100);
        List<Batch> page = batches.list(ApiAuth.principal(ctx).brandId(),
                Params.optionalLong(ctx, "productId", 1, Long.MAX_VALUE), limit,
                Params.optionalLong(ctx, "before", 1, Long.MAX_VALUE));
        ctx.json(new Page<>(page.stream().map(BatchView::of).toList(),
                page.size() == limit ? page.get(page.size() - 1).id() : null));
    }

    public void history(Context ctx) {
        ctx.json(Map.of("items", batches.history(ApiAuth.principal(ctx).brandId(), Params.id(ctx, "id", "batch"))));
    }

    public void release(Context ctx) {
        changeStatus(ctx, BatchStatus.RELEASED);
    }

    public void recall(Context ctx) {
        changeStatus(ctx, BatchStatus.RECALLED);
    }

    public void voidBatch(Context ctx) {
        changeStatus(ctx, BatchStatus.VOIDED);
    }

    private void changeStatus(Context ctx, BatchStatus to) {
        Principal principal = ApiAuth.principal(ctx);
        long id = Params.id(ctx, "id", "batch");
        String reason = json.isEmpty(ctx) ? null : json.read(ctx, StatusRequest.class).reason();
        ctx.json(BatchView.of(batches.changeStatus(principal, id, to, reason)));
    }

    public void code(Context ctx) {
        Batch batch = batches.get(ApiAuth.principal(ctx).brandId(), Params.id(ctx, "id", "batch"));
        long index = codeIndex(ctx, batch);
        BatchCodes codes = batches.codesForPrinting(batch.brandId(), batch.id());
        ctx.json(new CodeView(batch.id(), index, codes.serial(index), codes.url(index)));
    }

    /** The index path parameter, checked against the batch size (404 outside it). */
    public static long codeIndex(Context ctx, Batch batch) {
        String raw = ctx.pathParam("index");
        try {
            long index = Long.parseLong(raw);
            if (index >= 0 && index < batch.quantity()) {
                return index;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new dev.touchmark.error.NotFoundException("batch " + batch.id() + " has codes 0 to "
                + (batch.quantity() - 1) + "; there is no code '" + (raw.length() > 20 ? raw.substring(0, 20) : raw) + "'");
    }
}
