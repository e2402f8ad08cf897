package dev.touchmark.alert;

import dev.touchmark.i18n.Lang;
import dev.touchmark.i18n.Texts;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sentences (and parts of sentences) that explain alerts and their evidence; their words are in
 * i18n/messages_*.properties under "alert.message.", with placeholders that name {@link Fact}s: {@code {batch}}. A
 * message's id is stored with the facts of every alert, so a message may be reworded but never renamed or removed
 * (old rows would fall back to their stored English).
 */
enum AlertMessage {
    CLONED, CLONED_NOTE, CLONED_NOTE_IN,
    CLONED_LATE, CLONED_LATE_LOT, CLONED_ELSEWHERE, CLONED_ELSEWHERE_LOT, RUN, RUN_LOT, RUN_NOTE, RUN_NOTE_LOT,
    RUN_SECOND, RUN_SECOND_LOT, RUN_SECOND_NOTE, RUN_SECOND_NOTE_LOT,
    TRAVEL, TRAVEL_NOTE,
    TRAVEL_COUNTRY, TRAVEL_COUNTRY_LOT, TRAVEL_COUNTRY_NOTE,
    MARKET, MARKET_NOTE,
    MARKET_SPREAD, MARKET_SPREAD_LOT, MARKET_SPREAD_NOTE, MARKET_SPREAD_NOTE_LOT,
    UNRELEASED, RECALLED, VOIDED,
    FORGED, FORGED_ANY, REASON,
    OVERRUN, OVERRUN_LOT, OVERRUN_NOTE, OVERRUN_NOTE_LOT,
    BURST, BURST_FROM_NOTHING, BURST_NOTE,
    HOTSPOT, HOTSPOT_NOTE,
    SCAN_NOTE, SCAN_NOTE_IN, SCAN_NOTE_NEAR,
    REPORT_CODE, REPORT, REPORT_SELLER, REPORT_PLACE, REPORT_COMMENT, REPORT_END, REPORT_NUMBER,
    ALLIANCE_HOTSPOT, ALLIANCE_SELLER, ALLIANCE_HOST, ALLIANCE_WAVE, ALLIANCE_NAMED, ALLIANCE_NOTE,
    // The same sentences naming a batch by its lot number and a code by its serial, as printed on the labels (used
    // for batches that have a lot number; the ones above remain for batches without one and for stored alerts).
    CLONED_LOT, TRAVEL_LOT, MARKET_LOT, MARKET_NOTE_LOT, UNRELEASED_LOT, RECALLED_LOT, VOIDED_LOT, FORGED_LOT,
    BURST_LOT, BURST_FROM_NOTHING_LOT, BURST_NOTE_LOT, HOTSPOT_NOTE_LOT, REPORT_CODE_LOT;

    private final String id = name().toLowerCase(Locale.ROOT);
    private final String key = "alert.message." + id;
    /** Texts checks that every language names the same arguments, so the English ones stand for all. */
    private final Set<Fact> facts = Collections.unmodifiableSet(placeholders(key));

    /** The id kept in the stored facts: "cloned_note_in". */
    String id() {
        return id;
    }

    /** The message with an id, if any. */
    static Optional<AlertMessage> of(String id) {
        for (AlertMessage message : values()) {
            if (message.id.equals(id)) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    /** The facts its placeholders name (the same in every language). */
    Set<Fact> facts() {
        return facts;
    }

    /** The template in a language, placeholders unfilled. */
    String template(Lang lang) {
        return Texts.bundled().pattern(lang, key);
    }

    /** Appends the text in a language with each placeholder replaced by its fact's value, written for that language. */
    void appendTo(StringBuilder out, Lang lang, Map<Fact, Object> values) {
        if (facts.isEmpty()) {
            out.append(Texts.bundled().text(lang, key));
            return;
        }
        Map<String, Object> written = new HashMap<>();
        for (Fact fact : facts) {
            written.put(fact.key(), fact.argument(values.get(fact), lang));
        }
        out.append(Texts.bundled().format(lang, key, written));
    }

    private static Set<Fact> placeholders(String key) {
        Set<Fact> found = EnumSet.noneOf(Fact.class);
        for (String name : Texts.bundled().argumentNames(Lang.EN, key)) {
            found.add(Fact.of(name).orElseThrow(() -> new IllegalStateException(key + ": no fact named {" + name + "}")));
        }
        return found;
    }
}
