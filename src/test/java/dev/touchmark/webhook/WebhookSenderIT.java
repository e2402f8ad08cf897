package dev.touchmark.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.config.WebhookSettings;
import dev.touchmark.testsupport.WebhookReceiver;
import dev.touchmark.testsupport.WebhookTesting;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender against a loopback receiver: the private-network rule is applied to the resolved address. */
class WebhookSenderIT {
    private final List<WebhookSecret> secrets = List.of(WebhookSecret.generate(new SecureRandom()));
    private final byte[] body = "{\"type\":\"webhook.test\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aUrlThatResolvesToLoopbackIsRefusedAtSendTimeUnlessAllowed() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            URI url = URI.create(receiver.url());
            WebhookSender strict = new WebhookSender(WebhookTesting.fastSettings().withAllowPrivateNetworks(false), Clock.systemUTC());
            WebhookSender.Result refused = strict.send(url, "msg_1", body, secrets);
            WebhookSender.Result.NotSent notSent = assertInstanceOf(WebhookSender.Result.NotSent.class, refused);
            assertTrue(notSent.error().contains("127.0.0.1") && notSent.error().contains("TOUCHMARK_WEBHOOK_ALLOW_PRIVATE"),
                    notSent.error());
            assertTrue(receiver.requests().isEmpty(), "no connection was made");

            WebhookSettings open = WebhookTesting.fastSettings();
            WebhookSender.Result sent = new WebhookSender(open, Clock.systemUTC()).send(url, "msg_1", body, secrets);
            assertEquals(new WebhookSender.Result.Answered(200, null), sent);
            assertEquals(1, receiver.requests().size());
        }
    }

    @Test
    void aHostThatDoesNotResolveIsAClearFailure() throws Exception {
        WebhookSender strict = new WebhookSender(WebhookSettings.defaults(), Clock.systemUTC());
        WebhookSender.Result result = strict.send(URI.create("https://no-such-host.invalid/hooks"), "msg_1", body, secrets);
        assertTrue(assertInstanceOf(WebhookSender.Result.NotSent.class, result).error().contains("does not resolve"), result.toString());
    }
}
