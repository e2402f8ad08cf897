package dev.touchmark.http;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The client's address, which every rate limit and the scan log's address hash are keyed on: the socket's peer, or,
 * behind trusted proxies, the address the outermost trusted proxy saw. No other code reads a forwarding header.
 *
 * <p>Each proxy appends the address it saw to the right of {@code X-Forwarded-For} or {@code Forwarded}; whatever is
 * further left came from the client, which can write anything there. So the address is the entry {@code hops} from
 * the right ({@code hops} = the number of trusted proxies in front of this server). When that entry is missing or is
 * not an IP address literal, the peer address is used: never a value the client chose.
 */
public final class ClientAddress {
    /** How the configured header carries the address. */
    enum Format {
        /** Comma-separated addresses, each proxy appending one; several header lines read as one list. */
        X_FORWARDED_FOR,
        /** RFC 7239 elements, each proxy appending one; the address is in {@code for=}. */
        FORWARDED,
        /** One address that the proxy sets, replacing the client's (X-Real-IP, CF-Connecting-IP). */
        SINGLE
    }

    private final String header;
    private final Format format;
    private final int hops;

    /**
     * Reads the address from header (if present), trustedHops entries from the right; without a header, the peer
     * address. Throws IllegalArgumentException for fewer than 1 hop or several hops of a single-value header
     * (configuration loading says so earlier, naming the variables).
     */
    public ClientAddress(Optional<String> header, int trustedHops) {
        if (trustedHops < 1) {
            throw new IllegalArgumentException("trusted proxy hops must be at least 1, not " + trustedHops);
        }
        this.header = header.orElse(null);
        this.format = header.map(ClientAddress::formatOf).orElse(Format.SINGLE);
        if (this.header != null && format == Format.SINGLE && trustedHops != 1) {
            throw new IllegalArgumentException(this.header + " holds one address; more than one trusted hop needs "
                    + "X-Forwarded-For or Forwarded");
        }
        this.hops = trustedHops;
    }

    /** The socket's peer address only: for servers that clients reach directly. */
    public static ClientAddress peerOnly() {
        return new ClientAddress(Optional.empty(), 1);
    }

    static Format formatOf(String header) {
        return switch (header.toLowerCase(Locale.ROOT)) {
            case "x-forwarded-for" -> Format.X_FORWARDED_FOR;
            case "forwarded" -> Format.FORWARDED;
            default -> Format.SINGLE;
        };
    }

    /**
     * The client's address in canonical text (IPv4 dotted, IPv6 in eight groups, IPv4-mapped IPv6 as IPv4), or the
     * peer address as the server reports it when even that is not an IP literal.
     */
    public String of(Context ctx) {
        // The socket's own address, not ctx.ip(): Javalin lets that be configured to read a header.
        String peer = ctx.req().getRemoteAddr();
        if (header == null) {
            return IpLiteral.peer(peer);
        }
        return resolve(peer, Collections.list(ctx.req().getHeaders(header)));
    }

    /** The address for a request from peer whose configured header has these lines (in order). */
    String resolve(String peer, List<String> lines) {
        String chosen = switch (format) {
            case X_FORWARDED_FOR -> fromRight(lines, hops);
            case FORWARDED -> ForwardedHeader.forFromRight(lines, hops);
            // Were a proxy to add its line instead of replacing the client's, its line would be the last.
            case SINGLE -> lines.isEmpty() ? null : lines.get(lines.size() - 1);
        };
        String address = IpLiteral.node(chosen);
        return address != null ? address : IpLiteral.peer(peer);
    }

    /** The hops-th comma-separated entry from the right of the lines read as one list, or null if there are fewer. */
    static String fromRight(List<String> lines, int hops) {
        int remaining = hops;
        for (int l = lines.size() - 1; l >= 0; l--) {
            String line = lines.get(l);
            int end = line.length();
            while (true) {
                int comma = end == 0 ? -1 : line.lastIndexOf(',', end - 1);
                if (--remaining == 0) {
                    return line.substring(comma + 1, end);
                }
                if (comma < 0) {
                    break;
                }
                end = comma;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return header == null ? "ClientAddress[peer]" : "ClientAddress[" + header + ", " + hops + " trusted hops]";
    }
}
