package dev.touchmark.detection;

/** What a code really is, whatever detection makes of it. */
public enum Truth {
    /** A genuine label on a genuine product, sold where the brand meant it to be. */
    GENUINE,
    /** A genuine label copied onto counterfeits: the genuine owner's scans and the fakes' scans share it. */
    CLONED,
    /** A genuine product sold in a country that is not one of its batch's markets. */
    DIVERTED,
    /** A label of a batch that was never released, out of the printer and onto goods. */
    LEAKED,
    /** A validly signed label with an index beyond its batch's quantity: the printer ran on past the order. */
    OVERRUN,
    /** A code in the brand's format whose signature was not made with the brand's key. */
    FORGED
}
