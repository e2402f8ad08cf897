package dev.touchmark.code;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * Derives the codes of one batch from its id and an index: nothing is stored per code.
 * Thread-safe; used by label exports and by the code lookup API.
 */
public final class BatchCodes {
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd");
    private final CodeSigner signer;
    private final long batchId;
    private final long quantity;
    private final CodeProfile profile;
    private final String prefix;
    private final String shortKidText;
    private final String expiryParam;

    /** Describes the batch; gtin14 and lot are needed for the GS1 profile (lot may be null). */
    public BatchCodes(CodeSigner signer, long batchId, long quantity, CodeProfile profile,
                      String publicUrl, String gtin14, String lot, LocalDate expiry) {
        this.signer = signer;
        this.batchId = batchId;
        this.quantity = quantity;
        this.profile = profile;
        this.shortKidText = Base32.encode(signer.shortKid());
        this.expiryParam = expiry == null ? "" : "17=" + expiry.format(YYMMDD) + "&";
        String base = stripSlash(publicUrl);
        if (profile == CodeProfile.COMPACT) {
            this.prefix = base.toUpperCase(Locale.ROOT) + "/V/";
        } else {
            if (gtin14 == null) {
                throw new IllegalArgumentException("the GS1 profile needs a product with a GTIN");
            }
            this.prefix = base + "/01/" + gtin14 + (lot == null ? "" : "/10/" + lot) + "/21/";
        }
    }

    /** Number of codes in the batch. */
    public long quantity() {
        return quantity;
    }

    /** Human-readable serial of the code at an index. */
    public String serial(long index) {
        checkIndex(index);
        return CodeFormat.serial(batchId, index);
    }

    /** The URL printed in the QR for the code at an index. */
    public String url(long index) {
        checkIndex(index);
        if (profile == CodeProfile.COMPACT) {
            return prefix + Base32.encode(signer.payload(batchId, index));
        }
        return prefix + CodeFormat.serial(batchId, index) + "?" + expiryParam + "k=" + shortKidText
                + "&s=" + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.signature(batchId, index));
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= quantity) {
            throw new IndexOutOfBoundsException("index must be between 0 and " + (quantity - 1));
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
