package dev.touchmark.batch;

import java.time.LocalDate;
import java.util.List;

/** What a brand sends to create a batch; markets default to the product's, profile to compact. */
public record NewBatch(Long productId, Long quantity, String lot, LocalDate expiry, List<String> markets, String profile) {
}
