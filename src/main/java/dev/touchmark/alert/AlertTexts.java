package dev.touchmark.alert;

import dev.touchmark.domain.NotGenuineReason;

import dev.touchmark.domain.Place;

import dev.touchmark.domain.Verdict;

import static dev.touchmark.alert.Fact.BASELINE;
import static dev.touchmark.alert.Fact.BATCH;
import static dev.touchmark.alert.Fact.CODE;
import static dev.touchmark.alert.Fact.CODES;
import static dev.touchmark.alert.Fact.COMMENT;
import static dev.touchmark.alert.Fact.COUNTRY;
import static dev.touchmark.alert.Fact.DAYS;
import static dev.touchmark.alert.Fact.DEVICES;
import static dev.touchmark.alert.Fact.FACTOR;
import static dev.touchmark.alert.Fact.FROM;
import static dev.touchmark.alert.Fact.HOST;
import static dev.touchmark.alert.Fact.HOUR;
import static dev.touchmark.alert.Fact.KM;
import static dev.touchmark.alert.Fact.KMH;
import static dev.touchmark.alert.Fact.LAST;
import static dev.touchmark.alert.Fact.LAST_SERIAL;
import static dev.touchmark.alert.Fact.LAT;
import static dev.touchmark.alert.Fact.LOT;
import static dev.touchmark.alert.Fact.SERIAL;
import static dev.touchmark.alert.Fact.LON;
import static dev.touchmark.alert.Fact.MARKETS;
import static dev.touchmark.alert.Fact.MEMBERS;
import static dev.touchmark.alert.Fact.MINUTES;
import static dev.touchmark.alert.Fact.NAMES;
import static dev.touchmark.alert.Fact.PLACE;
import static dev.touchmark.alert.Fact.REASON;
import static dev.touchmark.alert.Fact.REPORT;
import static dev.touchmark.alert.Fact.SCANS;
import static dev.touchmark.alert.Fact.SELLER;
import static dev.touchmark.alert.Fact.THRESHOLD;
import static dev.touchmark.alert.Fact.VERDICT;
import static dev.touchmark.alert.Fact.WEEK;

import dev.touchmark.code.CodeFormat;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/** The sentences that explain alerts and their evidence, made from their facts; the words are in {@link AlertMessage}. */
final class AlertTexts {
    /** Longest part of a shopper's comment kept in a report's sentence; the seller and place are limited to 200. */
    private static final int MAX_COMMENT = 300;

    private AlertTexts() {
    }

    /**
     * A sentence naming a batch (and perhaps one of its codes) as staff know them: by the lot number and the serial
     * printed on the labels when the batch has a lot number, else by the batch's id and the code's index.
     */
    private static AlertText named(AlertMessage byId, AlertMessage byLot, long batchId, String lot, Long index,
                                   Map<Fact, ?> rest) {
        Map<Fact, Object> values = new EnumMap<>(Fact.class);
        values.putAll(rest);
        if (lot == null) {
            values.put(BATCH, batchId);
            if (index != null) {
                values.put(CODE, index);
            }
            return AlertText.of(byId, values);
        }
        values.put(LOT, lot);
        if (index != null) {
            values.put(SERIAL, CodeFormat.serial(batchId, index));
        }
        return AlertText.of(byLot, values);
    }

    static AlertText cloned(long batchId, long index, int devices, int threshold) {
        return cloned(batchId, null, index, devices, threshold);
    }

    static AlertText cloned(long batchId, String lot, long index, int devices, int threshold) {
        return named(AlertMessage.CLONED, AlertMessage.CLONED_LOT, batchId, lot, index, Map.of(DEVICES, devices, THRESHOLD, threshold));
    }

    /** A code made suspect by a phone new to it weeks after its first scan, under the clone threshold. */
    static AlertText clonedLate(long batchId, String lot, long index, int devices, long days) {
        return named(AlertMessage.CLONED_LATE, AlertMessage.CLONED_LATE_LOT, batchId, lot, index, Map.of(DEVICES, devices,
                DAYS, days));
    }

    /** A code made suspect by a phone new to it in another country of its markets than its first scan's. */
    static AlertText clonedElsewhere(long batchId, String lot, long index, int devices, String country, String firstCountry) {
        return named(AlertMessage.CLONED_ELSEWHERE, AlertMessage.CLONED_ELSEWHERE_LOT, batchId, lot, index,
                Map.of(DEVICES, devices, COUNTRY, country, FROM, firstCountry));
    }

