package dev.touchmark.shopper;

import dev.touchmark.verify.VerificationResult;

import dev.touchmark.domain.NotGenuineReason;
import dev.touchmark.domain.Verdict;
import static dev.touchmark.shopper.Messages.*;

import dev.touchmark.i18n.Lang;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What the page says about a verdict, as plain text (the page escapes it): the tone, the headline, the
 * explanation and what to do next. Advice only points at what the shopper has in front of them: "report it below"
 * only where the page shows the report form, the scanner button only where the page links to it.
 */
record VerdictTexts(Tone tone, String title, List<String> explanation, List<String> advice) {

    /** Where the texts are read: a page with the report form, with the scanner button, or neither (the JSON API). */
    record Where(boolean reportForm, boolean scannerLink) {
        /** The JSON API: no form, no button. */
        static final Where API = new Where(false, false);

        /** A page with these links. */
        static Where of(PageLinks links) {
            return new Where(links.reportUrl() != null, links.scanPageUrl() != null);
        }
    }

    VerdictTexts {
        explanation = List.copyOf(explanation);
        advice = List.copyOf(advice);
    }

    /** The texts for one result in one language; a null verdict is treated as NOT_GENUINE. */
    static VerdictTexts of(VerificationResult r, Lang lang, Where where) {
        Verdict verdict = r.verdict() == null ? Verdict.NOT_GENUINE : r.verdict();
        VerdictTexts texts = switch (verdict) {
            case GENUINE -> new VerdictTexts(Tone.GREEN, GENUINE_TITLE.in(lang),
                    List.of(GENUINE_SUMMARY.in(lang)), List.of(GENUINE_ADVICE.in(lang)));
            case SEEN_BEFORE -> new VerdictTexts(Tone.BLUE, SEEN_BEFORE_TITLE.in(lang), seenBefore(r, lang),
                    List.of((where.reportForm() ? SEEN_BEFORE_ADVICE_SEALED : SEEN_BEFORE_ADVICE_SEALED_ASK).in(lang),
                            SEEN_BEFORE_ADVICE_OWNED.in(lang)));
            case SUSPECT -> new VerdictTexts(Tone.ORANGE, SUSPECT_TITLE.in(lang), suspect(r, lang),
                    texts(lang, SUSPECT_ADVICE_STOP, where.reportForm() ? ADVICE_REPORT : ADVICE_REPORT_ELSEWHERE,
                            ADVICE_RECEIPT));
            case RECALLED -> new VerdictTexts(Tone.RED, RECALLED_TITLE.in(lang), List.of(RECALLED_SUMMARY.in(lang)),
                    texts(lang, RECALLED_ADVICE_STOP, RECALLED_ADVICE_CONTACT, ADVICE_RECEIPT));
            case NOT_RELEASED -> new VerdictTexts(Tone.ORANGE, NOT_RELEASED_TITLE.in(lang),
                    List.of(NOT_RELEASED_SUMMARY.in(lang)),
                    texts(lang, NOT_RELEASED_ADVICE_STOP, reportWhere(where), ADVICE_RECEIPT));
            case VOIDED -> new VerdictTexts(Tone.RED, VOIDED_TITLE.in(lang), List.of(VOIDED_SUMMARY.in(lang)),
                    texts(lang, ADVICE_DO_NOT_USE, reportWhere(where), ADVICE_RECEIPT));
            case NOT_GENUINE -> isUnreadable(r) ? unreadable(lang, where) : notGenuine(r.reason(), lang, where);
        };
        return verdict != Verdict.NOT_GENUINE && isExpired(r) ? expired(texts, verdict, r.expiry(), lang) : texts;
    }

