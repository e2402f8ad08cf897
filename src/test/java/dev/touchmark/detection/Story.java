package dev.touchmark.detection;

/** How a code came to be scanned in the scenario; each story has one truth. */
public enum Story {
    /** One buyer scans 1-3 times from one phone at home. */
    SINGLE_BUYER(Truth.GENUINE),
    /** A household: 2-3 phones on one code, same city, over days. */
    FAMILY(Truth.GENUINE),
    /** A shop scans the code once on its phone, then the buyer scans it: two phones, same city. */
    RESELLER(Truth.GENUINE),
    /** A buyer scans at home, then once abroad on a trip. */
    TOURIST(Truth.GENUINE),
    /** A genuine buyer's label copied by a ring onto fakes sold to many buyers in two cities. */
    CLONE_RING(Truth.CLONED),
    /** A batch meant for France sold, and scanned by single buyers, in another country. */
    DIVERTED(Truth.DIVERTED),
    /** Labels of a draft batch on goods sold to buyers in the market. */
    LEAKED(Truth.LEAKED),
    /** A made-up code in the brand's format with a wrong signature. */
    FORGED(Truth.FORGED);

    private final Truth truth;

    Story(Truth truth) {
        this.truth = truth;
    }

    /** What a code of this story really is. */
    public Truth truth() {
        return truth;
    }
}