    /**
     * Codes of one block of consecutive indexes that came back on new phones weeks after their first scans or in
     * another country of their markets.
     */
    static AlertText run(long batchId, String lot, long first, long last, int codes, int days) {
        return run(batchId, lot, first, last, codes, days, 0);
    }

    /**
     * The same, with the further codes of the block that came back on a second phone only (further): listed with the run,
     * as every label of a reprinted block may have a copy.
     */
    static AlertText run(long batchId, String lot, long first, long last, int codes, int days, int further) {
        Map<Fact, Object> values = new EnumMap<>(Fact.class);
        values.put(CODES, codes);
        values.put(DAYS, days);
        if (further > 0) {
            values.put(Fact.FURTHER, further);
        }
        if (lot == null) {
            values.put(BATCH, batchId);
            values.put(CODE, first);
            values.put(LAST, last);
            return AlertText.of(further > 0 ? AlertMessage.RUN_SECOND : AlertMessage.RUN, values);
        }
        values.put(LOT, lot);
        values.put(SERIAL, CodeFormat.serial(batchId, first));
        values.put(LAST_SERIAL, CodeFormat.serial(batchId, last));
        return AlertText.of(further > 0 ? AlertMessage.RUN_SECOND_LOT : AlertMessage.RUN_LOT, values);
    }

    /** A code of a run's window that came back on a second phone only, or was first scanned outside the markets. */
    static AlertText runSecondNote(long batchId, String lot, long index) {
        return named(AlertMessage.RUN_SECOND_NOTE, AlertMessage.RUN_SECOND_NOTE_LOT, batchId, lot, index, Map.of());
    }

    static AlertText runNote(long batchId, String lot, long index) {
        return named(AlertMessage.RUN_NOTE, AlertMessage.RUN_NOTE_LOT, batchId, lot, index, Map.of());
    }

    static AlertText clonedNote(int devices, String country) {
        return country == null ? AlertText.of(AlertMessage.CLONED_NOTE, Map.of(DEVICES, devices))
                : AlertText.of(AlertMessage.CLONED_NOTE_IN, Map.of(DEVICES, devices, COUNTRY, country));
    }

    static AlertText travel(long batchId, long index, Travel t, int threshold) {
        return travel(batchId, null, index, t, threshold);
    }

    static AlertText travel(long batchId, String lot, long index, Travel t, int threshold) {
        return named(AlertMessage.TRAVEL, AlertMessage.TRAVEL_LOT, batchId, lot, index, Map.of(KM, t.km(), MINUTES, t.minutes(),
                KMH, t.kmh(), THRESHOLD, threshold));
    }

    static AlertText travelNote(Travel t) {
        return AlertText.of(AlertMessage.TRAVEL_NOTE, Map.of(KM, t.km(), MINUTES, t.minutes(), KMH, t.kmh()));
    }

    /** A code scanned in two countries too far apart for the time between its scans (from the country header). */
    static AlertText countryTravel(long batchId, String lot, long index, CountryMove m, int threshold) {
        return named(AlertMessage.TRAVEL_COUNTRY, AlertMessage.TRAVEL_COUNTRY_LOT, batchId, lot, index, Map.of(FROM, m.from(),
                COUNTRY, m.to(), KM, m.km(), MINUTES, m.minutes(), KMH, m.kmh(), THRESHOLD, threshold));
    }

    static AlertText countryTravelNote(CountryMove m) {
        return AlertText.of(AlertMessage.TRAVEL_COUNTRY_NOTE, Map.of(FROM, m.from(), COUNTRY, m.to(), KM, m.km(),
                MINUTES, m.minutes(), KMH, m.kmh()));
    }

    static AlertText market(long batchId, String country, Set<String> markets, int codes) {
        return market(batchId, null, country, markets, codes);
    }

    static AlertText market(long batchId, String lot, String country, Set<String> markets, int codes) {
        return named(AlertMessage.MARKET, AlertMessage.MARKET_LOT, batchId, lot, null, Map.of(CODES, codes, COUNTRY, country,
                MARKETS, markets));
    }

    /** Codes of a batch seen outside its markets in any countries: diversion spread thinly. */
    static AlertText marketSpread(long batchId, String lot, Set<String> markets, int codes) {
        return named(AlertMessage.MARKET_SPREAD, AlertMessage.MARKET_SPREAD_LOT, batchId, lot, null, Map.of(CODES, codes,
                MARKETS, markets));
    }

