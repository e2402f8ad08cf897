package dev.touchmark.testsupport;

import dev.touchmark.config.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Webhook settings that make retries take milliseconds, a waiting helper, and an independent signature check. */
public final class WebhookTesting {
    private WebhookTesting() {
    }

    /** Loopback allowed, five attempts 300 ms apart, short timeouts, a lease of 5 s. */
    public static WebhookSettings fastSettings() {
        Duration gap = Duration.ofMillis(300);
        return WebhookSettings.defaults().withAllowPrivateNetworks(true)
                .withRetrySchedule(List.of(Duration.ZERO, gap, gap, gap, gap))
                .withTiming(Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    /** Waits until the condition holds, failing with the message after the timeout. */
    public static void await(Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> message) {
        Eventually.await(timeout, condition, message);
    }

    /**
     * True if one of the signatures in the header is HMAC-SHA256 of id.timestamp.body under the secret,
     * computed here from the specification rather than with the production signer.
     */
    public static boolean signedWith(String whsecSecret, String id, String timestamp, byte[] body, String header) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(whsecSecret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
            for (String part : header.split(" ")) {
                if (part.equals(expected)) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