    /**
     * Whether the product's expiry date is before the day of the check (UTC, the day the server keeps; a product
     * expiring today is still in date).
     */
    static boolean isExpired(VerificationResult r) {
        LocalDate expiry = r.expiry();
        return expiry != null && r.checkedAt() != null
                && expiry.isBefore(r.checkedAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
    }

    /**
     * Input that is not a code at all (not a Touchmark address, cut off, bad characters, wrong length): nothing is
     * known about the product, so the page does not call it fake. A well-formed code whose signature fails is not
     * this: it stays not genuine.
     */
    static boolean isUnreadable(VerificationResult r) {
        return r.verdict() == Verdict.NOT_GENUINE && r.reason() == NotGenuineReason.MALFORMED;
    }

    /** The plain-words explanation of why a code is not genuine; null gives the generic sentence. */
    static String reasonText(NotGenuineReason reason, Lang lang) {
        if (reason == null) {
            return NOT_GENUINE_SUMMARY.in(lang);
        }
        return switch (reason) {
            case MALFORMED -> REASON_MALFORMED.in(lang);
            case UNKNOWN_KEY -> REASON_UNKNOWN_KEY.in(lang);
            case REVOKED_KEY -> REASON_REVOKED_KEY.in(lang);
            case BAD_SIGNATURE -> REASON_BAD_SIGNATURE.in(lang);
            case UNKNOWN_BATCH -> REASON_NEVER_ISSUED.in(lang);
            // Signed with the brand's key beyond the batch's quantity: an overrun or a misused key, not a forgery.
            case INDEX_OUT_OF_RANGE -> REASON_OVERRUN.in(lang);
            case DETAILS_MISMATCH -> REASON_DETAILS_MISMATCH.in(lang);
        };
    }

    private static VerdictTexts unreadable(Lang lang, Where where) {
        List<String> advice = new ArrayList<>(4);
        advice.add(UNREADABLE_ADVICE_RESCAN.in(lang));
        if (where.scannerLink()) {
            advice.add(UNREADABLE_ADVICE_SCANNER.in(lang));
        }
        advice.addAll(texts(lang, UNREADABLE_ADVICE_TYPED, UNREADABLE_ADVICE_DAMAGED));
        return new VerdictTexts(Tone.BLUE, UNREADABLE_TITLE.in(lang), List.of(UNREADABLE_SUMMARY.in(lang)), advice);
    }

    private static VerdictTexts notGenuine(NotGenuineReason reason, Lang lang, Where where) {
        List<String> advice = new ArrayList<>();
        if (reason == null) {
            advice.add(NOT_GENUINE_ADVICE_RESCAN.in(lang));
        } else if (reason == NotGenuineReason.BAD_SIGNATURE || reason == NotGenuineReason.UNKNOWN_KEY) {
            // One wrong character of a typed code fails its signature just as a forgery does.
            advice.add(NOT_GENUINE_ADVICE_TYPED.in(lang));
        }
        advice.addAll(texts(lang, ADVICE_DO_NOT_USE, reportWhere(where), ADVICE_RECEIPT));
        return new VerdictTexts(Tone.RED, NOT_GENUINE_TITLE.in(lang), List.of(reasonText(reason, lang)), advice);
    }

    /**
     * A validly signed product past its expiry date: a genuine one is no longer "nothing to do" but a warning of its
     * own; other verdicts keep their words and add the expiry.
     */
    private static VerdictTexts expired(VerdictTexts texts, Verdict verdict, LocalDate expiry, Lang lang) {
        String date = Formats.date(expiry, lang);
        if (verdict == Verdict.GENUINE) {
            return new VerdictTexts(Tone.ORANGE, EXPIRED_TITLE.in(lang), List.of(EXPIRED_SUMMARY.format(lang, date)),
                    texts(lang, EXPIRED_ADVICE_STOP, EXPIRED_ADVICE_SELLER, ADVICE_RECEIPT));
        }
        List<String> explanation = new ArrayList<>(texts.explanation());
        explanation.add(EXPIRED_ALSO.format(lang, date));
        List<String> advice = new ArrayList<>(texts.advice());
        if (verdict == Verdict.SEEN_BEFORE) {
            // "Nothing to do" no longer holds for an expired product.
            advice.remove(SEEN_BEFORE_ADVICE_OWNED.in(lang));
        }
        advice.add(0, EXPIRED_ADVICE_STOP.in(lang));
        Tone tone = texts.tone() == Tone.BLUE ? Tone.ORANGE : texts.tone();
        return new VerdictTexts(tone, texts.title(), explanation, advice);
    }

    private static Messages reportWhere(Where where) {
        return where.reportForm() ? ADVICE_REPORT_WHERE : ADVICE_REPORT_ELSEWHERE;
    }

    private static List<String> seenBefore(VerificationResult r, Lang lang) {
        if (r.firstScanAt() == null) {
            return List.of(SEEN_BEFORE_SUMMARY_NO_TIME.in(lang));
        }
        return List.of(SEEN_BEFORE_SUMMARY.format(lang, ago(r, lang), Formats.country(r.firstScanCountry(), lang)));
    }

    private static List<String> suspect(VerificationResult r, Lang lang) {
        List<String> lines = new ArrayList<>();
        List<String> reasons = r.riskReasons() == null ? List.of() : r.riskReasons();
        boolean devices = reasons.contains("many_devices") || reasons.contains("other_devices");
        if (r.deviceCount() >= 2 && (devices || reasons.isEmpty())) {
            lines.add(SUSPECT_SUMMARY_COUNTS.format(lang, r.deviceCount(), Math.max(r.scanCount(), r.deviceCount())));
        }
        if (reasons.contains("impossible_travel")) {
            lines.add(SUSPECT_REASON_TRAVEL.in(lang));
        }
        if (reasons.contains("out_of_market") && r.scanCountry() != null) {
            lines.add(SUSPECT_REASON_MARKET.format(lang, Formats.country(r.scanCountry(), lang)));
        }
        if (reasons.contains("late_device")) {
            lines.add(SUSPECT_REASON_LATE.in(lang));
        }
        if (reasons.contains("other_country") && r.scanCountry() != null && r.firstScanCountry() != null) {
            lines.add(SUSPECT_REASON_ELSEWHERE.format(lang, Formats.country(r.scanCountry(), lang),
                    Formats.country(r.firstScanCountry(), lang)));
        }
        if (reasons.contains("replayed_cookie")) {
            lines.add(SUSPECT_REASON_REPLAYED.in(lang));
        }
        if (reasons.contains("known_hotspot")) {
            lines.add(SUSPECT_REASON_HOTSPOT.in(lang));
        }
        if (lines.isEmpty()) {
            lines.add(SUSPECT_SUMMARY.in(lang));
        }
        if (r.firstScanAt() != null) {
            lines.add(SUSPECT_FIRST_SEEN.format(lang, ago(r, lang), Formats.country(r.firstScanCountry(), lang)));
        }
        return lines;
    }

    /** How long before this check the code was first checked: "3 days ago". */
    private static String ago(VerificationResult r, Lang lang) {
        return RelativeTime.ago(r.firstScanAt(), r.checkedAt() != null ? r.checkedAt() : r.firstScanAt(), lang);
    }

    private static List<String> texts(Lang lang, Messages... keys) {
        List<String> out = new ArrayList<>(keys.length);
        for (Messages key : keys) {
            out.add(key.in(lang));
        }
        return out;
    }
}
