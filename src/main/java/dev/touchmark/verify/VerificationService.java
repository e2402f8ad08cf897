package dev.touchmark.verify;

import dev.touchmark.domain.ClientKind;

import dev.touchmark.domain.ScanRole;
import dev.touchmark.domain.Shopper;

import dev.touchmark.domain.CodeRef;

import dev.touchmark.domain.NotGenuineReason;
import dev.touchmark.domain.Verdict;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.code.Base32;
import dev.touchmark.code.CodeParseException;
import dev.touchmark.code.CodeParser;
import dev.touchmark.code.CodeProfile;
import dev.touchmark.code.CodeVerifier;
import dev.touchmark.code.SignatureCheck;
import dev.touchmark.code.ParsedCode;
import dev.touchmark.scan.Assessment;
import dev.touchmark.scan.CodeHistory;
import dev.touchmark.scan.Outcome;
import dev.touchmark.scan.RecordedScan;
import dev.touchmark.scan.ScanRecorder;
import dev.touchmark.scan.ScanToRecord;
import dev.touchmark.verify.VerificationRepository.BatchInfo;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a scanned text into a verdict: signature and batch checks on the caller's thread from cached
 * keys and batches, then the scan log decides first-scan / seen-before / suspect in order and records
 * the scan; the answer completes only after that commit.
 */
public final class VerificationService {
    private final VerificationCatalog catalog;
    private final CodeVerifier<VerificationCatalog.Key> verifier;
    private final ScanRecorder recorder;
    private final Clock clock;
    private final VerdictCounter verdicts;

    public VerificationService(VerificationCatalog catalog, ScanRecorder recorder, Clock clock, VerdictCounter verdicts) {
        this.catalog = catalog;
        this.verifier = new CodeVerifier<>(shortKid -> catalog.key(Base32.encode(shortKid)));
        this.recorder = recorder;
        this.clock = clock;
        this.verdicts = verdicts;
    }

    /** Verifies and records one scan. */
    public CompletableFuture<VerificationResult> verify(ScanInput input) {
        Check check = check(input);
        if (check.answer() != null) {
            verdicts.count(check.answer().verdict());
            return CompletableFuture.completedFuture(check.answer());
        }
        if (check.reason() != null) {
            return recordNotGenuine(input, check.brandId(), check.batchId(), check.index(), check.reason());
        }
        return recordValid(input, check.code(), check.batch());
    }

    /**
     * Everything verification decides before the scan log: parse, key, signature, batch, index and details.
     * Either an answer that needs no recording (unreadable input, unknown key), a not-genuine reason to
     * record, or a valid code of a batch whose final verdict the scan log decides.
     */
    public record Check(VerificationResult answer, NotGenuineReason reason, long brandId, Long batchId, Long index,
                        ParsedCode code, BatchInfo batch) {
        static Check answered(VerificationResult answer) {
            return new Check(answer, null, 0, null, null, null, null);
        }

        static Check notGenuine(NotGenuineReason reason, long brandId, Long batchId, Long index) {
            return new Check(null, reason, brandId, batchId, index, null, null);
        }
    }

    /** The checks alone, without recording anything (also the baseline of the load benchmark). */
    public Check check(ScanInput input) {
        return check(input, input.shopper().role().counted());
    }

    /** A brand looking a code up: the same checks, and nothing counted as a shopper's scan. */
    public Check lookUp(String text) {
        return check(new ScanInput(text, Shopper.unknown(ClientKind.API)), false);
    }

    private Check check(ScanInput input, boolean countUnreadable) {
        ParsedCode code;
        try {
            code = CodeParser.parse(input.code());
        } catch (CodeParseException e) {
            if (countUnreadable) {
                recorder.countUnreadable();
            }
            return Check.answered(notGenuine(NotGenuineReason.MALFORMED, null));
        }
        SignatureCheck<VerificationCatalog.Key> signature = verifier.check(code);
        if (signature instanceof SignatureCheck.Invalid<VerificationCatalog.Key> invalid) {
            return invalid(invalid, code, countUnreadable);
        }
        VerificationCatalog.Key key = ((SignatureCheck.Valid<VerificationCatalog.Key>) signature).key();
        long brandId = key.info().brandId();
        Optional<BatchInfo> found = catalog.batch(code.batch());
        if (found.isEmpty() || found.get().brandId() != brandId || found.get().signingKeyId() != key.info().keyId()) {
            return Check.notGenuine(NotGenuineReason.UNKNOWN_BATCH, brandId, null, null);
        }
        BatchInfo batch = found.get();
        if (code.index() >= batch.quantity()) {
            return Check.notGenuine(NotGenuineReason.INDEX_OUT_OF_RANGE, brandId, batch.id(), code.index());
        }
        if (!detailsMatch(code, batch)) {
            return Check.notGenuine(NotGenuineReason.DETAILS_MISMATCH, brandId, batch.id(), code.index());
        }
        return new Check(null, null, brandId, batch.id(), code.index(), code, batch);
    }

