package dev.touchmark.shopper;

import dev.touchmark.verify.VerificationResult;

import dev.touchmark.domain.NotGenuineReason;
import dev.touchmark.domain.Verdict;
import static dev.touchmark.shopper.Messages.*;

import dev.touchmark.i18n.Lang;
import java.util.ArrayList;
import java.util.List;

/**
 * What the page says about a verdict, as plain text (the page escapes it): the tone, the headline, the
 * explanation and what to do next.
 */
record VerdictTexts(Tone tone, String title, List<String> explanation, List<String> advice) {

    VerdictTexts {
        explanation = List.copyOf(explanation);
        advice = List.copyOf(advice);
    }

    /** The texts for one result in one language; a null verdict is treated as NOT_GENUINE. */
    static VerdictTexts of(VerificationResult r, Lang lang) {
        Verdict verdict = r.verdict() == null ? Verdict.NOT_GENUINE : r.verdict();
        return switch (verdict) {
            case GENUINE -> new VerdictTexts(Tone.GREEN, GENUINE_TITLE.in(lang),
                    List.of(GENUINE_SUMMARY.in(lang)), List.of(GENUINE_ADVICE.in(lang)));
            case SEEN_BEFORE -> new VerdictTexts(Tone.BLUE, SEEN_BEFORE_TITLE.in(lang), seenBefore(r, lang),
                    List.of(SEEN_BEFORE_ADVICE_SEALED.in(lang), SEEN_BEFORE_ADVICE_OWNED.in(lang)));
            case SUSPECT -> new VerdictTexts(Tone.ORANGE, SUSPECT_TITLE.in(lang), suspect(r, lang),
                    texts(lang, SUSPECT_ADVICE_STOP, ADVICE_REPORT, ADVICE_RECEIPT));
            case RECALLED -> new VerdictTexts(Tone.RED, RECALLED_TITLE.in(lang), List.of(RECALLED_SUMMARY.in(lang)),
                    texts(lang, RECALLED_ADVICE_STOP, RECALLED_ADVICE_CONTACT, ADVICE_RECEIPT));
            case NOT_RELEASED -> new VerdictTexts(Tone.ORANGE, NOT_RELEASED_TITLE.in(lang),
                    List.of(NOT_RELEASED_SUMMARY.in(lang)),
                    texts(lang, NOT_RELEASED_ADVICE_STOP, ADVICE_REPORT_WHERE, ADVICE_RECEIPT));
            case VOIDED -> new VerdictTexts(Tone.RED, VOIDED_TITLE.in(lang), List.of(VOIDED_SUMMARY.in(lang)),
                    texts(lang, ADVICE_DO_NOT_USE, ADVICE_REPORT_WHERE, ADVICE_RECEIPT));
            case NOT_GENUINE -> notGenuine(r.reason(), lang);
        };
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
            case UNKNOWN_BATCH, INDEX_OUT_OF_RANGE -> REASON_NEVER_ISSUED.in(lang);
            case DETAILS_MISMATCH -> REASON_DETAILS_MISMATCH.in(lang);
        };
    }

    private static VerdictTexts notGenuine(NotGenuineReason reason, Lang lang) {
        List<String> advice = new ArrayList<>();
        if (reason == null || reason == NotGenuineReason.MALFORMED) {
            advice.add(NOT_GENUINE_ADVICE_RESCAN.in(lang));
        }
        advice.addAll(texts(lang, ADVICE_DO_NOT_USE, ADVICE_REPORT_WHERE, ADVICE_RECEIPT));
        return new VerdictTexts(Tone.RED, NOT_GENUINE_TITLE.in(lang), List.of(reasonText(reason, lang)), advice);
    }

    private static List<String> seenBefore(VerificationResult r, Lang lang) {
        if (r.firstScanAt() == null) {
            return List.of(SEEN_BEFORE_SUMMARY_NO_TIME.in(lang));
        }
        return List.of(SEEN_BEFORE_SUMMARY.format(lang,
                Formats.dateTime(r.firstScanAt(), lang), Formats.country(r.firstScanCountry(), lang)));
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
        if (reasons.contains("known_hotspot")) {
            lines.add(SUSPECT_REASON_HOTSPOT.in(lang));
        }
        if (lines.isEmpty()) {
            lines.add(SUSPECT_SUMMARY.in(lang));
        }
        if (r.firstScanAt() != null) {
            lines.add(SUSPECT_FIRST_SEEN.format(lang,
                    Formats.dateTime(r.firstScanAt(), lang), Formats.country(r.firstScanCountry(), lang)));
        }
        return lines;
    }

    private static List<String> texts(Lang lang, Messages... keys) {
        List<String> out = new ArrayList<>(keys.length);
        for (Messages key : keys) {
            out.add(key.in(lang));
        }
        return out;
    }
}
