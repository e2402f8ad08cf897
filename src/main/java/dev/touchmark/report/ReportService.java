package dev.touchmark.report;

import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.Validator;
import dev.touchmark.scan.ScanRepository;
import dev.touchmark.scan.ScanRepository.ScanRef;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.exception.IntegrityConstraintViolationException;

/** Takes shopper reports about a scan they just made, and lists them for the brand. */
public final class ReportService {
    /** The longest place, seller and comment a report may have, in characters. */
    public static final int MAX_PLACE = 200;
    public static final int MAX_SELLER = 200;
    public static final int MAX_COMMENT = 2000;
    private final ReportRepository reports;
    private final ScanRepository scans;
    private final Clock clock;
    private final Listener listener;

    /** Told of each new report, in its transaction (detection raises an alert). */
    public interface Listener {
        void reported(long reportId, long scanId, ScanRef scan, String place, String seller, String comment);
    }

    public ReportService(ReportRepository reports, ScanRepository scans, Clock clock, Listener listener) {
        this.reports = reports;
        this.scans = scans;
        this.clock = clock;
        this.listener = listener;
    }

    /** A report whose fields passed the checks, not stored yet. */
    /** How often a report is tried when a concurrent one opened the same alert first. */
    private static final int RACE_ATTEMPTS = 5;

    /** sellerKey is the seller's {@link SellerName} key, null when the report names no seller. */
    public record Draft(long scanId, String place, String seller, String sellerKey, String comment) {
    }

    /**
     * Checks a report without reading or writing anything: NotFoundException for a scan id that is not a number,
     * ValidationException (every broken rule at once) for fields all empty or too long, or a seller that
     * {@link SellerName} refuses (tracking parameters, a phone number, an e-mail address). Cheap, so callers can do
     * it before spending a client's rate limit.
     */
    public Draft check(String scanId, String place, String seller, String comment) {
        long id = parseScanId(scanId);
        String p = trim(place);
        String s = trim(seller);
        String c = trim(comment);
        boolean sellerFits = s == null || s.length() <= MAX_SELLER;
        SellerName.Result sellerName = s == null || !sellerFits ? null : SellerName.of(s);
        new Validator()
                .check(p == null || p.length() <= MAX_PLACE, "place", "must be at most " + MAX_PLACE + " characters")
                .check(sellerFits, "seller", "must be at most " + MAX_SELLER + " characters")
                .check(!(sellerName instanceof SellerName.Refused), "seller",
                        sellerName instanceof SellerName.Refused refused ? refused.message() : "")
                .check(c == null || c.length() <= MAX_COMMENT, "comment", "must be at most " + MAX_COMMENT + " characters")
                .check(p != null || s != null || c != null, "comment", "say where you bought it, the seller, or what is wrong")
                .throwIfInvalid();
        return new Draft(id, p, s, sellerName instanceof SellerName.Key key ? key.key() : null, c);
    }

    /** Stores a checked report about a recorded scan; NotFoundException if no scan has its id. */
    public long report(Draft draft) {
        ScanRef scan = scans.find(draft.scanId())
                .orElseThrow(() -> new NotFoundException("no scan with reference " + draft.scanId()));
        // Two reports about one code at the same moment both find no open alert and both open one; the second then
        // breaks the one-open-alert-per-subject index. Tried again, it finds the first one's alert and adds to it.
        for (int attempt = 1; ; attempt++) {
            try {
                return reports.inTransaction(() -> {
                    long reportId = reports.insert(draft.scanId(), scan, draft.place(), draft.seller(),
                            draft.sellerKey(), draft.comment(), OffsetDateTime.now(clock));
                    listener.reported(reportId, draft.scanId(), scan, draft.place(), draft.seller(), draft.comment());
                    return reportId;
                });
            } catch (IntegrityConstraintViolationException e) {
                if (attempt == RACE_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(attempt * 5L);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Checks and stores a report about a recorded scan. */
    public long report(String scanId, String place, String seller, String comment) {
        return report(check(scanId, place, seller, comment));
    }

    /** A page of the brand's reports that the filter keeps, newest first. */
    public List<ShopperReport> list(long brandId, ReportFilter filter, int limit, Long beforeId) {
        return reports.list(brandId, filter, limit, beforeId == null ? Long.MAX_VALUE : beforeId);
    }

    private static long parseScanId(String scanId) {
        try {
            return Long.parseLong(scanId == null ? "" : scanId.strip());
        } catch (NumberFormatException e) {
            throw new NotFoundException("no scan with reference '" + (scanId == null ? "" : scanId) + "'");
        }
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
