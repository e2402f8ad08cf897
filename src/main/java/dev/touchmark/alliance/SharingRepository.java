package dev.touchmark.alliance;

import static dev.touchmark.db.jooq.Tables.ALLIANCE_MEMBER;
import static dev.touchmark.db.jooq.Tables.ALLIANCE_SHARING;
import static dev.touchmark.db.jooq.Tables.BRAND;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * SQL for members' sharing settings. Counts and lists read only current members' rows, so a brand that left or was
 * removed shares nothing even if a row of it were left behind.
 */
public final class SharingRepository {
    private final DSLContext dsl;

    public SharingRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The brand's stored levels in the alliance; classes without a row are absent (none). Filtered by the brand. */
    public Map<SignalClass, SharingLevel> levels(long allianceId, long brandId) {
        Map<SignalClass, SharingLevel> levels = new EnumMap<>(SignalClass.class);
        dsl.select(ALLIANCE_SHARING.SIGNAL_CLASS, ALLIANCE_SHARING.SHARING_LEVEL).from(ALLIANCE_SHARING)
                .where(ALLIANCE_SHARING.ALLIANCE_ID.eq(allianceId).and(ALLIANCE_SHARING.BRAND_ID.eq(brandId)))
                .forEach(r -> levels.put(SignalClass.of(r.value1()).orElseThrow(), SharingLevel.of(r.value2()).orElseThrow()));
        return levels;
    }

    /** How many current members share each class at all (anonymously or named); classes nobody shares are absent. */
    public Map<SignalClass, Integer> sharingCounts(long allianceId) {
        Map<SignalClass, Integer> counts = new EnumMap<>(SignalClass.class);
        var count = DSL.count();
        dsl.select(ALLIANCE_SHARING.SIGNAL_CLASS, count).from(ALLIANCE_SHARING)
                .join(ALLIANCE_MEMBER).on(currentMember())
                .where(ALLIANCE_SHARING.ALLIANCE_ID.eq(allianceId).and(sharing()))
                .groupBy(ALLIANCE_SHARING.SIGNAL_CLASS)
                .forEach(r -> counts.put(SignalClass.of(r.value1()).orElseThrow(), r.value2()));
        return counts;
    }

    /** The current members sharing the class, with their level, by brand id. */
    public List<SharingMember> sharingMembers(long allianceId, SignalClass signalClass) {
        return dsl.select(ALLIANCE_SHARING.BRAND_ID, BRAND.NAME, ALLIANCE_SHARING.SHARING_LEVEL).from(ALLIANCE_SHARING)
                .join(ALLIANCE_MEMBER).on(currentMember())
                .join(BRAND).on(BRAND.ID.eq(ALLIANCE_SHARING.BRAND_ID))
                .where(ALLIANCE_SHARING.ALLIANCE_ID.eq(allianceId)
                        .and(ALLIANCE_SHARING.SIGNAL_CLASS.eq(signalClass.id())).and(sharing()))
                .orderBy(ALLIANCE_SHARING.BRAND_ID)
                .fetch(r -> new SharingMember(r.value1(), r.value2(), SharingLevel.of(r.value3()).orElseThrow()));
    }

    /** Stores the brand's level for one class. Only under the alliance's lock, which keeps two writers from both inserting. */
    public void set(long allianceId, long brandId, SignalClass signalClass, SharingLevel level, OffsetDateTime now, String actor) {
        int updated = dsl.update(ALLIANCE_SHARING)
                .set(ALLIANCE_SHARING.SHARING_LEVEL, level.id())
                .set(ALLIANCE_SHARING.CHANGED_AT, now)
                .set(ALLIANCE_SHARING.CHANGED_BY, actor)
                .where(ALLIANCE_SHARING.ALLIANCE_ID.eq(allianceId).and(ALLIANCE_SHARING.BRAND_ID.eq(brandId))
                        .and(ALLIANCE_SHARING.SIGNAL_CLASS.eq(signalClass.id())))
                .execute();
        if (updated == 0) {
            dsl.insertInto(ALLIANCE_SHARING)
                    .set(ALLIANCE_SHARING.ALLIANCE_ID, allianceId)
                    .set(ALLIANCE_SHARING.BRAND_ID, brandId)
                    .set(ALLIANCE_SHARING.SIGNAL_CLASS, signalClass.id())
                    .set(ALLIANCE_SHARING.SHARING_LEVEL, level.id())
                    .set(ALLIANCE_SHARING.CHANGED_AT, now)
                    .set(ALLIANCE_SHARING.CHANGED_BY, actor)
                    .execute();
        }
    }

    private static Condition currentMember() {
        return ALLIANCE_MEMBER.ALLIANCE_ID.eq(ALLIANCE_SHARING.ALLIANCE_ID)
                .and(ALLIANCE_MEMBER.BRAND_ID.eq(ALLIANCE_SHARING.BRAND_ID))
                .and(ALLIANCE_MEMBER.STATE.eq(MemberState.MEMBER.value()));
    }

    private static Condition sharing() {
        return ALLIANCE_SHARING.SHARING_LEVEL.ne(SharingLevel.NONE.id());
    }
}
