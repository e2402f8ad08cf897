package dev.touchmark.alliance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.error.ConflictException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The rules of moving a brand's membership, at fixed times. */
class MembershipTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final OffsetDateTime NOW = OffsetDateTime.now(CLOCK);

    private static Membership in(MemberState state, OffsetDateTime invitedAt) {
        return new Membership(1, 2, "Acme", state, invitedAt, "cli:ops", invitedAt.plus(AllianceService.INVITATION_LIFETIME),
                null, null);
    }

    @Test
    void anOpenInvitationMayBeAcceptedWhileThereIsRoom() {
        assertDoesNotThrow(() -> in(MemberState.INVITED, NOW.minusDays(13)).checkAccept(NOW, 2, 3, "Beauty"));
    }

    @Test
    void acceptingIntoAFullAllianceIsRefusedWithTheLimit() {
        ConflictException e = assertThrows(ConflictException.class,
                () -> in(MemberState.INVITED, NOW).checkAccept(NOW, 3, 3, "Beauty"));
        assertTrue(e.getMessage().contains("'Beauty' is full (3 members)"), e.getMessage());
    }

    @Test
    void anInvitationExpiresExactlyFourteenDaysAfterItWasMade() {
        Membership invitation = in(MemberState.INVITED, NOW.minus(AllianceService.INVITATION_LIFETIME));
        assertEquals(MemberState.EXPIRED, invitation.stateAt(NOW));
        assertEquals(MemberState.INVITED, invitation.stateAt(NOW.minusSeconds(1)));
        ConflictException e = assertThrows(ConflictException.class, () -> invitation.checkAccept(NOW, 0, 3, "Beauty"));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertThrows(ConflictException.class, () -> invitation.checkDecline(NOW));
    }

    @Test
    void onlyAnOpenInvitationCanBeAcceptedOrDeclined() {
        for (MemberState state : new MemberState[] {MemberState.MEMBER, MemberState.DECLINED, MemberState.LEFT,
            MemberState.REMOVED, MemberState.EXPIRED}) {
            Membership membership = in(state, NOW);
            assertThrows(ConflictException.class, () -> membership.checkAccept(NOW, 0, 3, "Beauty"), state.value());
            assertThrows(ConflictException.class, () -> membership.checkDecline(NOW), state.value());
        }
        assertTrue(assertThrows(ConflictException.class, () -> in(MemberState.REMOVED, NOW).checkAccept(NOW, 0, 3, "B"))
                .getMessage().contains("withdrawn"));
    }

    @Test
    void onlyAMemberCanLeave() {
        assertDoesNotThrow(() -> in(MemberState.MEMBER, NOW).checkLeave());
        assertThrows(ConflictException.class, () -> in(MemberState.INVITED, NOW).checkLeave());
        assertThrows(ConflictException.class, () -> in(MemberState.LEFT, NOW).checkLeave());
    }

    @Test
    void aBrandMayBeInvitedAgainAfterDecliningLeavingRemovalOrExpiryButNotTwice() {
        for (MemberState state : new MemberState[] {MemberState.DECLINED, MemberState.LEFT, MemberState.REMOVED}) {
            assertDoesNotThrow(() -> in(state, NOW).checkInvite(NOW), state.value());
        }
        assertDoesNotThrow(() -> in(MemberState.INVITED, NOW.minus(Duration.ofDays(15))).checkInvite(NOW));
        assertTrue(assertThrows(ConflictException.class, () -> in(MemberState.MEMBER, NOW).checkInvite(NOW))
                .getMessage().contains("already a member"));
        assertTrue(assertThrows(ConflictException.class, () -> in(MemberState.INVITED, NOW).checkInvite(NOW))
                .getMessage().contains("already holds an invitation"));
    }

    @Test
    void theOperatorRemovesMembersAndWithdrawsInvitationsButNothingElse() {
        assertDoesNotThrow(() -> in(MemberState.MEMBER, NOW).checkRemove());
        assertDoesNotThrow(() -> in(MemberState.INVITED, NOW).checkRemove());
        assertThrows(ConflictException.class, () -> in(MemberState.DECLINED, NOW).checkRemove());
    }
}
