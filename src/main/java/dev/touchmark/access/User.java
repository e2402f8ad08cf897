package dev.touchmark.access;

import java.time.OffsetDateTime;

/** A person who signs in to a brand's dashboard. */
public record User(long id, long brandId, String email, Role role, boolean mustChangePassword, OffsetDateTime createdAt) {
}
