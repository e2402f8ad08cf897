package dev.touchmark.scan;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shoppers' IP addresses are never stored: only a keyed hash (HMAC-SHA256 under a key derived from the
 * master key) of the network prefix (/24 for IPv4, /48 for IPv6), enough to group abuse, not to find a person.
 */
public final class IpHasher {
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
    private final SecretKeySpec key;
    /** One initialised Mac per request thread: looking up and keying a Mac per request costs more than the hash. */
    private final ThreadLocal<Mac> macs;

    public IpHasher(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /**
     * Marks the hash of a loopback, private or link-local address: a proxy whose client address header is not
     * configured, or a test, in front of which every shopper shares one address.
     */
    public static final String LOCAL = "~";

    /**
     * The hash of an address's prefix (32 characters), or null for anything that is not an IP address literal. A
     * non-public address's hash starts with {@link #LOCAL}: it tells nothing about who is behind it.
     */
    public String hash(String address) {
        String prefix = prefix(address);
        if (prefix == null) {
            return null;
        }
        byte[] digest = macs.get().doFinal(prefix.getBytes(StandardCharsets.US_ASCII));
        String hex = HexFormat.of().formatHex(digest, 0, 16);
        return localPrefix(prefix) ? LOCAL + hex.substring(1) : hex;
    }

    /** True for the hash of a loopback, private or link-local address. */
    public static boolean isLocal(String hash) {
        return hash != null && hash.startsWith(LOCAL);
    }

    /** Whether a prefix (as prefix() writes it) is loopback, private (RFC 1918, RFC 4193) or link-local. */
    private static boolean localPrefix(String prefix) {
        String p = prefix;
        if (p.endsWith("/24")) {
            String[] o = p.split("\\.");
            int a = Integer.parseInt(o[0]);
            int b = Integer.parseInt(o[1]);
            return a == 0 || a == 10 || a == 127 || a == 169 && b == 254 || a == 172 && b >= 16 && b <= 31
                    || a == 192 && b == 168;
        }
        if (p.startsWith("0:0:0:")) {
            return true; // ::1 and the unspecified address
        }
        int first = Integer.parseInt(p.substring(0, p.indexOf(':')), 16);
        return first >= 0xfc00 && first <= 0xfdff || first >= 0xfe80 && first <= 0xfebf;
    }

    /** The /24 or /48 prefix of an address literal, or null. */
    static String prefix(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        var v4 = IPV4.matcher(a);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return null;
                }
            }
            return v4.group(1) + "." + v4.group(2) + "." + v4.group(3) + ".0/24";
        }
        if (a.contains(":") && IPV6.matcher(a).matches()) {
            try {
                return ipv6Prefix(a);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String ipv6Prefix(String a) {
        if (a.toLowerCase(java.util.Locale.ROOT).startsWith("::ffff:") && a.indexOf('.') > 0) {
            return prefix(a.substring(7));
        }
        String[] halves = a.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
        String[] groups = new String[3];
        for (int i = 0; i < 3; i++) {
            groups[i] = i < head.length ? head[i] : (halves.length == 2 ? "0" : null);
            if (groups[i] == null || groups[i].isEmpty() || groups[i].length() > 4) {
                return null;
            }
            groups[i] = Integer.toHexString(Integer.parseInt(groups[i], 16));
        }
        return String.join(":", groups) + "::/48";
    }
}
