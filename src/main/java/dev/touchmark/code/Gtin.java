package dev.touchmark.code;

/** GTIN-8/12/13/14 validation (GS1 mod-10 check digit) and normalisation to 14 digits. */
public final class Gtin {
    private Gtin() {
    }

    /** True if the text is 8, 12, 13 or 14 digits with a correct check digit. */
    public static boolean isValid(String gtin) {
        if (gtin == null) {
            return false;
        }
        int length = gtin.length();
        if (length != 8 && length != 12 && length != 13 && length != 14) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = gtin.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return checkDigit(gtin.substring(0, length - 1)) == gtin.charAt(length - 1) - '0';
    }

    /** The GS1 check digit for the digits before it (weights 3,1,3... from the right). */
    public static int checkDigit(String digitsWithoutCheck) {
        int sum = 0;
        int weight = 3;
        for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--) {
            sum += (digitsWithoutCheck.charAt(i) - '0') * weight;
            weight = 4 - weight;
        }
        return (10 - sum % 10) % 10;
    }

    /** Left-pads a valid GTIN to the 14 digits GS1 Digital Link uses; throws on an invalid one. */
    public static String normalize(String gtin) throws CodeParseException {
        if (!isValid(gtin)) {
            throw new CodeParseException("the GTIN is not 8, 12, 13 or 14 digits with a valid check digit");
        }
        return "0".repeat(14 - gtin.length()) + gtin;
    }
}
