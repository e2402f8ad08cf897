package dev.touchmark.batch;

import java.time.OffsetDateTime;

/** One status change of a batch: from, to, who, why and when. */
public record BatchEvent(String fromStatus, String toStatus, String actor, String reason, OffsetDateTime at) {
}
