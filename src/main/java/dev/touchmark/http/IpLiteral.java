package dev.touchmark.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * IP address literals read without any name lookup: {@code InetAddress.getByName} would resolve a host name a client
 * wrote into a header. A literal becomes one canonical text, so one client is one rate-limit key however it is
 * written: IPv4 in dotted decimal, IPv6 as eight hexadecimal groups, an IPv4-mapped IPv6 address as its IPv4.
 */
final class IpLiteral {
    /** Longest IPv6 text: eight groups of four and seven colons, or six groups and a dotted quad. */
    private static final int MAX_IPV6_LENGTH = 45;

    private IpLiteral() {
    }

    /**
     * A node as proxies write it, {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code [2001:db8::1]},
     * {@code [2001:db8::1]:4711} or {@code 2001:db8::1} (RFC 7239 also allows an obfuscated port such as
     * {@code :_p1}), in canonical text; null for anything else (host names, {@code unknown}, {@code _hidden}).
     */
    static String node(String text) {
        if (text == null) {
            return null;
        }
        String node = text.strip();
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            if (close < 0 || !(close == node.length() - 1 || isPort(node, close + 1))) {
                return null;
            }
            return canonical(ipv6(node.substring(1, close)));
        }
        int colon = node.indexOf(':');
        if (colon >= 0 && colon == node.lastIndexOf(':') && isPort(node, colon)) {
            return canonical(ipv4(node.substring(0, colon)));
        }
        return canonical(colon >= 0 ? ipv6(node) : ipv4(node));
    }

    /** The peer address of a socket as the server reports it (IPv6 in brackets, maybe with a zone) in canonical text. */
    static String peer(String address) {
        if (address == null) {
            return null;
        }
        String bare = address.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        int zone = bare.indexOf('%');
        String canonical = node(zone >= 0 ? bare.substring(0, zone) : bare);
        // An address the server itself reports is trusted even if this parser does not know its form.
        return canonical == null ? address : canonical;
    }

    /** From index colon (a ':'), a port to the end: 1 to 5 digits, or RFC 7239's obfport ("_", then [A-Za-z0-9._-]). */
    private static boolean isPort(String node, int colon) {
        if (node.charAt(colon) != ':' || colon + 1 >= node.length()) {
            return false;
        }
        String port = node.substring(colon + 1);
        if (port.charAt(0) == '_') {
            return port.chars().allMatch(c -> c == '_' || c == '.' || c == '-' || isAsciiLetterOrDigit(c));
        }
        return port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isAsciiLetterOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Four decimal parts 0 to 255 without leading zeros (some parsers read "010" as octal), or null. */
    static byte[] ipv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '.') {
                continue;
            }
            if (part == 4) {
                return null;
            }
            int value = decimalOctet(text, start, i);
            if (value < 0) {
                return null;
            }
            bytes[part++] = (byte) value;
            start = i + 1;
        }
        return part == 4 ? bytes : null;
    }

    private static int decimalOctet(String text, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 3 || (length > 1 && text.charAt(from) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }

    /** RFC 4291 text: up to eight groups of 1 to 4 hex digits, one "::" at most, a dotted quad as the last 32 bits. */
    static byte[] ipv6(String text) {
        if (text.length() < 2 || text.length() > MAX_IPV6_LENGTH) {
            return null;
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        byte[] head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        byte[] tail = gap < 0 ? new byte[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int explicit = head.length + tail.length;
        if (gap < 0 ? explicit != 16 : explicit > 14) {
            return null;
        }
        byte[] bytes = new byte[16];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(tail, 0, bytes, 16 - tail.length, tail.length);
        return bytes;
    }

    /** Colon-separated groups (the last may be a dotted quad when mayEndInIpv4) as bytes, or null; "" is no group. */
    private static byte[] groups(String text, boolean mayEndInIpv4) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        String[] parts = text.split(":", -1);
        byte[] bytes = new byte[parts.length * 2 + 2];
        int length = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && mayEndInIpv4 && part.indexOf('.') >= 0) {
                byte[] v4 = ipv4(part);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, bytes, length, 4);
                length += 4;
                continue;
            }
            int value = hexGroup(part);
            if (value < 0) {
                return null;
            }
            bytes[length++] = (byte) (value >> 8);
            bytes[length++] = (byte) value;
        }
        return Arrays.copyOf(bytes, length);
    }

    private static int hexGroup(String part) {
        if (part.isEmpty() || part.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** Canonical text of 4 or 16 bytes; InetAddress.getByAddress looks nothing up and turns IPv4-mapped into IPv4. */
    private static String canonical(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
