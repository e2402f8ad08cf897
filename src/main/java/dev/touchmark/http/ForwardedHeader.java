package dev.touchmark.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code for} parameter of each element of RFC 7239 {@code Forwarded} headers, e.g.
 * {@code for=192.0.2.60;proto=https, for="[2001:db8::1]:4711"}. Parsing is strict: a client that sends a malformed
 * header, hoping that a proxy's element appended to it is misread, gets the whole header ignored instead.
 */
final class ForwardedHeader {
    private final String line;
    private int at;

    private ForwardedHeader(String line) {
        this.line = line;
    }

    /**
     * The {@code for} value, unquoted, of the element hops from the right across the header lines read as one list
     * (empty list items are not elements); null if there are fewer elements, if that element has no {@code for}, or
     * if a line that had to be read is malformed. Lines are parsed from the last one on, each on its own (a quoted
     * string never spans two lines), so a malformed line a client sent cannot spoil a proxy's line after it.
     */
    static String forFromRight(List<String> lines, int hops) {
        int remaining = hops;
        for (int l = lines.size() - 1; l >= 0; l--) {
            List<String> values = forValues(lines.get(l));
            if (values == null) {
                return null;
            }
            if (values.size() >= remaining) {
                return values.get(values.size() - remaining);
            }
            remaining -= values.size();
        }
        return null;
    }

    /** The {@code for} value of every element of one line (null where an element has none), or null if malformed. */
    static List<String> forValues(String line) {
        List<String> values = new ArrayList<>();
        return new ForwardedHeader(line).elements(values) ? values : null;
    }

    private boolean elements(List<String> values) {
        while (true) {
            skipSpaces();
            if (at == line.length()) {
                return true;
            }
            if (line.charAt(at) == ',') {
                at++;
                continue;
            }
            if (!element(values)) {
                return false;
            }
        }
    }

    /** forwarded-element = [ pair ] *( ";" [ pair ] ), up to the next "," or the end. */
    private boolean element(List<String> values) {
        String forValue = null;
        boolean seenFor = false;
        while (true) {
            skipSpaces();
            if (at == line.length() || line.charAt(at) == ',') {
                break;
            }
            if (line.charAt(at) == ';') {
                at++;
                continue;
            }
            String name = token();
            if (name.isEmpty() || at == line.length() || line.charAt(at) != '=') {
                return false;
            }
            at++;
            boolean isQuoted = at < line.length() && line.charAt(at) == '"';
            String value = isQuoted ? quoted() : token();
            if (value == null || (!isQuoted && value.isEmpty())) {
                return false;
            }
            if (name.equalsIgnoreCase("for")) {
                if (seenFor) {
                    return false;
                }
                seenFor = true;
                forValue = value;
            }
            skipSpaces();
            if (at < line.length() && line.charAt(at) != ',' && line.charAt(at) != ';') {
                return false;
            }
        }
        if (at < line.length()) {
            at++;
        }
        values.add(forValue);
        return true;
    }

    private String token() {
        int start = at;
        while (at < line.length() && isTokenChar(line.charAt(at))) {
            at++;
        }
        return line.substring(start, at);
    }

    /** A quoted string from its opening quote, unescaped; null if it is not closed or holds a control character. */
    private String quoted() {
        StringBuilder value = new StringBuilder();
        at++;
        while (at < line.length()) {
            char c = line.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (at == line.length()) {
                    return null;
                }
                c = line.charAt(at++);
            }
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return null;
            }
            value.append(c);
        }
        return null;
    }

    private void skipSpaces() {
        while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
            at++;
        }
    }

    /** RFC 7230 tchar. */
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