    /** One of the codes a batch-wide diversion alert counts. */
    static AlertText marketSpreadNote(long batchId, String lot, long index) {
        return named(AlertMessage.MARKET_SPREAD_NOTE, AlertMessage.MARKET_SPREAD_NOTE_LOT, batchId, lot, index, Map.of());
    }

    /** One of the codes a diversion alert counts, listed when the alert opens. */
    static AlertText marketNote(long batchId, String lot, long index, String country) {
        return named(AlertMessage.MARKET_NOTE, AlertMessage.MARKET_NOTE_LOT, batchId, lot, index, Map.of(COUNTRY, country));
    }

    static AlertText status(Rule rule, long batchId) {
        return status(rule, batchId, null);
    }

    static AlertText status(Rule rule, long batchId, String lot) {
        return switch (rule) {
            case UNRELEASED_SCAN -> named(AlertMessage.UNRELEASED, AlertMessage.UNRELEASED_LOT, batchId, lot, null, Map.of());
            case RECALLED_SCAN -> named(AlertMessage.RECALLED, AlertMessage.RECALLED_LOT, batchId, lot, null, Map.of());
            case VOIDED_SCAN -> named(AlertMessage.VOIDED, AlertMessage.VOIDED_LOT, batchId, lot, null, Map.of());
            default -> throw new IllegalArgumentException(rule.id());
        };
    }

    static AlertText forged(Long batchId, NotGenuineReason reason) {
        return forged(batchId, null, reason);
    }

    static AlertText forged(Long batchId, String lot, NotGenuineReason reason) {
        return batchId == null ? AlertText.of(AlertMessage.FORGED_ANY, Map.of(REASON, reason.id()))
                : named(AlertMessage.FORGED, AlertMessage.FORGED_LOT, batchId, lot, null, Map.of(REASON, reason.id()));
    }

    /**
     * Validly signed codes of a batch numbered beyond its quantity: signed with the brand's key, so not a forgery, but
     * not a product of the batch either.
     */
    static AlertText overrun(long batchId, String lot, long quantity) {
        return named(AlertMessage.OVERRUN, AlertMessage.OVERRUN_LOT, batchId, lot, null, Map.of(CODES, quantity));
    }

    /** One code of an overrun, as the scan note's second sentence. */
    static AlertText overrunNote(long batchId, String lot, long index, long quantity) {
        return named(AlertMessage.OVERRUN_NOTE, AlertMessage.OVERRUN_NOTE_LOT, batchId, lot, index, Map.of(CODES, quantity));
    }

    /** " Reason: bad signature.", to follow a scan note. */
    static AlertText reason(NotGenuineReason reason) {
        return AlertText.of(AlertMessage.REASON, Map.of(REASON, reason.id()));
    }

    static AlertText burst(long batchId, long scans, double baseline, int factor) {
        return burst(batchId, null, scans, baseline, factor);
    }

    static AlertText burst(long batchId, String lot, long scans, double baseline, int factor) {
        return baseline < 0.05
                ? named(AlertMessage.BURST_FROM_NOTHING, AlertMessage.BURST_FROM_NOTHING_LOT, batchId, lot, null,
                        Map.of(SCANS, scans, FACTOR, factor))
                : named(AlertMessage.BURST, AlertMessage.BURST_LOT, batchId, lot, null, Map.of(SCANS, scans, BASELINE, baseline,
                        FACTOR, factor));
    }

    static AlertText burstNote(long batchId, long scans, OffsetDateTime hour) {
        return burstNote(batchId, null, scans, hour);
    }

    static AlertText burstNote(long batchId, String lot, long scans, OffsetDateTime hour) {
        return named(AlertMessage.BURST_NOTE, AlertMessage.BURST_NOTE_LOT, batchId, lot, null, Map.of(SCANS, scans,
                HOUR, hour.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime().toString()));
    }

