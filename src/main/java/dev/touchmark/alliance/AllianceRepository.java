package dev.touchmark.alliance;

import static dev.touchmark.db.jooq.Tables.ALLIANCE;
import static dev.touchmark.db.jooq.Tables.ALLIANCE_EVENT;
import static dev.touchmark.db.jooq.Tables.ALLIANCE_MEMBER;
import static dev.touchmark.db.jooq.Tables.BRAND;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/** SQL for alliances, their members and their record; queries a brand makes are filtered by that brand. */
public final class AllianceRepository {
    private static final Field<Integer> MEMBERS = DSL.field(DSL.selectCount().from(ALLIANCE_MEMBER)
            .where(ALLIANCE_MEMBER.ALLIANCE_ID.eq(ALLIANCE.ID))
            .and(ALLIANCE_MEMBER.STATE.eq(MemberState.MEMBER.value()))).as("members");
    private static final SelectField<?>[] ALLIANCE_COLUMNS = {
        ALLIANCE.ID, ALLIANCE.NAME, ALLIANCE.MAX_MEMBERS, MEMBERS, ALLIANCE.CREATED_AT, ALLIANCE.CREATED_BY
    };
    private static final SelectField<?>[] MEMBER_COLUMNS = {
        ALLIANCE_MEMBER.ALLIANCE_ID, ALLIANCE_MEMBER.BRAND_ID, BRAND.NAME, ALLIANCE_MEMBER.STATE,
        ALLIANCE_MEMBER.INVITED_AT, ALLIANCE_MEMBER.INVITED_BY, ALLIANCE_MEMBER.EXPIRES_AT,
        ALLIANCE_MEMBER.RESPONDED_AT, ALLIANCE_MEMBER.RESPONDED_BY
    };
    private final DSLContext dsl;

    public AllianceRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Runs work in one transaction. */
    public <T> T inTransaction(Supplier<T> work) {
        return dsl.transactionResult(() -> work.get());
    }

    /** Stores an alliance and returns its id. */
    public long insert(String name, int maxMembers, OffsetDateTime now, String actor) {
        return dsl.insertInto(ALLIANCE)
                .set(ALLIANCE.NAME, name)
                .set(ALLIANCE.MAX_MEMBERS, maxMembers)
                .set(ALLIANCE.CREATED_AT, now)
                .set(ALLIANCE.CREATED_BY, actor)
                .returning(ALLIANCE.ID).fetchOne().getId();
    }

    /** An alliance by id. */
    public Optional<Alliance> find(long id) {
        return dsl.select(ALLIANCE_COLUMNS).from(ALLIANCE).where(ALLIANCE.ID.eq(id)).fetchOptional(AllianceRepository::toAlliance);
    }

    /** An alliance by exact name. */
    public Optional<Alliance> findByName(String name) {
        return dsl.select(ALLIANCE_COLUMNS).from(ALLIANCE).where(ALLIANCE.NAME.eq(name)).fetchOptional(AllianceRepository::toAlliance);
    }

    /** Every alliance, oldest first. */
    public List<Alliance> listAll() {
        return dsl.select(ALLIANCE_COLUMNS).from(ALLIANCE).orderBy(ALLIANCE.ID).fetch(AllianceRepository::toAlliance);
    }

    /**
     * Locks the alliance's row until the transaction ends, so that every change to its members (on any node) happens
     * one at a time; returns whether it exists. Only inside inTransaction.
     */
    public boolean lock(long allianceId) {
        return dsl.select(ALLIANCE.ID).from(ALLIANCE).where(ALLIANCE.ID.eq(allianceId)).forUpdate().fetchOptional().isPresent();
    }

    /** How many brands are members now. */
    public int countMembers(long allianceId) {
        return dsl.fetchCount(ALLIANCE_MEMBER, ALLIANCE_MEMBER.ALLIANCE_ID.eq(allianceId)
                .and(ALLIANCE_MEMBER.STATE.eq(MemberState.MEMBER.value())));
    }

