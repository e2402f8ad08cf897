package dev.touchmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which address a request is counted under, for each way a proxy (or a client pretending to be one) can say it. */
class ClientAddressTest {
    /** The proxy the server's socket sees, as Jetty reports it. */
    private static final String PEER = "10.0.0.2";

    static Stream<Arguments> cases() {
        return Stream.of(
                // header, hops, header lines, expected address, what the case shows
                row("X-Forwarded-For", 1, List.of("203.0.113.9"), "203.0.113.9", "one proxy that replaced the header"),
                row("X-Forwarded-For", 1, List.of("6.6.6.6, 203.0.113.9"), "203.0.113.9",
                        "a spoofed leftmost value is ignored"),
                row("X-Forwarded-For", 1, List.of("6.6.6.6,7.7.7.7,   203.0.113.9  "), "203.0.113.9",
                        "several spoofed values, odd spacing"),
                row("x-forwarded-for", 1, List.of("6.6.6.6", "203.0.113.9"), "203.0.113.9",
                        "the proxy's own header line after the client's (HAProxy option forwardfor)"),
                row("X-Forwarded-For", 2, List.of("6.6.6.6, 198.51.100.4", "172.16.0.3"), "198.51.100.4",
                        "two trusted hops across two lines"),
                row("X-Forwarded-For", 2, List.of("198.51.100.4, 172.16.0.3"), "198.51.100.4",
                        "CDN then nginx: the second from the right"),
                row("X-Forwarded-For", 2, List.of("172.16.0.3"), PEER, "fewer entries than hops: the peer"),
                row("X-Forwarded-For", 1, List.of(), PEER, "no header: the peer"),
                row("X-Forwarded-For", 1, List.of(""), PEER, "an empty header: the peer"),
                row("X-Forwarded-For", 1, List.of("6.6.6.6, garbage"), PEER, "a rightmost value that is no address"),
                row("X-Forwarded-For", 1, List.of("6.6.6.6, localhost"), PEER, "a host name is never looked up"),
                row("X-Forwarded-For", 1, List.of("6.6.6.6,"), PEER, "an empty rightmost entry"),
                row("X-Forwarded-For", 1, List.of("6.6.6.6, 203.0.113.9:51234"), "203.0.113.9", "a port is dropped"),
                row("X-Forwarded-For", 1, List.of("::ffff:203.0.113.9"), "203.0.113.9", "IPv4-mapped IPv6 is IPv4"),
                row("X-Forwarded-For", 1, List.of("::ffff:cb00:7109"), "203.0.113.9",
                        "IPv4-mapped IPv6 in hexadecimal is IPv4 too"),
                row("X-Forwarded-For", 1, List.of("2001:DB8::1"), "2001:db8:0:0:0:0:0:1", "IPv6, one canonical text"),
                row("X-Forwarded-For", 1, List.of("[2001:db8::1]:443"), "2001:db8:0:0:0:0:0:1", "IPv6 with a port"),
                row("X-Forwarded-For", 1, List.of("203.0.113.09"), PEER, "a leading zero (octal to some parsers)"),
                row("X-Forwarded-For", 1, List.of("203.0.113.256"), PEER, "an octet above 255"),
                row("X-Forwarded-For", 1, List.of("fe80::1%eth0"), PEER, "a zone is not the client's to send"),
                row("Forwarded", 1, List.of("for=203.0.113.9"), "203.0.113.9", "RFC 7239, one element"),
                row("Forwarded", 1, List.of("for=6.6.6.6, for=203.0.113.9;proto=https"), "203.0.113.9",
                        "RFC 7239, a spoofed element on the left"),
                row("Forwarded", 1, List.of("for=\"[2001:db8::1]:4711\""), "2001:db8:0:0:0:0:0:1",
                        "a quoted, bracketed IPv6 with a port"),
                row("Forwarded", 1, List.of("For=\"203.0.113.9:_p1\";By=10.0.0.2"), "203.0.113.9",
                        "parameter names in any case, an obfuscated port"),
                row("Forwarded", 2, List.of("for=6.6.6.6;by=x", "for=198.51.100.4, for=172.16.0.3"), "198.51.100.4",
                        "two hops across lines"),
                row("Forwarded", 1, List.of("for=6.6.6.6, for=_hidden"), PEER, "an obfuscated identifier"),
                row("Forwarded", 1, List.of("for=6.6.6.6, for=unknown"), PEER, "unknown"),
                row("Forwarded", 1, List.of("for=6.6.6.6, proto=https"), PEER, "the trusted element says no address"),
                row("Forwarded", 3, List.of("for=198.51.100.4, for=172.16.0.3"), PEER, "fewer elements than hops"),
                row("Forwarded", 1, List.of("for=\"6.6.6.6, for=203.0.113.9"), PEER,
                        "a quote left open swallows what follows: ignored, not misread"),
                row("Forwarded", 1, List.of("for=\"6.6.6.6", "for=203.0.113.9"), "203.0.113.9",
                        "an open quote cannot reach into the proxy's own line"),
                row("Forwarded", 1, List.of("for=\"a\\\"b, for=6.6.6.6\""), PEER,
                        "an escaped quote keeps the string open: the comma inside is not a separator"),
                row("Forwarded", 1, List.of("garbage, for=203.0.113.9"), PEER, "a malformed line is ignored whole"),
                row("Forwarded", 1, List.of("garbage", "for=203.0.113.9"), "203.0.113.9",
                        "a malformed line left of the trusted ones does not matter"),
                row("Forwarded", 1, List.of("for=6.6.6.6;for=203.0.113.9"), PEER, "for twice in one element"),
                row("Forwarded", 1, List.of("for=203.0.113.9,,"), "203.0.113.9", "empty list items are not hops"),
                row("Forwarded", 1, List.of("for=\"::ffff:203.0.113.9\""), "203.0.113.9", "IPv4-mapped in Forwarded"),
                row("X-Real-IP", 1, List.of("203.0.113.9"), "203.0.113.9", "a single-value header as is"),
                row("CF-Connecting-IP", 1, List.of("6.6.6.6", "203.0.113.9"), "203.0.113.9",
                        "a single-value header sent twice: the proxy's, added last"),
                row("X-Real-IP", 1, List.of("6.6.6.6, 203.0.113.9"), PEER, "a list in a single-value header"),
                row("X-Real-IP", 1, List.of("203.0.113.9.nip.io"), PEER, "a host name in a single-value header"));
    }

