package dev.touchmark.verify;

/** Fills {0} to {9} in a translated text with arguments, in one pass (arguments are not re-scanned). */
final class Placeholders {
    private Placeholders() {
    }

    /** The text with each {n} replaced by args[n]; other braces are kept as they are. */
    static String fill(String text, Object... args) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        int i = 0;
        while (i < text.length()) {
            int close = text.indexOf('}', i);
            int index = text.charAt(i) == '{' && close > i + 1 ? argIndex(text.substring(i + 1, close)) : -1;
            if (index >= 0 && index < args.length) {
                out.append(args[index]);
                i = close + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private static int argIndex(String digits) {
        return digits.length() == 1 && Character.isDigit(digits.charAt(0)) ? digits.charAt(0) - '0' : -1;
    }
}
