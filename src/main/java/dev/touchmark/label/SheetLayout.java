package dev.touchmark.label;

/**
 * Where labels sit on a sheet: label size, grid, top-left margins and gaps between labels, all in
 * millimetres. Each label holds the QR (with quiet zone) as large as fits, centred, with the serial
 * under it.
 */
public record SheetLayout(Paper paper, double labelWidthMm, double labelHeightMm, int columns, int rows,
        double marginTopMm, double marginLeftMm, double columnGapMm, double rowGapMm) {

    /** Most columns or rows accepted. */
    public static final int MAX_GRID = 20;
    /** Smallest accepted side of the QR including its quiet zone. */
    public static final double MIN_QR_MM = 12.0;
    /** Height reserved under the QR for the serial, capped at a fifth of the label height. */
    public static final double TEXT_BAND_MM = 4.0;
    private static final double TOLERANCE_MM = 0.01;

    /** A layout without gaps between labels (labels touch, as on most A4 sheets). */
    public SheetLayout(Paper paper, double labelWidthMm, double labelHeightMm, int columns, int rows,
            double marginTopMm, double marginLeftMm) {
        this(paper, labelWidthMm, labelHeightMm, columns, rows, marginTopMm, marginLeftMm, 0, 0);
    }

    /**
     * Common real sticker sheets whose labels all lie well inside a printer's printable area (many printers leave
     * the outer 4 to 6 mm blank; the QRs and serials of these sheets stay at least 15 mm from every edge). A4: 63.5
     * x 38.1 mm, 3 x 7 = 21 per sheet (Avery L7160 style): 15.15 mm top, 7.2 mm left, 2.5 mm between columns.
     * LETTER: 2.625 x 1 in, 3 x 10 = 30 per sheet (Avery 5160): 0.5 in top, 0.1875 in left margin, 0.125 in between
     * columns. (The edge-to-edge A4 sheet used before put the top row's QRs 3.3 mm from the paper's edge.)
     */
    public static SheetLayout defaults(Paper paper) {
        return switch (paper) {
            case A4 -> new SheetLayout(Paper.A4, 63.5, 38.1, 3, 7, 15.15, 7.2, 2.5, 0.0);
            case LETTER -> new SheetLayout(Paper.LETTER, 66.675, 25.4, 3, 10, 12.7, 4.7625, 3.175, 0.0);
        };
    }

    /** Labels per sheet. */
    public int labelsPerPage() {
        return columns * rows;
    }

    /** Height of the band under the QR holding the serial. */
    public double textBandMm() {
        return Math.min(TEXT_BAND_MM, labelHeightMm / 5);
    }

    /** Side of the square holding the QR and its quiet zone: as large as fits above the text band. */
    public double qrSideMm() {
        return Math.min(labelWidthMm, labelHeightMm - textBandMm());
    }

    /** Distance from the paper's left edge to the left edge of labels in {@code column} (0-based). */
    public double labelLeftMm(int column) {
        return marginLeftMm + column * (labelWidthMm + columnGapMm);
    }

    /** Distance from the paper's top edge to the top edge of labels in {@code row} (0-based). */
    public double labelTopMm(int row) {
        return marginTopMm + row * (labelHeightMm + rowGapMm);
    }

    /**
     * Checks that the layout is printable.
     *
     * @return this layout
     * @throws IllegalArgumentException naming the offending field and its allowed range
     */
    public SheetLayout validate() {
        if (paper == null) {
            throw new IllegalArgumentException("paper must be one of A4, LETTER");
        }
        requireRange("columns", columns, 1, MAX_GRID);
        requireRange("rows", rows, 1, MAX_GRID);
        requirePositive("labelWidthMm", labelWidthMm, paper.widthMm());
        requirePositive("labelHeightMm", labelHeightMm, paper.heightMm());
        requireNonNegative("marginTopMm", marginTopMm, paper.heightMm());
        requireNonNegative("marginLeftMm", marginLeftMm, paper.widthMm());
        requireNonNegative("columnGapMm", columnGapMm, paper.widthMm());
        requireNonNegative("rowGapMm", rowGapMm, paper.heightMm());
        requireFits("width", labelLeftMm(columns - 1) + labelWidthMm, paper.widthMm(),
                "marginLeftMm + columns x labelWidthMm + (columns - 1) x columnGapMm");
        requireFits("height", labelTopMm(rows - 1) + labelHeightMm, paper.heightMm(),
                "marginTopMm + rows x labelHeightMm + (rows - 1) x rowGapMm");
        if (qrSideMm() < MIN_QR_MM) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "labels too small: the QR would be %.1f mm wide, at least %.0f mm needed "
                            + "(labelWidthMm >= %.0f and labelHeightMm >= %.0f)",
                    qrSideMm(), MIN_QR_MM, MIN_QR_MM, MIN_QR_MM * 1.25));
        }
        return this;
    }

    private static void requireRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max
                    + ", was " + value);
        }
    }

    private static void requirePositive(String field, double value, double max) {
        if (!(value > 0 && value <= max)) {
            throw new IllegalArgumentException(field + " must be > 0 and <= " + fmt(max) + " mm, was "
                    + value);
        }
    }

    private static void requireNonNegative(String field, double value, double max) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(field + " must be between 0 and " + fmt(max) + " mm, was "
                    + value);
        }
    }

    private void requireFits(String side, double used, double available, String formula) {
        if (used > available + TOLERANCE_MM) {
            throw new IllegalArgumentException("labels do not fit the " + side + " of " + paper + " paper: "
                    + formula + " = " + fmt(used) + " mm, must be <= " + fmt(available) + " mm");
        }
    }

    private static String fmt(double mm) {
        return String.format(java.util.Locale.ROOT, "%.2f", mm);
    }
}
