package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpHasherTest {
    private final IpHasher hasher = new IpHasher(new byte[32]);

    @Test
    void addressesOfOnePrefixShareAHashOfThirtyTwoCharactersAndOthersDoNot() {
        String home = hasher.hash("81.12.34.5");
        assertEquals(32, home.length());
        assertEquals(home, hasher.hash("81.12.34.200"), "one /24, one network");
        assertNotEquals(home, hasher.hash("81.12.35.5"));
        assertEquals(hasher.hash("2a01:e0a:1:2::1"), hasher.hash("2a01:e0a:1:ffff::9"), "one /48");
        assertNull(hasher.hash("not an address"));
    }

    @Test
    void loopbackPrivateAndLinkLocalAddressesAreMarkedLocal() {
        for (String local : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.9", "172.31.255.1", "192.168.1.20",
                "169.254.3.4", "::1", "fd12:3456:789a::1", "fe80::1"}) {
            assertTrue(IpHasher.isLocal(hasher.hash(local)), local);
            assertEquals(32, hasher.hash(local).length(), local);
        }
        for (String open : new String[] {"81.12.34.5", "172.32.0.1", "100.64.1.1", "2a01:e0a:1:2::1", "11.0.0.1"}) {
            assertFalse(IpHasher.isLocal(hasher.hash(open)), open);
        }
    }
}
