package dev.touchmark.dashboard;

import dev.touchmark.code.Base32;
import dev.touchmark.code.CodeFormat;
import dev.touchmark.domain.CodeRef;
import dev.touchmark.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What support typed into the code lookup, read as one of the forms a shopper can quote: a label's URL or payload, a
 * serial number as printed under the QR and on the verdict page, or the reference of a scan shown on the verdict page.
 * Case, spaces and dashes do not matter; in a serial, the digits 0, 1 and 8 (not in the base32 alphabet) are read as
 * the letters they are mistaken for (O; I or L; B), so one typed serial may name several codes.
 */
sealed interface LookupQuery {
    /** What a 400 answer tells the caller it may send. */
    String ACCEPTED = "paste a label's URL or payload, a serial number (15 characters, such as AEAAAAABAAAAAAI), "
            + "or the reference of a scan shown on the verdict page (digits)";
    /** The longest text looked at. */
    int MAX_LENGTH = 4096;
    /** Unclear characters read both ways at most: beyond that, the serial is too unclear to guess. */
    int MAX_UNCLEAR = 6;

    /** A label's URL or payload, to be verified as a scan would be (without recording one). */
    record Code(String text) implements LookupQuery {
    }

    /** A serial, as the codes it may name (one unless it had unclear characters), each with its normalised serial. */
    record Serial(String typed, List<Candidate> candidates) implements LookupQuery {
    }

    /** One reading of a typed serial. */
    record Candidate(String serial, CodeRef code) {
    }

    /** The reference of a scan (its id in the scan log). */
    record Reference(long scanId) implements LookupQuery {
    }

    /** Reads the text; a 400 (ValidationException) when it is none of the accepted forms. */
    static LookupQuery parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            throw ValidationException.of("code", ACCEPTED);
        }
        String input = text.strip();
        Matcher reference = Forms.REFERENCE.matcher(input);
        if (reference.matches()) {
            String digits = reference.group(1).replaceAll("[\\s-]", "");
            try {
                return new Reference(Long.parseLong(digits));
            } catch (NumberFormatException e) {
                throw ValidationException.of("code", "a scan reference has at most 19 digits; " + ACCEPTED);
            }
        }
        String compact = input.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (compact.length() == Forms.SERIAL_CHARS && Forms.SERIAL.matcher(compact).matches()) {
            return new Serial(compact, serials(compact));
        }
        if (input.contains("/") || compact.length() == Forms.PAYLOAD_CHARS) {
            return new Code(input.contains("/") ? input : compact);
        }
        throw ValidationException.of("code", "'" + shortened(input) + "' is not a form the lookup knows; " + ACCEPTED);
    }

    /** Every reading of a serial that is well formed (version, trailing bits), with its batch and index. */
    private static List<Candidate> serials(String compact) {
        List<String> readings = new ArrayList<>();
        readings.add("");
        int unclear = 0;
        for (char c : compact.toCharArray()) {
            String options = switch (c) {
                case '0' -> "O";
                case '1' -> "IL";
                case '8' -> "B";
                default -> String.valueOf(c);
            };
            unclear += options.length() > 1 ? 1 : 0;
            if (unclear > MAX_UNCLEAR) {
                throw ValidationException.of("code", "the serial has too many unclear characters (1 for I or L); " + ACCEPTED);
            }
            List<String> next = new ArrayList<>(readings.size() * options.length());
            for (String r : readings) {
                for (char o : options.toCharArray()) {
                    next.add(r + o);
                }
            }
            readings = next;
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String serial : readings) {
            byte[] bytes;
            try {
                bytes = Base32.decode(serial);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (bytes.length == CodeFormat.SERIAL_BYTES && bytes[0] == CodeFormat.VERSION) {
                candidates.add(new Candidate(serial, new CodeRef(u32(bytes, 1), u32(bytes, 5))));
            }
        }
        if (candidates.isEmpty()) {
            throw ValidationException.of("code", "'" + compact + "' is not a valid serial number; " + ACCEPTED);
        }
        return candidates;
    }

    private static long u32(byte[] b, int offset) {
        return ((b[offset] & 0xFFL) << 24) | ((b[offset + 1] & 0xFFL) << 16) | ((b[offset + 2] & 0xFFL) << 8) | (b[offset + 3] & 0xFFL);
    }

    private static String shortened(String input) {
        return input.length() <= 40 ? input : input.substring(0, 40) + "…";
    }

    /** The patterns the forms are told apart by. */
    final class Forms {
        static final int SERIAL_CHARS = Base32.encodedLength(CodeFormat.SERIAL_BYTES);
        static final int PAYLOAD_CHARS = Base32.encodedLength(CodeFormat.PAYLOAD_LENGTH);
        /** Digits (spaces and dashes allowed between them), optionally after the verdict page's "Reference:" or "#". */
        static final Pattern REFERENCE = Pattern.compile(
                "(?i)(?:(?:ref(?:erence)?|参考编号)\\s*[:：#]?\\s*|#\\s*)?(\\d[\\d\\s-]*)(?:\\s*\\(.*\\)|（.*）)?");
        /** Base32 letters and digits, the digits being read as the letters they resemble. */
        static final Pattern SERIAL = Pattern.compile("[A-Z0-9]+");

        private Forms() {
        }
    }
}
