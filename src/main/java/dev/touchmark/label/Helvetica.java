package dev.touchmark.label;

/** Glyph widths of the standard Type 1 font Helvetica (from its AFM), for printable ASCII. */
final class Helvetica {
    /** Cap height in 1/1000 em. */
    static final int CAP_HEIGHT = 718;
    private static final int FALLBACK = 556;
    private static final short[] WIDTHS = {
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '..'/'
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // '0'..'?'
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // '@'..'O'
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 'P'..'_'
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // '`'..'o'
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 'p'..'~'
    };

    private Helvetica() {}

    /** The character as it will be printed: printable ASCII as is, anything else as '?'. */
    static char printable(char c) {
        return c >= 32 && c <= 126 ? c : '?';
    }

    /** Width of {@code text} in 1/1000 em, after {@link #printable} mapping. */
    static int width(String text) {
        int sum = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = printable(text.charAt(i));
            sum += c == '?' ? FALLBACK : WIDTHS[c - 32];
        }
        return sum;
    }
}