    private static Arguments row(String header, int hops, List<String> lines, String expected, String why) {
        return Arguments.of(header, hops, lines, expected, why);
    }

    @ParameterizedTest(name = "{4}: {0} x{1} {2} -> {3}")
    @MethodSource("cases")
    void theAddressIsTheOneTheTrustedProxiesSaw(String header, int hops, List<String> lines, String expected, String why) {
        assertEquals(expected, new ClientAddress(Optional.of(header), hops).resolve(PEER, lines), why);
    }

    @Test
    void withoutAHeaderThePeerIsTheClientWhateverItSends() {
        ClientAddress peerOnly = ClientAddress.peerOnly();
        assertEquals(PEER, peerOnly.resolve(PEER, List.of()));
        assertEquals("0:0:0:0:0:0:0:1", IpLiteral.peer("[0:0:0:0:0:0:0:1]"), "Jetty's bracketed IPv6 peer");
        assertEquals("fe80:0:0:0:0:0:0:1", IpLiteral.peer("[fe80::1%2]"), "a link-local peer's zone is dropped");
        assertEquals("203.0.113.9", IpLiteral.peer("::ffff:203.0.113.9"));
    }

    @Test
    void fromRightCountsEntriesAcrossLines() {
        List<String> lines = List.of("a, b", "c", "d,e");
        assertEquals("e", ClientAddress.fromRight(lines, 1));
        assertEquals("d", ClientAddress.fromRight(lines, 2));
        assertEquals("c", ClientAddress.fromRight(lines, 3));
        assertEquals(" b", ClientAddress.fromRight(lines, 4));
        assertEquals("a", ClientAddress.fromRight(lines, 5));
        assertNull(ClientAddress.fromRight(lines, 6));
    }

    @Test
    void onlyIpLiteralsAreAddresses() {
        for (String good : List.of("0.0.0.0", "255.255.255.255", "::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::",
                "::2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4", "[::1]", "[::1]:80", "1.2.3.4:65535")) {
            assertNotNull(IpLiteral.node(good), good);
        }
        for (String bad : List.of("", " ", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "-1.2.3.4", "1.2.3.4 5", "01.2.3.4",
                "1.2.3.4:", "1.2.3.4:123456", "1.2.3.4:x", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7:8::", "1:2:3:4:5:6:7", "12345::", "g::", "::1.2.3", "1.2.3.4::", "::1.2.3.4:5",
                "[::1", "::1]", "[1.2.3.4]x", "[::1]:", "example.com", "unknown", "_hidden", "\uff11.2.3.4",
                "1.2.3.\u0664", "\u0661::", "0x7f.0.0.1", "2130706433")) {
            assertNull(IpLiteral.node(bad), bad);
        }
    }

    @Test
    void canonicalTextMakesOneKeyPerClient() {
        assertEquals(IpLiteral.node("2001:db8:0:0:0:0:0:1"), IpLiteral.node("2001:DB8::0001"));
        assertEquals("1:2:3:4:5:6:102:304", IpLiteral.node("1:2:3:4:5:6:1.2.3.4"));
        assertEquals("0:0:0:0:0:0:102:304", IpLiteral.node("::1.2.3.4"), "IPv4-compatible is not IPv4-mapped");
        assertEquals("203.0.113.9", IpLiteral.node("[::ffff:203.0.113.9]:80"));
    }

    @Test
    void trustedHopsBelowOneOrSeveralForOneAddressAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(Optional.of("X-Forwarded-For"), 0));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(Optional.of("X-Real-IP"), 2));
    }

    @Test
    void forwardedElementsKeepTheirPlaceEvenWithoutFor() {
        assertEquals(Arrays.asList("a", null, "b c", ""),
                ForwardedHeader.forValues("for=a, by=x ;; , for=\"b c\", for=\"\""));
        assertEquals("a", ForwardedHeader.forFromRight(List.of("for=a, by=x", "for=b"), 3));
        assertNull(ForwardedHeader.forFromRight(List.of("for=a, by=x", "for=b"), 2), "the element has no for");
        assertNull(ForwardedHeader.forFromRight(List.of("for=(a)", "for=b"), 2), "a line to read is malformed");
        assertNull(ForwardedHeader.forValues("for="), "a parameter needs a value");
        assertNull(ForwardedHeader.forValues("=x"), "and a name");
        assertNull(ForwardedHeader.forValues("for=a b"), "a token ends at a space");
        assertNull(ForwardedHeader.forValues("for=\"a\u0001\""), "no control characters");
        assertNull(ForwardedHeader.forValues("for=\"a\\"), "an escape needs a character after it");
    }
}
