package dev.touchmark.alliance;

import java.time.OffsetDateTime;

/** An alliance as one of its brands sees it: the brand's own state in it, and how full it is. */
public record BrandAlliance(long id, String name, int maxMembers, int members, String state, OffsetDateTime invitedAt,
                            OffsetDateTime expiresAt, OffsetDateTime respondedAt) {
}
