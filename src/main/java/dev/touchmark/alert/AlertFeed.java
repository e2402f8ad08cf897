package dev.touchmark.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed behind Server-Sent Events: one poller per node reads alerts changed in the database (so alerts
 * raised on any node reach every node's subscribers) and each brand's scan counts of the current hour, and
 * hands them to that brand's subscribers only.
 */
public final class AlertFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);
    /** How far back each poll looks, so a transaction that commits late is still seen. */
    private static final Duration OVERLAP = Duration.ofSeconds(5);
    private final AlertRepository alerts;
    private final DetectionRepository detection;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<Long, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Long> sent = new LinkedHashMap<>();
    private final Map<Long, String> lastCounts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;
    private OffsetDateTime since;
    private long ticks;

    /** Someone listening: gets named events with JSON data; false from send means it has gone. */
    public interface Subscriber {
        boolean send(String event, String data);
    }

    public AlertFeed(AlertRepository alerts, DetectionRepository detection, ObjectMapper json, Clock clock, Duration every) {
        this.alerts = alerts;
        this.detection = detection;
        this.json = json;
        this.clock = clock;
        this.since = OffsetDateTime.now(clock);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "touchmark-alert-feed");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Adds a subscriber for a brand; it gets the brand's current counts at once. */
    public void subscribe(long brandId, Subscriber subscriber) {
        subscribers.computeIfAbsent(brandId, id -> ConcurrentHashMap.newKeySet()).add(subscriber);
        poller.execute(() -> sendCounts(brandId, true));
    }

    /** Removes a subscriber. */
    public void unsubscribe(long brandId, Subscriber subscriber) {
        Set<Subscriber> set = subscribers.get(brandId);
        if (set != null) {
            set.remove(subscriber);
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("The live alert feed could not read the database; retrying", e);
        }
    }

    private void poll() {
        OffsetDateTime started = OffsetDateTime.now(clock);
        if (!subscribers.isEmpty()) {
            for (Alert alert : alerts.changedSince(since.minus(OVERLAP), 1_000)) {
                String key = alert.id() + "@" + alert.updatedAt() + "/" + alert.hits();
                if (sent.putIfAbsent(key, started.toInstant().toEpochMilli()) == null) {
                    publish(alert.brandId(), "alert", AlertView.of(alert));
                }
            }
            if (++ticks % 4 == 0) {
                subscribers.keySet().forEach(brand -> sendCounts(brand, false));
            }
            if (ticks % 75 == 0) {
                // Also finds subscribers whose connection has gone.
                subscribers.keySet().forEach(brand -> send(brand, "ping", "{}"));
            }
        }
        since = started;
        long forget = started.minus(OVERLAP.multipliedBy(2)).toInstant().toEpochMilli();
        sent.values().removeIf(at -> at < forget);
    }

    private void sendCounts(long brandId, boolean always) {
        OffsetDateTime hour = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.HOURS);
        Map<String, Long> byVerdict = detection.brandScansInHour(brandId, hour);
        long total = byVerdict.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("hour", hour);
        counts.put("scans", total);
        counts.put("byVerdict", byVerdict);
        String data = write(counts);
        if (always || !data.equals(lastCounts.get(brandId))) {
            lastCounts.put(brandId, data);
            send(brandId, "scans", data);
        }
    }

    private void publish(long brandId, String event, Object value) {
        if (subscribers.containsKey(brandId)) {
            send(brandId, event, write(value));
        }
    }

    private void send(long brandId, String event, String data) {
        Set<Subscriber> set = subscribers.get(brandId);
        if (set == null) {
            return;
        }
        List<Subscriber> gone = new ArrayList<>();
        for (Iterator<Subscriber> it = set.iterator(); it.hasNext(); ) {
            Subscriber s = it.next();
            if (!s.send(event, data)) {
                gone.add(s);
            }
        }
        gone.forEach(set::remove);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
