package dev.touchmark.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.i18n.Lang;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed behind Server-Sent Events: one poller per node reads alerts changed in the database (so alerts
 * raised on any node reach every node's subscribers) and each brand's scan counts of the current hour, and
 * hands them to that brand's subscribers only, each alert written once per language its subscribers read.
 */
public final class AlertFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);
    /** How far back each poll looks, so a transaction that commits late is still seen. */
    private static final Duration OVERLAP = Duration.ofSeconds(5);
    private final AlertRepository alerts;
    private final DetectionRepository detection;
    private final ObjectMapper json;
    private final Clock clock;
    /** Per brand: each subscriber and the language it reads. */
    private final Map<Long, Map<Subscriber, Lang>> subscribers = new ConcurrentHashMap<>();
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

    /** Adds a subscriber for a brand, reading alerts in a language; it gets the brand's current counts at once. */
    public void subscribe(long brandId, Lang lang, Subscriber subscriber) {
        // compute, not get-then-put: a subscribe never lands in a brand's map that forget() is dropping.
        subscribers.compute(brandId, (id, brand) -> {
            Map<Subscriber, Lang> map = brand == null ? new ConcurrentHashMap<>() : brand;
            map.put(subscriber, lang);
            return map;
        });
        poller.execute(() -> sendCounts(brandId, true));
    }

    /** Removes a subscriber. */
    public void unsubscribe(long brandId, Subscriber subscriber) {
        forget(brandId, subscriber);
    }

    /** Removes a subscriber, and its brand once nobody watches it, so the feed stops reading for that brand. */
    private void forget(long brandId, Subscriber subscriber) {
        Map<Subscriber, Lang> left = subscribers.computeIfPresent(brandId, (id, brand) -> {
            brand.remove(subscriber);
            return brand.isEmpty() ? null : brand;
        });
        if (left == null) {
            lastCounts.remove(brandId);
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
                    send(alert.brandId(), "alert", lang -> write(AlertView.of(alert, lang)));
                }
            }
            if (++ticks % 4 == 0) {
                subscribers.keySet().forEach(brand -> sendCounts(brand, false));
            }
            if (ticks % 75 == 0) {
                // Also finds subscribers whose connection has gone.
                subscribers.keySet().forEach(brand -> send(brand, "ping", lang -> "{}"));
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
            send(brandId, "scans", lang -> data);
        }
    }

    /** Sends an event to a brand's subscribers, its data written at most once per language they read. */
    private void send(long brandId, String event, Function<Lang, String> data) {
        Map<Subscriber, Lang> brand = subscribers.get(brandId);
        if (brand == null || brand.isEmpty()) {
            return;
        }
        Map<Lang, String> written = new EnumMap<>(Lang.class);
        List<Subscriber> gone = new ArrayList<>();
        brand.forEach((s, lang) -> {
            String text = written.computeIfAbsent(lang, data);
            boolean open;
            try {
                open = s.send(event, text);
            } catch (RuntimeException e) {
                // A stream the server can no longer write to (seen when Jetty had ended the request under Javalin's
                // SSE client): dropped, so that neither this poll nor the next ones fail on it again.
                LOG.debug("Dropping a live feed subscriber whose stream failed", e);
                open = false;
            }
            if (!open) {
                gone.add(s);
            }
        });
        gone.forEach(s -> forget(brandId, s));
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
        // No interrupt while a run may be inside a database call (H2 closes its file on an interrupted read):
        // the run in progress finishes, before the database closes after this.
        poller.shutdown();
        try {
            if (!poller.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                poller.shutdownNow();
            }
        } catch (InterruptedException e) {
            poller.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
