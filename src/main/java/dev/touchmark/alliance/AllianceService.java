package dev.touchmark.alliance;

import dev.touchmark.access.Principal;
import dev.touchmark.error.ConflictException;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Alliances of brands: the operator creates them and invites brands; a brand's admin accepts, declines or leaves.
 * Every change to an alliance's members runs in one transaction that first locks the alliance's row, so the member
 * limit holds however many nodes accept at once, and every change is appended to the alliance's record.
 */
public final class AllianceService {
    /** How long an invitation stays open unless the operator says otherwise. */
    public static final Duration INVITATION_LIFETIME = Duration.ofDays(14);
    /** The member limit when the operator names none. */
    public static final int DEFAULT_MAX_MEMBERS = 20;
    static final int MAX_MEMBERS_LIMIT = 500;

    private final AllianceRepository alliances;
    private final SharingService sharing;
    private final Clock clock;

    public AllianceService(AllianceRepository alliances, SharingService sharing, Clock clock) {
        this.alliances = alliances;
        this.sharing = sharing;
        this.clock = clock;
    }

    /** Creates an alliance (operator). */
    public Alliance create(String name, int maxMembers, String actor) {
        String trimmed = name == null ? "" : name.strip();
        new Validator()
                .check(!trimmed.isEmpty() && trimmed.length() <= 100, "name", "must be 1 to 100 characters")
                .check(!trimmed.matches("\\d+"), "name", "must not be a number, so an alliance can be named by id or name")
                .check(maxMembers >= 2 && maxMembers <= MAX_MEMBERS_LIMIT, "maxMembers", "must be 2 to " + MAX_MEMBERS_LIMIT)
                .throwIfInvalid();
        try {
            return alliances.inTransaction(() -> {
                if (alliances.findByName(trimmed).isPresent()) {
                    throw new ConflictException("an alliance named '" + trimmed + "' already exists");
                }
                OffsetDateTime now = now();
                long id = alliances.insert(trimmed, maxMembers, now, actor);
                alliances.insertEvent(id, null, "created", actor, now);
                return get(id);
            });
        } catch (IntegrityConstraintViolationException e) {
            // Two operators creating the same name at once: the unique key decides, and the loser hears why.
            throw new ConflictException("an alliance named '" + trimmed + "' already exists");
        }
    }

    /** An alliance by id (operator). */
    public Alliance get(long id) {
        return alliances.find(id).orElseThrow(() -> new NotFoundException("no alliance with id " + id));
    }

    /** An alliance by exact name (operator). */
    public Alliance getByName(String name) {
        return alliances.findByName(name).orElseThrow(() -> new NotFoundException("no alliance named '" + name + "'"));
    }

    /** Every alliance (operator). */
    public List<Alliance> list() {
        return alliances.listAll();
    }

    /** Every brand's row in the alliance, with expired invitations shown as expired (operator). */
    public List<Membership> members(long allianceId) {
        get(allianceId);
        OffsetDateTime now = now();
        return alliances.members(allianceId).stream().map(m -> withState(m, m.stateAt(now))).toList();
    }

    /** The alliance's record of who did what, oldest first (operator). */
    public List<AllianceEvent> events(long allianceId) {
        get(allianceId);
        return alliances.events(allianceId);
    }

    /** Invites a brand for INVITATION_LIFETIME; a brand that declined, left, was removed or let one expire may be invited again. */
    public Membership invite(long allianceId, long brandId, String actor) {
        return alliances.inTransaction(() -> {
            Alliance alliance = locked(allianceId);
            String brandName = alliances.brandName(brandId).orElseThrow(() -> new NotFoundException("no brand with id " + brandId));
            if (alliance.members() >= alliance.maxMembers()) {
                throw new ConflictException("alliance '" + alliance.name() + "' is full (" + alliance.maxMembers()
                        + " members); remove a member first");
            }
            OffsetDateTime now = now();
            OffsetDateTime expiresAt = now.plus(INVITATION_LIFETIME);
            var existing = alliances.findMembership(allianceId, brandId);
            if (existing.isPresent()) {
                existing.get().checkInvite(now);
                alliances.reinvite(allianceId, brandId, now, actor, expiresAt);
            } else {
                alliances.insertInvitation(allianceId, brandId, now, actor, expiresAt);
            }
            alliances.insertEvent(allianceId, brandId, "invited", actor, now);
            return alliances.findMembership(allianceId, brandId).orElseThrow();
        });
    }