    /** What an alliance match says: what the brand saw, how many other members saw it, and who of them by name. */
    static AlertText allianceMatch(AllianceMatch m) {
        AlertText text = switch (m.kind()) {
            case HOTSPOT -> AlertText.of(AlertMessage.ALLIANCE_HOTSPOT, Map.of(LAT, m.centre().latTenths(),
                    LON, m.centre().lonTenths(), MEMBERS, m.otherMembers(), DAYS, m.days()));
            case SELLER -> AlertText.of(AlertMessage.ALLIANCE_SELLER, Map.of(SELLER, oneLine(m.key(), 200),
                    MEMBERS, m.otherMembers(), DAYS, m.days()));
            case HOST -> AlertText.of(AlertMessage.ALLIANCE_HOST, Map.of(HOST, oneLine(m.key(), 200),
                    MEMBERS, m.otherMembers(), DAYS, m.days()));
            case WAVE -> AlertText.of(AlertMessage.ALLIANCE_WAVE, Map.of(LAT, m.centre().latTenths(),
                    LON, m.centre().lonTenths(), WEEK, m.week(), MEMBERS, m.otherMembers()));
        };
        return m.namedBrands().isEmpty() ? text
                : text.then(AlertText.of(AlertMessage.ALLIANCE_NAMED, Map.of(NAMES, oneLine(String.join(", ", m.namedBrands()), 300))));
    }

    static AlertText allianceNote(AllianceMatch m) {
        return AlertText.of(AlertMessage.ALLIANCE_NOTE, Map.of(MEMBERS, m.otherMembers()));
    }

    static AlertText hotspot(int codes, int days, int latTenths, int lonTenths) {
        return AlertText.of(AlertMessage.HOTSPOT, Map.of(CODES, codes, DAYS, days, LAT, latTenths, LON, lonTenths));
    }

    static AlertText hotspotNote(long batchId, long index) {
        return hotspotNote(batchId, null, index);
    }

    static AlertText hotspotNote(long batchId, String lot, long index) {
        return named(AlertMessage.HOTSPOT_NOTE, AlertMessage.HOTSPOT_NOTE_LOT, batchId, lot, index, Map.of());
    }

    static AlertText scanNote(Verdict verdict, String country, Place place) {
        if (place != null) {
            return AlertText.of(AlertMessage.SCAN_NOTE_NEAR, Map.of(VERDICT, verdict.id(), LAT, place.latTenths(),
                    LON, place.lonTenths()));
        }
        return country == null ? AlertText.of(AlertMessage.SCAN_NOTE, Map.of(VERDICT, verdict.id()))
                : AlertText.of(AlertMessage.SCAN_NOTE_IN, Map.of(VERDICT, verdict.id(), COUNTRY, country));
    }

    /** A shopper's report, with the code it names (if any) in front. */
    static AlertText report(Long batchId, Long codeIndex, String seller, String place, String comment) {
        return report(batchId, null, codeIndex, seller, place, comment);
    }

    static AlertText report(Long batchId, String lot, Long codeIndex, String seller, String place, String comment) {
        AlertText said = reported(seller, place, comment);
        return batchId == null || codeIndex == null ? said
                : named(AlertMessage.REPORT_CODE, AlertMessage.REPORT_CODE_LOT, batchId, lot, codeIndex, Map.of()).then(said);
    }

    /** A shopper's report, with its number after it. */
    static AlertText reportNote(long reportId, String seller, String place, String comment) {
        return reported(seller, place, comment).then(AlertText.of(AlertMessage.REPORT_NUMBER, Map.of(REPORT, reportId)));
    }

    private static AlertText reported(String seller, String place, String comment) {
        AlertText text = AlertText.of(AlertMessage.REPORT);
        if (seller != null && !seller.isBlank()) {
            text = text.then(AlertText.of(AlertMessage.REPORT_SELLER, Map.of(SELLER, oneLine(seller, 200))));
        }
        if (place != null && !place.isBlank()) {
            text = text.then(AlertText.of(AlertMessage.REPORT_PLACE, Map.of(PLACE, oneLine(place, 200))));
        }
        if (comment != null && !comment.isBlank()) {
            text = text.then(AlertText.of(AlertMessage.REPORT_COMMENT, Map.of(COMMENT, oneLine(comment, MAX_COMMENT))));
        }
        return text.then(AlertText.of(AlertMessage.REPORT_END));
    }

    /** What a shopper wrote, on one line and cut to a length, so a sentence and its stored facts stay bounded. */
    private static String oneLine(String text, int max) {
        String line = text.strip().replaceAll("\\p{Cntrl}+", " ");
        if (line.length() <= max) {
            return line;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--; // never half of an emoji
        }
        return line.substring(0, end) + "…";
    }

    /** A move between two located scans of one code. */
    record Travel(double km, double minutes, double kmh) {
    }

    /** A move of one code between the countries of two scans: km is the least distance between the two countries. */
    record CountryMove(String from, String to, double km, double minutes, double kmh) {
    }
}
