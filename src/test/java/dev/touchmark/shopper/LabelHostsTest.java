package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelHostsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://Verify-Brand.Example/V/ABC|verify-brand.example|/V/ABC",
        "HTTP://evil.example:8443/01/09506000134352/21/X?k=A&s=B#frag|evil.example|/01/09506000134352/21/X?k=A&s=B",
        "https://user:pw@evil.example./V/ABC|evil.example|/V/ABC",
        "https://bücher.example/V/ABC|xn--bcher-kva.example|/V/ABC",
        "https://ＥＶＩＬ.example/x|evil.example|/x",
        "https://evil.example|evil.example|/",
        "https://evil.example?k=1|evil.example|/?k=1",
        "https://[2001:DB8::1]:8443/V/ABC|[2001:db8::1]|/V/ABC",
        "https://203.0.113.9/V/ABC|203.0.113.9|/V/ABC",
        "https://evil.example\\\\V/ABC|evil.example|/V/ABC",
    })
    void anAddressIsSplitIntoItsHostAndWhatAttributesIt(String url, String host, String pathAndQuery) {
        assertEquals(Optional.of(new LabelHosts.Address(host, pathAndQuery)), LabelHosts.split(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:///V/ABC", "https://evil example/V/ABC", "https://evil<script>.example/",
        "ftp://evil.example/V/ABC", "evil.example/V/ABC"})
    void anAddressWithoutAUsableHostIsNotSplit(String url) {
        assertEquals(Optional.empty(), LabelHosts.split(url));
    }

    @org.junit.jupiter.api.Test
    void aHostIsAtMost253Characters() {
        String label = "a".repeat(60) + ".";
        String longest = label.repeat(4) + "a".repeat(9);
        assertEquals(253, longest.length());
        assertEquals(Optional.of(longest), LabelHosts.host(longest));
        assertEquals(Optional.empty(), LabelHosts.host(longest + "a"));
    }
}
