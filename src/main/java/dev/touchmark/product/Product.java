package dev.touchmark.product;

import java.time.OffsetDateTime;
import java.util.List;

/** A product of a brand; gtin is the 14-digit form or null. */
public record Product(long id, long brandId, String name, String gtin, String description, String imageUrl,
                      List<String> markets, OffsetDateTime createdAt) {
}
