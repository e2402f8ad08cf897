package dev.touchmark.batch;

import dev.touchmark.domain.BatchStatus;
import static dev.touchmark.db.jooq.Tables.BATCH;
import static dev.touchmark.db.jooq.Tables.BATCH_EVENT;

import dev.touchmark.code.CodeProfile;
import dev.touchmark.product.Markets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;

/** SQL for batches and their status history; every query is filtered by brand. */
public final class BatchRepository {
    private static final SelectField<?>[] COLUMNS = {
        BATCH.ID, BATCH.BRAND_ID, BATCH.PRODUCT_ID, BATCH.SIGNING_KEY_ID, BATCH.PROFILE, BATCH.QUANTITY, BATCH.LOT,
        BATCH.EXPIRY, BATCH.MARKETS, BATCH.STATUS, BATCH.CREATED_AT, BATCH.CREATED_BY, BATCH.STATUS_CHANGED_AT,
        BATCH.STATUS_CHANGED_BY, BATCH.PUBLIC_URL
    };
    private final DSLContext dsl;

    public BatchRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Stores a draft batch and its first history entry; returns its id. */
    public long insert(long brandId, long productId, long signingKeyId, CodeProfile profile, long quantity, String lot,
                       LocalDate expiry, List<String> markets, String publicUrl, String actor, OffsetDateTime now) {
        long id = dsl.insertInto(BATCH)
                .set(BATCH.BRAND_ID, brandId)
                .set(BATCH.PRODUCT_ID, productId)
                .set(BATCH.SIGNING_KEY_ID, signingKeyId)
                .set(BATCH.PROFILE, profile.id())
                .set(BATCH.QUANTITY, quantity)
                .set(BATCH.LOT, lot)
                .set(BATCH.EXPIRY, expiry)
                .set(BATCH.MARKETS, Markets.join(markets))
                .set(BATCH.STATUS, BatchStatus.DRAFT.id())
                .set(BATCH.CREATED_AT, now)
                .set(BATCH.CREATED_BY, actor)
                .set(BATCH.STATUS_CHANGED_AT, now)
                .set(BATCH.STATUS_CHANGED_BY, actor)
                .set(BATCH.PUBLIC_URL, publicUrl)
                .returning(BATCH.ID).fetchOne().getId();
        insertEvent(id, null, BatchStatus.DRAFT, actor, null, now);
        return id;
    }

    /** A batch of a brand. */
    public Optional<Batch> find(long brandId, long id) {
        return dsl.select(COLUMNS).from(BATCH).where(BATCH.BRAND_ID.eq(brandId).and(BATCH.ID.eq(id)))
                .fetchOptional(BatchRepository::toBatch);
    }

    /** A batch of a brand, locked for a status change. */
    public Optional<Batch> findForUpdate(long brandId, long id) {
        return dsl.select(COLUMNS).from(BATCH).where(BATCH.BRAND_ID.eq(brandId).and(BATCH.ID.eq(id))).forUpdate()
                .fetchOptional(BatchRepository::toBatch);
    }

    /** A page of a brand's batches, newest first, optionally of one product. */
    public List<Batch> list(long brandId, Long productId, int limit, long beforeId) {
        var condition = BATCH.BRAND_ID.eq(brandId).and(BATCH.ID.lt(beforeId));
        if (productId != null) {
            condition = condition.and(BATCH.PRODUCT_ID.eq(productId));
        }
        return dsl.select(COLUMNS).from(BATCH).where(condition).orderBy(BATCH.ID.desc()).limit(limit)
                .fetch(BatchRepository::toBatch);
    }

    /** Moves a batch to a new status and records who did it. */
    public void changeStatus(Batch batch, BatchStatus to, String actor, String reason, OffsetDateTime now) {
        dsl.update(BATCH)
                .set(BATCH.STATUS, to.id())
                .set(BATCH.STATUS_CHANGED_AT, now)
                .set(BATCH.STATUS_CHANGED_BY, actor)
                .where(BATCH.BRAND_ID.eq(batch.brandId()).and(BATCH.ID.eq(batch.id())))
                .execute();
        insertEvent(batch.id(), batch.status(), to, actor, reason, now);
    }

    /**
     * Records the public URL a batch's labels encode unless one is recorded already; answers the batch's URL (a
     * concurrent first export may have recorded it first).
     */
    public String recordPublicUrl(long brandId, long id, String publicUrl) {
        dsl.update(BATCH).set(BATCH.PUBLIC_URL, publicUrl)
                .where(BATCH.BRAND_ID.eq(brandId).and(BATCH.ID.eq(id)).and(BATCH.PUBLIC_URL.isNull()))
                .execute();
        return dsl.select(BATCH.PUBLIC_URL).from(BATCH).where(BATCH.BRAND_ID.eq(brandId).and(BATCH.ID.eq(id)))
                .fetchSingle(r -> r.value1());
    }

    /** The status history of a batch, oldest first (the caller has checked the brand). */
    public List<BatchEvent> history(long batchId) {
        return dsl.select(BATCH_EVENT.FROM_STATUS, BATCH_EVENT.TO_STATUS, BATCH_EVENT.ACTOR, BATCH_EVENT.REASON, BATCH_EVENT.AT)
                .from(BATCH_EVENT).where(BATCH_EVENT.BATCH_ID.eq(batchId)).orderBy(BATCH_EVENT.ID)
                .fetch(r -> new BatchEvent(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    private void insertEvent(long batchId, BatchStatus from, BatchStatus to, String actor, String reason, OffsetDateTime now) {
        dsl.insertInto(BATCH_EVENT)
                .set(BATCH_EVENT.BATCH_ID, batchId)
                .set(BATCH_EVENT.FROM_STATUS, from == null ? null : from.id())
                .set(BATCH_EVENT.TO_STATUS, to.id())
                .set(BATCH_EVENT.ACTOR, actor)
                .set(BATCH_EVENT.REASON, reason)
                .set(BATCH_EVENT.AT, now)
                .execute();
    }

    private static Batch toBatch(Record r) {
        var b = r.into(BATCH);
        return new Batch(b.getId(), b.getBrandId(), b.getProductId(), b.getSigningKeyId(), CodeProfile.parse(b.getProfile()),
                b.getQuantity(), b.getLot(), b.getExpiry(), Markets.split(b.getMarkets()), BatchStatus.of(b.getStatus()),
                b.getCreatedAt(), b.getCreatedBy(), b.getStatusChangedAt(), b.getStatusChangedBy(), b.getPublicUrl());
    }
}
