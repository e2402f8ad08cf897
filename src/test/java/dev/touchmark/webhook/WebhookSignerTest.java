package dev.touchmark.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signatures against values computed independently (openssl dgst -sha256 -mac HMAC) and against the
 * Standard Webhooks libraries' own test vector; any changed byte must change the signature.
 */
class WebhookSignerTest {
    /** The vector of the Standard Webhooks reference libraries (a 24-byte secret). */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";

    /** A 32-byte secret like the ones Touchmark makes; the expected value came from openssl. */
    private static final String OWN_SECRET = "whsec_dG91Y2htYXJrLXdlYmhvb2stdGVzdC1rZXktMzJieXQ=";
    private static final String OWN_ID = "msg_2kf7yrm3ojvxqgqkbwfdoj3wvq";
    private static final long OWN_TIMESTAMP = 1767225600L;
    private static final String OWN_BODY = "{\"type\":\"alert.created\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{\"alertId\":7}}";

    @Test
    void theStandardWebhooksVectorSignsAsTheReferenceLibrariesDo() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSigner.sign(WebhookSecret.parse(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, bytes(SPEC_BODY)));
    }

    @Test
    void aTouchmarkSizedSecretSignsAsOpensslComputedIt() {
        assertEquals("v1,jS8nYxhaAE+Ag6O9LWDnue5gn/Aergv1eU+9LOIewb4=",
                WebhookSigner.sign(WebhookSecret.parse(OWN_SECRET), OWN_ID, OWN_TIMESTAMP, bytes(OWN_BODY)));
    }

    @Test
    void changingAnyByteOfTheBodyOrTheIdOrTheTimestampChangesTheSignature() {
        WebhookSecret secret = WebhookSecret.parse(OWN_SECRET);
        String original = WebhookSigner.sign(secret, OWN_ID, OWN_TIMESTAMP, bytes(OWN_BODY));
        byte[] body = bytes(OWN_BODY);
        for (int i = 0; i < body.length; i++) {
            byte[] tampered = body.clone();
            tampered[i] ^= 0x01;
            assertNotEquals(original, WebhookSigner.sign(secret, OWN_ID, OWN_TIMESTAMP, tampered), "byte " + i);
        }
        assertNotEquals(original, WebhookSigner.sign(secret, OWN_ID + "x", OWN_TIMESTAMP, body));
        assertNotEquals(original, WebhookSigner.sign(secret, OWN_ID, OWN_TIMESTAMP + 1, body));
        byte[] otherKey = secret.bytes();
        otherKey[0] ^= 0x01;
        assertNotEquals(original, WebhookSigner.sign(WebhookSecret.of(otherKey), OWN_ID, OWN_TIMESTAMP, body));
    }

    @Test
    void duringRotationTheHeaderCarriesOneSignaturePerSecretSeparatedBySpaces() {
        String header = WebhookSigner.header(List.of(WebhookSecret.parse(OWN_SECRET), WebhookSecret.parse(SPEC_SECRET)),
                SPEC_ID, SPEC_TIMESTAMP, bytes(SPEC_BODY));
        String[] parts = header.split(" ");
        assertEquals(2, parts.length);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", parts[1]);
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.header(List.of(), SPEC_ID, 1, bytes("{}")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
