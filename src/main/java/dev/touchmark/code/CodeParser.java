package dev.touchmark.code;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reads a code from a scanned URL (either profile) or a bare compact payload. */
public final class CodeParser {
    /** Longest input looked at; anything longer is garbage, not a code. */
    public static final int MAX_INPUT_LENGTH = 2048;
    private static final int PAYLOAD_CHARS = Base32.encodedLength(CodeFormat.PAYLOAD_LENGTH);
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private CodeParser() {
    }

    /** Parses the text; throws CodeParseException with a readable reason if it is not a code. */
    public static ParsedCode parse(String text) throws CodeParseException {
        if (text == null || text.isBlank()) {
            throw new CodeParseException("the code is empty");
        }
        String input = text.strip();
        if (input.length() > MAX_INPUT_LENGTH) {
            throw new CodeParseException("the code is longer than " + MAX_INPUT_LENGTH + " characters");
        }
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c <= ' ' || c >= 127) {
                throw new CodeParseException("the code contains characters that cannot appear in a Touchmark URL");
            }
        }
        if (input.length() == PAYLOAD_CHARS && !input.contains("/")) {
            return parseCompactPayload(input);
        }
        URI uri = toUri(input);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String[] segments = path.split("/", -1);
        // Compact: .../V/<payload>. Decided on the last two segments only, so a GS1 lot or a public URL path
        // spelled "v" cannot be mistaken for it.
        if (segments.length >= 2 && segments[segments.length - 2].equalsIgnoreCase("V")) {
            return parseCompactPayload(segments[segments.length - 1]);
        }
        if (path.contains("/01/")) {
            return parseDigitalLink(path, uri.getRawQuery());
        }
        throw new CodeParseException("the URL is not a Touchmark code (no /V/ or /01/ path)");
    }

    private static URI toUri(String input) throws CodeParseException {
        try {
            URI uri = new URI(input);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new CodeParseException("the code is neither a payload nor an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CodeParseException("the code is not a valid URL");
        }
    }

    static ParsedCode parseCompactPayload(String text) throws CodeParseException {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.length() != PAYLOAD_CHARS) {
            throw new CodeParseException("the payload must be " + PAYLOAD_CHARS + " base32 characters, not " + upper.length());
        }
        byte[] payload;
        try {
            payload = Base32.decode(upper);
        } catch (IllegalArgumentException e) {
            throw new CodeParseException("the payload is not valid base32: " + e.getMessage());
        }
        if (payload[0] != CodeFormat.VERSION) {
            throw new CodeParseException("unsupported code version " + (payload[0] & 0xFF));
        }
        byte[] shortKid = new byte[CodeFormat.SHORT_KID_LENGTH];
        System.arraycopy(payload, 1, shortKid, 0, shortKid.length);
        long batch = CodeFormat.readU32(payload, 1 + CodeFormat.SHORT_KID_LENGTH);
        long index = CodeFormat.readU32(payload, 5 + CodeFormat.SHORT_KID_LENGTH);
        byte[] signature = new byte[CodeFormat.SIGNATURE_LENGTH];
        System.arraycopy(payload, CodeFormat.BODY_LENGTH, signature, 0, signature.length);
        return new ParsedCode(CodeProfile.COMPACT, shortKid, batch, index, signature, null, null, null);
    }

    private static ParsedCode parseDigitalLink(String path, String rawQuery) throws CodeParseException {
        String[] segments = path.substring(path.indexOf("/01/") + 1).split("/", -1);
        if (segments.length % 2 != 0) {
            throw new CodeParseException("the GS1 Digital Link path has an odd number of segments");
        }
        Map<String, String> ais = new HashMap<>();
        for (int i = 0; i < segments.length; i += 2) {
            if (ais.put(segments[i], segments[i + 1]) != null) {
                throw new CodeParseException("the GS1 Digital Link path repeats AI (" + segments[i] + ")");
            }
        }
        String gtin = Gtin.normalize(ais.get("01"));
        String serial = ais.get("21");
        if (serial == null) {
            throw new CodeParseException("the GS1 Digital Link has no serial, AI (21)");
        }
        Map<String, String> query = parseQuery(rawQuery);
        byte[] serialBytes = decodeBase32(serial, CodeFormat.SERIAL_BYTES, "serial");
        if (serialBytes[0] != CodeFormat.VERSION) {
            throw new CodeParseException("unsupported code version " + (serialBytes[0] & 0xFF));
        }
        byte[] shortKid = decodeBase32(require(query, "k"), CodeFormat.SHORT_KID_LENGTH, "key id (k)");
        byte[] signature = decodeSignature(require(query, "s"));
        return new ParsedCode(CodeProfile.GS1, shortKid, CodeFormat.readU32(serialBytes, 1),
                CodeFormat.readU32(serialBytes, 5), signature, gtin, ais.get("10"), parseExpiry(query.get("17")));
    }

    private static Map<String, String> parseQuery(String rawQuery) throws CodeParseException {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (query.put(key, value) != null) {
                throw new CodeParseException("the URL repeats the query parameter " + key);
            }
        }
        return query;
    }

    private static String require(Map<String, String> query, String key) throws CodeParseException {
        String value = query.get(key);
        if (value == null || value.isEmpty()) {
            throw new CodeParseException("the GS1 Digital Link has no '" + key + "' parameter");
        }
        return value;
    }

    private static byte[] decodeBase32(String text, int length, String what) throws CodeParseException {
        if (Base32.encodedLength(length) != text.length()) {
            throw new CodeParseException("the " + what + " must be " + Base32.encodedLength(length) + " characters");
        }
        try {
            return Base32.decode(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CodeParseException("the " + what + " is not valid base32");
        }
    }

    private static byte[] decodeSignature(String text) throws CodeParseException {
        try {
            byte[] signature = Base64.getUrlDecoder().decode(text);
            // Only the canonical spelling is accepted: unused trailing bits must be zero, as in base32.
            boolean canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(signature).equals(text);
            if (signature.length != CodeFormat.SIGNATURE_LENGTH || !canonical) {
                throw new CodeParseException("the signature (s) must be 64 bytes in unpadded base64url");
            }
            return signature;
        } catch (IllegalArgumentException e) {
            throw new CodeParseException("the signature (s) is not base64url");
        }
    }

    private static LocalDate parseExpiry(String value) throws CodeParseException {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, YYMMDD);
        } catch (DateTimeParseException e) {
            throw new CodeParseException("the expiry (17) must be a date as YYMMDD");
        }
    }
}
