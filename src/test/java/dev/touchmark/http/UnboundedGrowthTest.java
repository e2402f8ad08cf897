package dev.touchmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Nothing an unauthenticated client sends may grow memory without bound: unique asset names and unique client
 * addresses leave the server holding no more than a fixed number of entries, and a flood of new addresses does not
 * reset the limit of a client that is being limited.
 */
class UnboundedGrowthTest {
    @Tag("slow")
    @Test
    void assetNamesThatAreNotInTheBuildAreNeverKept() {
        AssetController assets = new AssetController();
        for (int i = 0; i < 20_000; i++) {
            assertTrue(assets.file("web/no-such-file-" + i + ".js").isEmpty());
        }
        assertEquals(0, assets.keptFiles());
        assertTrue(assets.file("web/favicon.svg").isPresent());
        assertTrue(assets.file("web/favicon.svg").isPresent());
        assertEquals(1, assets.keptFiles());
    }

    @Tag("slow")
    @Test
    void aFloodOfNewClientsIsBoundedAndDoesNotResetALimitedClient() {
        // Time stands still: on a busy machine the flood takes longer than a token takes to come back.
        RateLimiter limiter = new RateLimiter(30, Duration.ofMinutes(1), () -> 0L);
        for (int i = 0; i < RateLimiter.MAX_CLIENTS; i++) {
            limiter.acquire("client-" + i); // the flood is under way, and the table full, when the client below is limited
        }
        for (int i = 0; i < 30; i++) {
            limiter.acquire("198.51.100.7");
        }
        assertThrows(RateLimiter.TooManyRequests.class, () -> limiter.acquire("198.51.100.7"));
        for (int i = RateLimiter.MAX_CLIENTS; i < 3 * RateLimiter.MAX_CLIENTS; i++) {
            limiter.acquire("client-" + i);
        }
        assertTrue(limiter.clients() <= RateLimiter.MAX_CLIENTS, "clients kept: " + limiter.clients());
        assertThrows(RateLimiter.TooManyRequests.class, () -> limiter.acquire("198.51.100.7"),
                "the flood reset the limited client's bucket");
    }
}
