package dev.touchmark.detection;

/**
 * How a code came to be scanned in the scenario; each story has one truth. The month's stories come first; the
 * adversarial ones (a counterfeiter adapting to the rules, and the households that look like clones) are generated
 * only when the settings ask for them (see {@link AdversarialSettings}).
 */
public enum Story {
    /** One buyer scans 1-3 times from one phone at home. */
    SINGLE_BUYER(Truth.GENUINE, false),
    /** A household: 2-3 phones on one code, same city, over days. */
    FAMILY(Truth.GENUINE, false),
    /** A shop scans the code once on its phone, then the buyer scans it: two phones, same city. */
    RESELLER(Truth.GENUINE, false),
    /** A buyer scans at home, then once abroad on a trip. */
    TOURIST(Truth.GENUINE, false),
    /** A genuine buyer's label copied by a ring onto fakes sold to many buyers in two cities. */
    CLONE_RING(Truth.CLONED, false),
    /** A batch meant for France sold, and scanned by single buyers, in another country. */
    DIVERTED(Truth.DIVERTED, false),
    /** Labels of a draft batch on goods sold to buyers in the market. */
    LEAKED(Truth.LEAKED, false),
    /** A made-up code in the brand's format with a wrong signature. */
    FORGED(Truth.FORGED, false),
    /** Slow clones: a genuine buyer's label copied, each copy scanned 3-4 times over weeks by different phones. */
    SLOW_CLONE(Truth.CLONED, true),
    /** Clones of labels whose genuine buyer never scans: every scan of the code is a fake's. */
    UNSCANNED_CLONE(Truth.CLONED, true),
    /** Fakes that carry the genuine buyer's device cookie (a copied link, a scripted checker), sold abroad. */
    COOKIE_CLONE_ABROAD(Truth.CLONED, true),
    /** The same, sold inside the batch's markets. */
    COOKIE_CLONE_IN_MARKET(Truth.CLONED, true),
    /** Fakes checked through a partner app's POST /api/v1/verify that sends no device id. */
    NO_DEVICE_CLONE(Truth.CLONED, true),
    /** Validly signed labels with an index beyond the batch's quantity, sold in the market. */
    PRINTER_OVERRUN(Truth.OVERRUN, true),
    /** A range of released labels printed a second time; the copies sold in other cities, some abroad. */
    DUPLICATE_RUN(Truth.CLONED, true),
    /** Diversion laundered by a distributor who scans each code in the home market before it is sold abroad. */
    LAUNDERED_DIVERSION(Truth.DIVERTED, true),
    /** Diversion spread thinly: two codes per country over many countries. */
    THIN_DIVERSION(Truth.DIVERTED, true),
    /** A genuine household checking one product on 2-6 browsers or phones at home. */
    HOUSEHOLD(Truth.GENUINE, true),
    /** A genuine buyer checking 1-3 times through a partner app that sends no device id. */
    APP_BUYER(Truth.GENUINE, true);

    private final Truth truth;
    private final boolean adversarial;

    Story(Truth truth, boolean adversarial) {
        this.truth = truth;
        this.adversarial = adversarial;
    }

    /** What a code of this story really is. */
    public Truth truth() {
        return truth;
    }

    /** True for the stories of the adversarial set (including its genuine households and app buyers). */
    public boolean adversarial() {
        return adversarial;
    }
}