    /** A brand's name, if the brand exists. */
    public Optional<String> brandName(long brandId) {
        return dsl.select(BRAND.NAME).from(BRAND).where(BRAND.ID.eq(brandId)).fetchOptional(BRAND.NAME);
    }

    /** The brand's row in the alliance. */
    /**
     * The alliance, if the brand is a current member of it; anyone else hears the same 404 as for an alliance that
     * does not exist, so alliance ids do not leak.
     */
    public Alliance requireMember(long allianceId, long brandId) {
        boolean member = findMembership(allianceId, brandId).filter(m -> m.state() == MemberState.MEMBER).isPresent();
        return find(allianceId).filter(a -> member).orElseThrow(() -> new dev.touchmark.error.NotFoundException(
                "this brand is not a member of alliance " + allianceId));
    }

    public Optional<Membership> findMembership(long allianceId, long brandId) {
        return dsl.select(MEMBER_COLUMNS).from(ALLIANCE_MEMBER).join(BRAND).on(BRAND.ID.eq(ALLIANCE_MEMBER.BRAND_ID))
                .where(ALLIANCE_MEMBER.ALLIANCE_ID.eq(allianceId).and(ALLIANCE_MEMBER.BRAND_ID.eq(brandId)))
                .fetchOptional(AllianceRepository::toMembership);
    }

    /** Every brand's row in the alliance, by brand name. */
    public List<Membership> members(long allianceId) {
        return dsl.select(MEMBER_COLUMNS).from(ALLIANCE_MEMBER).join(BRAND).on(BRAND.ID.eq(ALLIANCE_MEMBER.BRAND_ID))
                .where(ALLIANCE_MEMBER.ALLIANCE_ID.eq(allianceId))
                .orderBy(BRAND.NAME).fetch(AllianceRepository::toMembership);
    }

