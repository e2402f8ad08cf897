package dev.touchmark.label;

/** Thermal label geometry for ZPL: printer resolution in dots per inch and label size in millimetres. */
public record ZplLayout(int dpi, double widthMm, double heightMm) {

    /** A common 50 x 30 mm label on a 203 dpi (8 dots/mm) printer. */
    public static ZplLayout defaults() {
        return new ZplLayout(203, 50, 30);
    }

    /**
     * Checks the values.
     *
     * @return this layout
     * @throws IllegalArgumentException naming the offending field and its allowed range
     */
    public ZplLayout validate() {
        if (dpi < 150 || dpi > 600) {
            throw new IllegalArgumentException("dpi must be between 150 and 600, was " + dpi);
        }
        if (!(widthMm >= 20 && widthMm <= 200)) {
            throw new IllegalArgumentException("widthMm must be between 20 and 200, was " + widthMm);
        }
        if (!(heightMm >= 20 && heightMm <= 300)) {
            throw new IllegalArgumentException("heightMm must be between 20 and 300, was " + heightMm);
        }
        return this;
    }

    int widthDots() {
        return dots(widthMm);
    }

    int heightDots() {
        return dots(heightMm);
    }

    /** Dots reserved under the QR for the serial. */
    int textBandDots() {
        return Math.max(dots(4), heightDots() / 5);
    }

    int dots(double mm) {
        return (int) Math.floor(mm * dpi / 25.4);
    }
}
