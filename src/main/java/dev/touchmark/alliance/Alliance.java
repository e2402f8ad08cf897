package dev.touchmark.alliance;

import java.time.OffsetDateTime;

/** An alliance of brands, as the operator sees it: its limit and how many brands are members now. */
public record Alliance(long id, String name, int maxMembers, int members, OffsetDateTime createdAt, String createdBy) {
}
