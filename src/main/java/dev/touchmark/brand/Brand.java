package dev.touchmark.brand;

import java.time.OffsetDateTime;

/** A brand: the tenant that owns keys, products, batches and everything scanned under them. */
public record Brand(long id, String name, OffsetDateTime createdAt) {
}
