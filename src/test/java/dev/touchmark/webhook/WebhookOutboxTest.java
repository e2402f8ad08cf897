package dev.touchmark.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookOutboxTest {
    private final WebhookOutbox outbox = new WebhookOutbox(null, null, null, new SecureRandom(),
            Clock.fixed(Instant.parse("2026-03-02T09:15:04.312481Z"), ZoneOffset.UTC));

    record AlertData(long alertId, LocalDate firstSeen) {
    }

    @Test
    void theBodyIsTheStandardWebhooksEnvelope() throws Exception {
        JsonNode body = new ObjectMapper().readTree(outbox.envelope(WebhookEvents.ALERT_CREATED,
                new AlertData(7, LocalDate.of(2026, 3, 1))));
        assertEquals(List.of("type", "timestamp", "data"), List.copyOf(iterable(body)));
        assertEquals("alert.created", body.get("type").asText());
        assertEquals("2026-03-02T09:15:04.312Z", body.get("timestamp").asText());
        assertEquals(7, body.get("data").get("alertId").asLong());
        assertEquals("2026-03-01", body.get("data").get("firstSeen").asText());
    }

    @Test
    void unknownTypesAndDataThatIsNotAnObjectAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> outbox.envelope("alert.deleted", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> outbox.envelope(WebhookEvents.ALERT_UPDATED, List.of(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> outbox.envelope(WebhookEvents.ALERT_UPDATED, "text"));
        assertThrows(IllegalArgumentException.class, () -> outbox.envelope(WebhookEvents.ALERT_UPDATED,
                Map.of("blob", "x".repeat(WebhookOutbox.MAX_PAYLOAD_CHARS))));
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
