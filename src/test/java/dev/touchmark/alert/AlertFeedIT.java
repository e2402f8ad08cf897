package dev.touchmark.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.db.Database;
import dev.touchmark.i18n.Lang;
import dev.touchmark.testsupport.Eventually;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live feed's handling of its subscribers, on a real database. */
class AlertFeedIT {
    @TempDir
    Path dir;

    /**
     * A subscriber whose stream fails with an exception (as Javalin's SSE client did once Jetty had ended its request)
     * is dropped at once: it is not sent to again, and the brand's other subscribers still get every event. Before,
     * the exception ended the whole send, and the next one failed on it again.
     */
    @Test
    void aSubscriberWhoseStreamFailsIsDroppedAndTheOthersStillGetTheirEvents() throws Exception {
        try (Database database = Database.open(TestDatabases.h2(dir), 2);
             AlertFeed feed = new AlertFeed(new AlertRepository(database.dsl()), new DetectionRepository(database.dsl()),
                     new ObjectMapper().findAndRegisterModules(), Clock.systemUTC(), Duration.ofHours(1))) {
            AtomicInteger failing = new AtomicInteger();
            feed.subscribe(7, Lang.EN, (event, data) -> {
                failing.incrementAndGet();
                throw new NullPointerException("the request under this stream is gone");
            });
            List<String> received = new CopyOnWriteArrayList<>();
            feed.subscribe(7, Lang.EN, (event, data) -> received.add(event));
            // Each subscribe sends the brand's counts to all its subscribers, on the feed's thread, in turn.
            Eventually.await(Eventually.PATIENCE, () -> !received.isEmpty(), () -> "events received: " + received);
            feed.subscribe(7, Lang.EN, (event, data) -> received.add("third:" + event));
            Eventually.await(Eventually.PATIENCE, () -> received.size() >= 3, () -> "events received: " + received);
            assertEquals(1, failing.get(), "the failing subscriber was sent to after it failed");
        }
    }
}
