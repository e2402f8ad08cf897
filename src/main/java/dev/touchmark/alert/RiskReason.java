package dev.touchmark.alert;

import java.util.Arrays;
import java.util.Optional;

/**
 * What adds to a scan's risk score (0-100). The points are chosen so that one strong clone signal (the
 * brand's device threshold reached, impossible travel, a forged code) is suspect on its own, while weaker ones
 * (a second phone, a scan abroad, a scan inside a hotspot) are suspect only together.
 */
public enum RiskReason {
    /** Phones other than the first verified this code (15 points each, at most 45). */
    OTHER_DEVICES("other_devices", 15),
    /**
     * A phone new to this code verified it weeks after its first scan (the brand's lateDeviceDays): genuine products are
     * checked around their sale, copied labels come back later on other phones.
     */
    LATE_DEVICE("late_device", 30),
    /**
     * A phone new to this code verified it in another country of its batch's markets than the code's first scan: a
     * product passed on across a border inside its markets is rare (a gift, a resale), a copy sold in another country
     * of the markets is not.
     */
    OTHER_COUNTRY("other_country", 15),
    /**
     * A device cookie that checked this code before came back from yet another network outside the code's household (its
     * third such): a copied link or a scripted checker carrying the owner's cookie, counted as a new phone.
     */
    REPLAYED_COOKIE("replayed_cookie", 30),
    /** As many phones as the brand's clone threshold verified this code. */
    MANY_DEVICES("many_devices", 70),
    /** This code was scanned too far from its previous located scan for the time between them. */
    IMPOSSIBLE_TRAVEL("impossible_travel", 70),
    /** Scanned in a country that is not one of its batch's markets. */
    OUT_OF_MARKET("out_of_market", 35),
    /** Scanned inside an open hotspot of suspect codes. */
    KNOWN_HOTSPOT("known_hotspot", 45),
    /** The batch was never released: its labels should not be on any product. */
    NOT_RELEASED("not_released", 80),
    /** The batch was recalled. */
    RECALLED("recalled", 30),
    /** The batch was voided. */
    VOIDED("voided", 60),
    /** The code failed verification but claims one of the brand's keys or batches. */
    FORGED("forged", 100),
    /**
     * The code is validly signed with the brand's key but its index is beyond its batch's quantity: not a product of
     * that batch (a printer's overrun, or the signing key used outside the brand's batches), never a forgery.
     */
    OVERRUN("overrun", 100);

    private final String id;
    private final int points;

    RiskReason(String id, int points) {
        this.id = id;
        this.points = points;
    }

    /** The id stored with scans and shown in the API. */
    public String id() {
        return id;
    }

    /** Points this reason adds. */
    public int points() {
        return points;
    }

    /** The reason with an id, if any. */
    public static Optional<RiskReason> of(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
