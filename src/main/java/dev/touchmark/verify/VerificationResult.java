package dev.touchmark.verify;

import dev.touchmark.domain.Branding;
import dev.touchmark.domain.NotGenuineReason;
import dev.touchmark.domain.ScanRole;
import dev.touchmark.domain.Verdict;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The answer to one scan, as the page and the JSON API show it. Product fields are null when the code
 * is not genuine (nothing about a brand is shown for a forged code). firstScanAt and firstScanCountry
 * describe the first verification of this code by another phone (SEEN_BEFORE and SUSPECT only). risk (0-100)
 * and riskReasons (ids of alert.RiskReason) say why a scan is suspect; scanCountry is where this scan was made.
 * countedAs says whether the scan counted as a shopper's, or was a link preview or a brand's staff check (counted for
 * nothing: the verdict is what the code's history says without it). branding is how the brand's pages look
 * ({@link Branding#NONE} when the code is not genuine, or the brand set nothing).
 */
public record VerificationResult(
        Verdict verdict,
        NotGenuineReason reason,
        String scanId,
        String brandName,
        String productName,
        String productDescription,
        String productImageUrl,
        String lot,
        LocalDate expiry,
        String serial,
        OffsetDateTime firstScanAt,
        String firstScanCountry,
        long scanCount,
        int deviceCount,
        OffsetDateTime checkedAt,
        int risk,
        List<String> riskReasons,
        String scanCountry,
        ScanRole countedAs,
        Branding branding) {

    public VerificationResult {
        countedAs = countedAs == null ? ScanRole.SHOPPER : countedAs;
        branding = branding == null ? Branding.NONE : branding;
    }

    /** The answer to a scan counted as countedAs, without branding. */
    public VerificationResult(Verdict verdict, NotGenuineReason reason, String scanId, String brandName, String productName,
                              String productDescription, String productImageUrl, String lot, LocalDate expiry, String serial,
                              OffsetDateTime firstScanAt, String firstScanCountry, long scanCount, int deviceCount,
                              OffsetDateTime checkedAt, int risk, List<String> riskReasons, String scanCountry,
                              ScanRole countedAs) {
        this(verdict, reason, scanId, brandName, productName, productDescription, productImageUrl, lot, expiry, serial,
                firstScanAt, firstScanCountry, scanCount, deviceCount, checkedAt, risk, riskReasons, scanCountry,
                countedAs, Branding.NONE);
    }

    /** The answer to a shopper's scan. */
    public VerificationResult(Verdict verdict, NotGenuineReason reason, String scanId, String brandName, String productName,
                              String productDescription, String productImageUrl, String lot, LocalDate expiry, String serial,
                              OffsetDateTime firstScanAt, String firstScanCountry, long scanCount, int deviceCount,
                              OffsetDateTime checkedAt, int risk, List<String> riskReasons, String scanCountry) {
        this(verdict, reason, scanId, brandName, productName, productDescription, productImageUrl, lot, expiry, serial,
                firstScanAt, firstScanCountry, scanCount, deviceCount, checkedAt, risk, riskReasons, scanCountry,
                ScanRole.SHOPPER);
    }
}