    /** A first invitation of the brand to the alliance. */
    public void insertInvitation(long allianceId, long brandId, OffsetDateTime now, String actor, OffsetDateTime expiresAt) {
        dsl.insertInto(ALLIANCE_MEMBER)
                .set(ALLIANCE_MEMBER.ALLIANCE_ID, allianceId)
                .set(ALLIANCE_MEMBER.BRAND_ID, brandId)
                .set(ALLIANCE_MEMBER.STATE, MemberState.INVITED.value())
                .set(ALLIANCE_MEMBER.INVITED_AT, now)
                .set(ALLIANCE_MEMBER.INVITED_BY, actor)
                .set(ALLIANCE_MEMBER.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** A new invitation on the brand's existing row (after a decline, leave, removal or expiry). */
    public void reinvite(long allianceId, long brandId, OffsetDateTime now, String actor, OffsetDateTime expiresAt) {
        dsl.update(ALLIANCE_MEMBER)
                .set(ALLIANCE_MEMBER.STATE, MemberState.INVITED.value())
                .set(ALLIANCE_MEMBER.INVITED_AT, now)
                .set(ALLIANCE_MEMBER.INVITED_BY, actor)
                .set(ALLIANCE_MEMBER.EXPIRES_AT, expiresAt)
                .setNull(ALLIANCE_MEMBER.RESPONDED_AT)
                .setNull(ALLIANCE_MEMBER.RESPONDED_BY)
                .where(ALLIANCE_MEMBER.ALLIANCE_ID.eq(allianceId).and(ALLIANCE_MEMBER.BRAND_ID.eq(brandId)))
                .execute();
    }

    /** Moves the brand's row to a new state, noting who moved it and when. */
    public void changeState(long allianceId, long brandId, MemberState state, OffsetDateTime now, String actor) {
        dsl.update(ALLIANCE_MEMBER)
                .set(ALLIANCE_MEMBER.STATE, state.value())
                .set(ALLIANCE_MEMBER.RESPONDED_AT, now)
                .set(ALLIANCE_MEMBER.RESPONDED_BY, actor)
                .where(ALLIANCE_MEMBER.ALLIANCE_ID.eq(allianceId).and(ALLIANCE_MEMBER.BRAND_ID.eq(brandId)))
                .execute();
    }

    /** Appends to the alliance's record. */
    public void insertEvent(long allianceId, Long brandId, String event, String actor, OffsetDateTime now) {
        insertEvent(allianceId, brandId, event, null, actor, now);
    }

    /** Appends to the alliance's record, with a detail (which class moved to which level). */
    public void insertEvent(long allianceId, Long brandId, String event, String detail, String actor, OffsetDateTime now) {
        dsl.insertInto(ALLIANCE_EVENT)
                .set(ALLIANCE_EVENT.ALLIANCE_ID, allianceId)
                .set(ALLIANCE_EVENT.BRAND_ID, brandId)
                .set(ALLIANCE_EVENT.EVENT, event)
                .set(ALLIANCE_EVENT.DETAIL, detail)
                .set(ALLIANCE_EVENT.ACTOR, actor)
                .set(ALLIANCE_EVENT.OCCURRED_AT, now)
                .execute();
    }

    /** The alliance's record, oldest first. */
    public List<AllianceEvent> events(long allianceId) {
        return dsl.select(ALLIANCE_EVENT.ALLIANCE_ID, ALLIANCE_EVENT.BRAND_ID, ALLIANCE_EVENT.EVENT, ALLIANCE_EVENT.DETAIL,
                        ALLIANCE_EVENT.ACTOR, ALLIANCE_EVENT.OCCURRED_AT)
                .from(ALLIANCE_EVENT).where(ALLIANCE_EVENT.ALLIANCE_ID.eq(allianceId)).orderBy(ALLIANCE_EVENT.ID)
                .fetch(r -> new AllianceEvent(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    /** The brand's own rows, with their alliances, newest invitation first; filtered by the brand. */
    public List<BrandRow> forBrand(long brandId) {
        return dsl.select(ALLIANCE_COLUMNS).select(MEMBER_COLUMNS)
                .from(ALLIANCE_MEMBER)
                .join(ALLIANCE).on(ALLIANCE.ID.eq(ALLIANCE_MEMBER.ALLIANCE_ID))
                .join(BRAND).on(BRAND.ID.eq(ALLIANCE_MEMBER.BRAND_ID))
                .where(ALLIANCE_MEMBER.BRAND_ID.eq(brandId))
                .orderBy(ALLIANCE_MEMBER.INVITED_AT.desc(), ALLIANCE.ID.desc())
                .fetch(r -> new BrandRow(toAlliance(r), toMembership(r)));
    }

    /** An alliance and the brand's row in it. */
    public record BrandRow(Alliance alliance, Membership membership) {
    }

    private static Alliance toAlliance(Record r) {
        return new Alliance(r.get(ALLIANCE.ID), r.get(ALLIANCE.NAME), r.get(ALLIANCE.MAX_MEMBERS), r.get(MEMBERS),
                r.get(ALLIANCE.CREATED_AT), r.get(ALLIANCE.CREATED_BY));
    }

    private static Membership toMembership(Record r) {
        return new Membership(r.get(ALLIANCE_MEMBER.ALLIANCE_ID), r.get(ALLIANCE_MEMBER.BRAND_ID), r.get(BRAND.NAME),
                MemberState.of(r.get(ALLIANCE_MEMBER.STATE)), r.get(ALLIANCE_MEMBER.INVITED_AT),
                r.get(ALLIANCE_MEMBER.INVITED_BY), r.get(ALLIANCE_MEMBER.EXPIRES_AT), r.get(ALLIANCE_MEMBER.RESPONDED_AT),
                r.get(ALLIANCE_MEMBER.RESPONDED_BY));
    }
}
