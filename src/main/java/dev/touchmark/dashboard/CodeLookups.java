package dev.touchmark.dashboard;

import dev.touchmark.dashboard.DashboardRepository.BatchFacts;
import dev.touchmark.dashboard.DashboardRepository.ReferencedScan;
import dev.touchmark.dashboard.DashboardRepository.ScanRow;
import dev.touchmark.domain.NotGenuineReason;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import dev.touchmark.verify.VerificationRepository.BatchInfo;
import dev.touchmark.verify.VerificationService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A brand's code lookup: by what a label's QR holds (verified as a scan would be, nothing recorded), by the serial a
 * shopper reads off the label or verdict page, or by the reference of a scan shown on the verdict page. Another
 * brand's serial or reference answers exactly as an unknown one does.
 */
final class CodeLookups {
    /** Scans of a code shown at most, newest first. */
    static final int SCANS_SHOWN = 200;
    private final DashboardRepository repository;
    private final VerificationService verification;

    CodeLookups(DashboardRepository repository, VerificationService verification) {
        this.repository = repository;
        this.verification = verification;
    }

    /** A code looked up by its brand: how it was found, whether it verifies, its batch, its state and its scans. */
    public record CodeLookup(String foundBy, boolean valid, String reason, String batchId, String index, String serial,
                             String product, String lot, LocalDate expiry, String batchStatus, DashboardRepository.CodeState state,
                             List<ScanRow> scans, String scanId, List<Match> matches) {
    }

    /** One of the codes a typed serial may name, to choose from. */
    public record Match(String serial, String batchId, String index, String product, String lot, String batchStatus) {
    }

    CodeLookup lookUp(long brandId, String text) {
        LookupQuery query = LookupQuery.parse(text);
        if (query instanceof LookupQuery.Serial serial) {
            return bySerial(brandId, serial);
        }
        if (query instanceof LookupQuery.Reference reference) {
            return byReference(brandId, reference.scanId());
        }
        return byCode(brandId, ((LookupQuery.Code) query).text());
    }

    private CodeLookup byCode(long brandId, String text) {
        VerificationService.Check check = verification.lookUp(text);
        if (check.answer() != null) {
            if (check.answer().reason() == NotGenuineReason.MALFORMED) {
                throw ValidationException.of("code", "this is not a Touchmark label URL or payload; " + LookupQuery.ACCEPTED);
            }
            return invalid("code", check.answer().reason().id(), null, null, List.of(), null);
        }
        if (check.brandId() != brandId) {
            throw new NotFoundException("this is not a code of your brand");
        }
        String batch = check.batchId() == null ? null : Long.toString(check.batchId());
        String index = check.index() == null ? null : Long.toString(check.index());
        if (check.reason() != null) {
            return invalid("code", check.reason().id(), batch, index, List.of(), null);
        }
        BatchInfo b = check.batch();
        return found("code", new BatchFacts(b.id(), b.quantity(), b.productName(), b.lot(), b.expiry(), b.status().id()),
                check.index(), brandId, null);
    }

    private CodeLookup bySerial(long brandId, LookupQuery.Serial typed) {
        Map<Long, BatchFacts> batches = repository.batches(brandId,
                typed.candidates().stream().map(c -> c.code().batchId()).distinct().toList());
        List<LookupQuery.Candidate> codes = typed.candidates().stream()
                .filter(c -> batches.containsKey(c.code().batchId()) && c.code().index() < batches.get(c.code().batchId()).quantity())
                .toList();
        if (codes.isEmpty()) {
            throw new NotFoundException("no code of your brand has the serial " + typed.typed());
        }
        if (codes.size() == 1) {
            LookupQuery.Candidate c = codes.get(0);
            return found("serial", batches.get(c.code().batchId()), c.code().index(), brandId, null);
        }
        List<Match> matches = new ArrayList<>();
        for (LookupQuery.Candidate c : codes) {
            BatchFacts b = batches.get(c.code().batchId());
            matches.add(new Match(c.serial(), Long.toString(b.id()), Long.toString(c.code().index()), b.product(), b.lot(),
                    b.status()));
        }
        return new CodeLookup("serial", false, "ambiguous", null, null, null, null, null, null, null, null, List.of(), null,
                matches);
    }

    private CodeLookup byReference(long brandId, long scanId) {
        ReferencedScan scan = repository.scan(brandId, scanId)
                .orElseThrow(() -> new NotFoundException("no scan of your brand has the reference " + scanId));
        String id = Long.toString(scanId);
        if (scan.batchId() != null && scan.codeIndex() != null) {
            BatchFacts batch = repository.batches(brandId, List.of(scan.batchId())).get(scan.batchId());
            if (batch != null && scan.codeIndex() < batch.quantity()) {
                return found("reference", batch, scan.codeIndex(), brandId, scan.row());
            }
        }
        return invalid("reference", scan.row().reason(), null, null, List.of(scan.row()), id);
    }

    /** A code of the brand's batch; with a referenced scan, that scan is among those shown even if older than the rest. */
    private CodeLookup found(String foundBy, BatchFacts batch, long index, long brandId, ScanRow referenced) {
        List<ScanRow> scans = repository.scans(brandId, batch.id(), index, SCANS_SHOWN);
        if (referenced != null && scans.stream().noneMatch(s -> s.id().equals(referenced.id()))) {
            scans = new ArrayList<>(scans);
            scans.add(referenced);
        }
        return new CodeLookup(foundBy, true, null, Long.toString(batch.id()), Long.toString(index),
                dev.touchmark.code.CodeFormat.serial(batch.id(), index), batch.product(), batch.lot(), batch.expiry(),
                batch.status(), repository.codeState(brandId, batch.id(), index).orElse(null), scans,
                referenced == null ? null : referenced.id(), List.of());
    }

    private static CodeLookup invalid(String foundBy, String reason, String batchId, String index, List<ScanRow> scans,
                                      String scanId) {
        return new CodeLookup(foundBy, false, reason, batchId, index, null, null, null, null, null, null, scans, scanId, List.of());
    }
}
