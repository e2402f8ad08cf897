package dev.touchmark.batch;

import dev.touchmark.domain.BatchStatus;
import dev.touchmark.code.CodeProfile;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A batch of codes: one row however many codes it holds. publicUrl is the address its labels encode, recorded when it
 * was created or first exported (null until then, for batches created before the installation knew its URL).
 */
public record Batch(long id, long brandId, long productId, long signingKeyId, CodeProfile profile, long quantity,
                    String lot, LocalDate expiry, List<String> markets, BatchStatus status,
                    OffsetDateTime createdAt, String createdBy, OffsetDateTime statusChangedAt, String statusChangedBy,
                    String publicUrl) {
}
