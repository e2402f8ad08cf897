package dev.touchmark.detection;

/**
 * The scale of the adversarial stories: the patterns of issue 24 that a counterfeiter adapting to the rules would
 * try, and the genuine households that check one product on several browsers. Each pattern has a batch of its own,
 * sold to ordinary shoppers too (backgroundCodes of them: single buyers, families, resellers, tourists and app
 * buyers), so that an alert about a batch says which pattern it found and batch statistics have a baseline.
 *
 * @param patternCodes    bad codes of each pattern (the thin diversion has 2 per country instead)
 * @param thinCountries   countries the thin diversion spreads over, 2 codes each
 * @param backgroundCodes genuine codes sold in each pattern's batch and in the households' batch
 * @param households      genuine households checking one code on 2-6 browsers or phones
 * @param appShare        share of background codes checked only through a partner app that sends no device id
 */
public record AdversarialSettings(int patternCodes, int thinCountries, int backgroundCodes, int households,
                                  double appShare) {
    /** No adversarial stories: the month alone. */
    public static final AdversarialSettings NONE = new AdversarialSettings(0, 0, 0, 0, 0);

    /** The scale of docs/detection.md: 40 codes per pattern (the ring size the issue names), 240 households. */
    public static AdversarialSettings standard() {
        return new AdversarialSettings(40, 25, 200, 240, 0.03);
    }

    /** A smaller set for the integration test. */
    public static AdversarialSettings small() {
        return new AdversarialSettings(20, 25, 100, 120, 0.03);
    }

    /** The same scale with another number of bad codes per pattern. */
    public AdversarialSettings withPatternCodes(int codes) {
        return new AdversarialSettings(codes, thinCountries, backgroundCodes, households, appShare);
    }

    /** True when the stories are generated at all. */
    public boolean on() {
        return patternCodes > 0 || households > 0 || thinCountries > 0;
    }
}
