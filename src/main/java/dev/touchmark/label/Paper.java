package dev.touchmark.label;

/** Paper sizes for label sheets, in PDF points (1/72 inch) and millimetres. */
public enum Paper {
    /** ISO A4, 210 x 297 mm. */
    A4(595.276, 841.890),
    /** US Letter, 8.5 x 11 in. */
    LETTER(612.0, 792.0);

    /** Millimetres per PDF point. */
    public static final double MM_PER_POINT = 25.4 / 72.0;

    private final double widthPt;
    private final double heightPt;

    Paper(double widthPt, double heightPt) {
        this.widthPt = widthPt;
        this.heightPt = heightPt;
    }

    public double widthPt() {
        return widthPt;
    }

    public double heightPt() {
        return heightPt;
    }

    public double widthMm() {
        return widthPt * MM_PER_POINT;
    }

    public double heightMm() {
        return heightPt * MM_PER_POINT;
    }
}