    private Check invalid(SignatureCheck.Invalid<VerificationCatalog.Key> invalid, ParsedCode code,
                          boolean countUnreadable) {
        if (invalid.key() == null) {
            // A forged code naming one of our batches is attributed to that batch's brand; anything else is noise.
            Optional<BatchInfo> claimed = catalog.batch(code.batch());
            if (claimed.isPresent()) {
                return Check.notGenuine(NotGenuineReason.UNKNOWN_KEY, claimed.get().brandId(), claimed.get().id(), null);
            }
            if (countUnreadable) {
                recorder.countUnreadable();
            }
            return Check.answered(notGenuine(NotGenuineReason.UNKNOWN_KEY, null));
        }
        long brandId = invalid.key().info().brandId();
        NotGenuineReason reason = invalid.reason() == SignatureCheck.Reason.REVOKED_KEY
                ? NotGenuineReason.REVOKED_KEY : NotGenuineReason.BAD_SIGNATURE;
        return Check.notGenuine(reason, brandId, claimedBatch(code, brandId), null);
    }

    /** The brand's batch a code names, if it exists (for attributing forged codes). */
    private Long claimedBatch(ParsedCode code, long brandId) {
        return catalog.batch(code.batch()).filter(b -> b.brandId() == brandId).map(BatchInfo::id).orElse(null);
    }

    private CompletableFuture<VerificationResult> recordValid(ScanInput input, ParsedCode code, BatchInfo batch) {
        Shopper shopper = input.shopperOf(batch.brandId());
        ScanToRecord scan = ScanToRecord.tracked(batch.brandId(), new CodeRef(batch.id(), code.index()), batch.status(),
                batch.markets(), shopper,
                (history, assessment) -> new Outcome(decide(batch.status(), history, assessment), null));
        return recorder.record(scan).thenApply(recorded -> counted(genuineResult(recorded, code, batch, shopper)));
    }

    /**
     * The verdict of a validly signed code of an existing batch, given its history including this scan and its
     * risk assessment.
     */
    static Verdict decide(BatchStatus status, CodeHistory history, Assessment assessment) {
        switch (status) {
            case DRAFT:
                return Verdict.NOT_RELEASED;
            case RECALLED:
                return Verdict.RECALLED;
            case VOIDED:
                return Verdict.VOIDED;
            default:
                break;
        }
        if (assessment.suspect()) {
            return Verdict.SUSPECT;
        }
        if (history.firstScan() || history.deviceSeenBefore()) {
            return Verdict.GENUINE;
        }
        return Verdict.SEEN_BEFORE;
    }

    private CompletableFuture<VerificationResult> recordNotGenuine(ScanInput input, long brandId, Long batchId, Long index,
                                                                   NotGenuineReason reason) {
        Shopper shopper = input.shopperOf(brandId);
        ScanToRecord scan = ScanToRecord.notGenuine(brandId, batchId, index, reason, shopper);
        return recorder.record(scan).thenApply(recorded -> counted(notGenuine(reason, Long.toString(recorded.scanId()),
                shopper.role())));
    }

    private VerificationResult counted(VerificationResult result) {
        verdicts.count(result.verdict());
        return result;
    }

    private VerificationResult genuineResult(RecordedScan recorded, ParsedCode code, BatchInfo batch, Shopper shopper) {
        Verdict verdict = recorded.outcome().verdict();
        CodeHistory h = recorded.history();
        boolean showFirst = verdict == Verdict.SEEN_BEFORE || verdict == Verdict.SUSPECT;
        return new VerificationResult(verdict, null, Long.toString(recorded.scanId()), batch.brandName(), batch.productName(),
                batch.productDescription(), batch.productImageUrl(), batch.lot(), batch.expiry(), code.serial(),
                showFirst ? h.firstScanAt() : null, showFirst ? h.firstCountry() : null, h.scanCount(), h.deviceCount(), now(),
                recorded.assessment().risk(), recorded.assessment().reasons(), shopper.country(), shopper.role(),
                batch.branding());
    }

    private VerificationResult notGenuine(NotGenuineReason reason, String scanId) {
        return notGenuine(reason, scanId, ScanRole.SHOPPER);
    }

    private VerificationResult notGenuine(NotGenuineReason reason, String scanId, ScanRole role) {
        return new VerificationResult(Verdict.NOT_GENUINE, reason, scanId, null, null, null, null, null, null, null,
                null, null, 0, 0, now(), 0, List.of(), null, role);
    }

    private static boolean detailsMatch(ParsedCode code, BatchInfo batch) {
        if (code.profile() != CodeProfile.GS1) {
            return true;
        }
        boolean gtin = batch.gtin() != null && batch.gtin().equals(code.gtin());
        boolean lot = code.lot() == null || code.lot().equals(batch.lot());
        boolean expiry = code.expiry() == null || code.expiry().equals(batch.expiry());
        return gtin && lot && expiry;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
