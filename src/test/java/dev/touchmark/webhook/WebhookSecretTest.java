package dev.touchmark.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.webhook.WebhookRequests.CreatedEndpoint;
import dev.touchmark.webhook.WebhookRequests.RotatedSecret;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void aNewSecretIsWhsecAndTheBase64Of32RandomBytes() {
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        assertTrue(secret.encoded().startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(secret.encoded().substring(6)).length);
        assertEquals(secret, WebhookSecret.parse(secret.encoded()));
        assertNotEquals(secret, WebhookSecret.generate(new SecureRandom()));
    }

    @Test
    void secretsNeverPrint() {
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        String b64 = secret.encoded().substring(6);
        assertEquals("WebhookSecret[REDACTED]", secret.toString());
        assertFalse(new CreatedEndpoint(null, secret.encoded()).toString().contains(b64));
        assertFalse(new RotatedSecret(1, secret.encoded(), null).toString().contains(b64));
        assertTrue(new RotatedSecret(1, secret.encoded(), null).toString().contains("[REDACTED]"));
    }

    @Test
    void secretsOutsideTheStandardsSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.of(new byte[23]));
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.of(new byte[65]));
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    }
}
