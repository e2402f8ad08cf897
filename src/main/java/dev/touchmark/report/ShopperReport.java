package dev.touchmark.report;

import java.time.OffsetDateTime;

/**
 * What a shopper reported about a scanned item: where it was bought, the seller (as typed, and as the
 * {@link SellerName} key that groups its spellings; null for reports stored before keys were kept), and a comment.
 */
public record ShopperReport(long id, String scanId, Long batchId, Long codeIndex, String verdict, String place,
                            String seller, String sellerKey, String comment, String country, OffsetDateTime createdAt) {
}