    /** Ends a membership or withdraws an invitation (operator). */
    public Membership remove(long allianceId, long brandId, String actor) {
        return alliances.inTransaction(() -> {
            locked(allianceId);
            Membership membership = alliances.findMembership(allianceId, brandId)
                    .orElseThrow(() -> new NotFoundException("brand " + brandId + " was never invited to alliance " + allianceId));
            membership.checkRemove();
            return move(membership, MemberState.REMOVED, "removed", actor);
        });
    }

    /** The brand's alliances and its open invitations, for its dashboard; past ones stay in the record only. */
    public BrandAlliances forBrand(long brandId) {
        OffsetDateTime now = now();
        return new BrandAlliances(alliances.forBrand(brandId).stream()
                .filter(row -> row.membership().stateAt(now) == MemberState.MEMBER
                        || row.membership().stateAt(now) == MemberState.INVITED)
                .map(row -> toBrandAlliance(row.alliance(), row.membership(), now)).toList());
    }

    /** The brand joins: only from an open invitation, and only while the alliance has room. */
    public BrandAlliance accept(Principal principal, long allianceId) {
        return respond(principal, allianceId, (membership, alliance, now) -> {
            membership.checkAccept(now, alliances.countMembers(allianceId), alliance.maxMembers(), alliance.name());
            return move(membership, MemberState.MEMBER, "accepted", principal.actor());
        });
    }

    /** The brand turns an open invitation down. */
    public BrandAlliance decline(Principal principal, long allianceId) {
        return respond(principal, allianceId, (membership, alliance, now) -> {
            membership.checkDecline(now);
            return move(membership, MemberState.DECLINED, "declined", principal.actor());
        });
    }

    /** The brand ends its membership. */
    public BrandAlliance leave(Principal principal, long allianceId) {
        return respond(principal, allianceId, (membership, alliance, now) -> {
            membership.checkLeave();
            return move(membership, MemberState.LEFT, "left", principal.actor());
        });
    }

    private interface Step {
        Membership apply(Membership membership, Alliance alliance, OffsetDateTime now);
    }

    private BrandAlliance respond(Principal principal, long allianceId, Step step) {
        // A brand that was never invited gets the same 404 as for an alliance that does not exist: ids do not leak.
        NotFoundException unknown = new NotFoundException("no alliance " + allianceId + " has invited this brand");
        return alliances.inTransaction(() -> {
            if (!alliances.lock(allianceId)) {
                throw unknown;
            }
            Membership membership = alliances.findMembership(allianceId, principal.brandId()).orElseThrow(() -> unknown);
            Alliance alliance = get(allianceId);
            OffsetDateTime now = now();
            Membership moved = step.apply(membership, alliance, now);
            return toBrandAlliance(get(allianceId), moved, now);
        });
    }

    private Membership move(Membership membership, MemberState state, String event, String actor) {
        OffsetDateTime now = now();
        alliances.changeState(membership.allianceId(), membership.brandId(), state, now, actor);
        alliances.insertEvent(membership.allianceId(), membership.brandId(), event, actor, now);
        if (state == MemberState.LEFT || state == MemberState.REMOVED) {
            // In the same transaction: a brand outside the alliance never still shares with it.
            sharing.stopSharing(membership.allianceId(), membership.brandId(), now, actor);
        }
        return alliances.findMembership(membership.allianceId(), membership.brandId()).orElseThrow();
    }

    private Alliance locked(long allianceId) {
        if (!alliances.lock(allianceId)) {
            throw new NotFoundException("no alliance with id " + allianceId);
        }
        return get(allianceId);
    }

    private static BrandAlliance toBrandAlliance(Alliance alliance, Membership membership, OffsetDateTime now) {
        return new BrandAlliance(alliance.id(), alliance.name(), alliance.maxMembers(), alliance.members(),
                membership.stateAt(now).value(), membership.invitedAt(), membership.expiresAt(), membership.respondedAt());
    }

    private static Membership withState(Membership m, MemberState state) {
        return new Membership(m.allianceId(), m.brandId(), m.brandName(), state, m.invitedAt(), m.invitedBy(),
                m.expiresAt(), m.respondedAt(), m.respondedBy());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
