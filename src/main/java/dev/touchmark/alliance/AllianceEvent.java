package dev.touchmark.alliance;

import java.time.OffsetDateTime;

/** One line of an alliance's record: what happened to which brand (none for the alliance itself), who did it, when. */
public record AllianceEvent(long allianceId, Long brandId, String event, String actor, OffsetDateTime at) {
}
