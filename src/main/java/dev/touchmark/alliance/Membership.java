package dev.touchmark.alliance;

import dev.touchmark.error.ConflictException;
import java.time.OffsetDateTime;

/**
 * One brand's row in one alliance, and the rules of moving it. The rules are pure (the caller passes the time and the
 * member count, read under the alliance's lock), so they are tested without a database.
 */
public record Membership(long allianceId, long brandId, String brandName, MemberState state, OffsetDateTime invitedAt,
                         String invitedBy, OffsetDateTime expiresAt, OffsetDateTime respondedAt, String respondedBy) {

    /** The state a reader sees: an invitation past its expiry reads as expired even before anything rewrites it. */
    public MemberState stateAt(OffsetDateTime now) {
        return state == MemberState.INVITED && !now.isBefore(expiresAt) ? MemberState.EXPIRED : state;
    }

    /** Refuses accepting unless this is an open invitation and the alliance has room. */
    void checkAccept(OffsetDateTime now, int members, int maxMembers, String allianceName) {
        checkOpenInvitation(now, "accept");
        if (members >= maxMembers) {
            throw new ConflictException("alliance '" + allianceName + "' is full (" + maxMembers
                    + " members); ask the operator to make room, or decline");
        }
    }

    /** Refuses declining unless this is an open invitation. */
    void checkDecline(OffsetDateTime now) {
        checkOpenInvitation(now, "decline");
    }

    /** Refuses leaving unless the brand is a member. */
    void checkLeave() {
        if (state != MemberState.MEMBER) {
            throw new ConflictException("this brand is not a member of the alliance (it is " + state.value() + ")");
        }
    }

    /** Refuses a new invitation while the brand is a member or holds an open one; anything else may be invited again. */
    void checkInvite(OffsetDateTime now) {
        MemberState current = stateAt(now);
        if (current == MemberState.MEMBER) {
            throw new ConflictException("brand '" + brandName + "' is already a member of this alliance");
        }
        if (current == MemberState.INVITED) {
            throw new ConflictException("brand '" + brandName + "' already holds an invitation, open until " + expiresAt);
        }
    }

    /** Refuses a removal unless the brand is a member or holds an invitation (removing withdraws it). */
    void checkRemove() {
        if (state != MemberState.MEMBER && state != MemberState.INVITED) {
            throw new ConflictException("brand '" + brandName + "' is neither a member nor invited (it is " + state.value() + ")");
        }
    }

    private void checkOpenInvitation(OffsetDateTime now, String verb) {
        switch (stateAt(now)) {
            case INVITED -> {
                // open: allowed
            }
            case MEMBER -> throw new ConflictException("this brand is already a member of the alliance");
            case EXPIRED -> throw new ConflictException("the invitation expired at " + expiresAt
                    + "; ask the operator for a new one");
            case REMOVED -> throw new ConflictException("the invitation was withdrawn by the operator; nothing to " + verb);
            default -> throw new ConflictException("there is no open invitation to " + verb + " (the brand "
                    + stateAt(now).value() + ")");
        }
    }
}
