package dev.touchmark.alliance;

import java.time.OffsetDateTime;

/**
 * One line of an alliance's record: what happened to which brand (none for the alliance itself), its detail (for a
 * sharing change, which class moved to which level), who did it, when.
 */
public record AllianceEvent(long allianceId, Long brandId, String event, String detail, String actor, OffsetDateTime at) {
}
