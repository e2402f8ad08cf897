package dev.touchmark.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.error.ValidationException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class WebhookUrlsTest {

    @Test
    void absoluteHttpAndHttpsUrlsWithAHostAreAccepted() {
        assertEquals("https://hooks.brand.example/touchmark?x=1",
                WebhookUrls.validate("url", " https://hooks.brand.example/touchmark?x=1 ", false).toString());
        assertEquals("http://hooks.brand.example:8080/in", WebhookUrls.validate("url", "http://hooks.brand.example:8080/in", false).toString());
        assertEquals("HTTPS://Hooks.Brand.Example/", WebhookUrls.validate("url", "HTTPS://Hooks.Brand.Example/", false).toString());
    }

    @Test
    void everythingElseIsRefusedWithAMessageThatSaysWhy() {
        assertRefused(null, "required");
        assertRefused("  ", "required");
        assertRefused("/relative/path", "absolute http or https");
        assertRefused("ftp://files.brand.example/x", "absolute http or https");
        assertRefused("javascript:alert(1)", "absolute http or https");
        assertRefused("https://user:pass@hooks.brand.example/", "user name or password");
        assertRefused("https:///no-host", "host");
        assertRefused("https://hooks.brand.example/#frag", "fragment");
        assertRefused("https://hooks brand.example/", "not a valid URL");
        assertRefused("https://hooks.brand.example/" + "a".repeat(2000), "at most 2000");
    }

    @Test
    void loopbackAndPrivateHostsAreRefusedUnlessTheOperatorAllowsThem() {
        for (String url : new String[] {"http://localhost:8080/", "http://127.0.0.1/", "http://10.1.2.3/",
            "http://192.168.1.10/", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[fd00::1]/",
            "http://api.localhost/", "http://0.0.0.0/", "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/"}) {
            assertRefused(url, "TOUCHMARK_WEBHOOK_ALLOW_PRIVATE");
            assertEquals(url, WebhookUrls.validate("url", url, true).toString());
        }
        assertEquals("http://8.8.8.8/", WebhookUrls.validate("url", "http://8.8.8.8/", false).toString());
    }

    @Test
    void addressesAreClassifiedAsPrivateOrPublic() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.1", "169.254.169.254",
            "100.100.100.200", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
            "::ffff:10.0.0.1", "64:ff9b::7f00:1"}) {
            assertTrue(PrivateNetworks.isPrivate(InetAddress.getByName(address)), address);
        }
        for (String address : new String[] {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888",
            "::ffff:8.8.8.8"}) {
            assertFalse(PrivateNetworks.isPrivate(InetAddress.getByName(address)), address);
        }
    }

    private static void assertRefused(String url, String expected) {
        ValidationException e = assertThrows(ValidationException.class, () -> WebhookUrls.validate("url", url, false), url);
        assertEquals("url", e.errors().get(0).field());
        assertTrue(e.getMessage().contains(expected), url + " -> " + e.getMessage());
    }
}
