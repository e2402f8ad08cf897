package dev.touchmark.alert;

import java.util.Arrays;
import java.util.Optional;

/** The counterfeit signals that raise alerts, with the severity an alert of each starts with. */
public enum Rule {
    CLONED_CODE("cloned_code", Severity.HIGH),
    IMPOSSIBLE_TRAVEL("impossible_travel", Severity.HIGH),
    OUT_OF_MARKET("out_of_market", Severity.MEDIUM),
    UNRELEASED_SCAN("unreleased_scan", Severity.HIGH),
    RECALLED_SCAN("recalled_scan", Severity.LOW),
    VOIDED_SCAN("voided_scan", Severity.MEDIUM),
    FORGED_CODE("forged_code", Severity.HIGH),
    SCAN_BURST("scan_burst", Severity.MEDIUM),
    HOTSPOT("hotspot", Severity.HIGH),
    SHOPPER_REPORT("shopper_report", Severity.LOW),
    /** A hotspot, seller, label host or forgery wave of the brand that other members of an alliance saw too. */
    ALLIANCE_MATCH("alliance_match", Severity.MEDIUM),
    /** Validly signed codes of a batch with indexes beyond its quantity: an overrun of the printer or a misused key. */
    OVERRUN("overrun", Severity.HIGH);

    private final String id;
    private final Severity severity;

    Rule(String id, Severity severity) {
        this.id = id;
        this.severity = severity;
    }

    /** The id used in the API and the database. */
    public String id() {
        return id;
    }

    /** The severity a new alert of this rule gets. */
    public Severity severity() {
        return severity;
    }

    /** The rule with an id, if any. */
    public static Optional<Rule> of(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
