package dev.touchmark.code;

import java.time.LocalDate;

/**
 * A code read from a URL or payload, before its signature is checked. GTIN, lot and expiry are only
 * present in the GS1 profile; they are not signed and must be checked against the batch.
 */
public record ParsedCode(CodeProfile profile, byte[] shortKid, long batch, long index, byte[] signature,
                         String gtin, String lot, LocalDate expiry) {

    /** The bytes the signature must cover. */
    public byte[] message() {
        return CodeFormat.message(shortKid, batch, index);
    }

    /** The short key id as base32, as it appears in GS1 URLs and in the API. */
    public String shortKidText() {
        return Base32.encode(shortKid);
    }

    /** Human-readable serial of this code. */
    public String serial() {
        return CodeFormat.serial(batch, index);
    }
}
