package dev.touchmark.webhook;

import dev.touchmark.config.WebhookSettings;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background sender: a polling thread claims due deliveries from the database (with a lease, so
 * several nodes share the work without sending twice) and hands each to a bounded pool of workers. All
 * state is in the database: after a restart or a crash, due deliveries go out again, and a delivery whose
 * worker died is taken over once its lease has run out (at-least-once delivery).
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private final WebhookDeliveryRepository deliveries;
    private final WebhookDeliverer deliverer;
    private final WebhookSettings settings;
    private final Clock clock;
    private final Semaphore freeWorkers;
    private final Semaphore wakeUps = new Semaphore(0);
    private final ExecutorService workers;
    private final Thread poller;
    private volatile boolean running = true;

    public WebhookDispatcher(WebhookDeliveryRepository deliveries, WebhookDeliverer deliverer, WebhookSettings settings,
                             Clock clock) {
        this.deliveries = deliveries;
        this.deliverer = deliverer;
        this.settings = settings;
        this.clock = clock;
        this.freeWorkers = new Semaphore(settings.workers());
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "touchmark-webhook-" + count.incrementAndGet()));
        this.poller = daemon(this::pollUntilClosed, "touchmark-webhook-poller");
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Starts polling. */
    public WebhookDispatcher start() {
        poller.start();
        return this;
    }

    /** Asks the poller to look for due deliveries now rather than at its next tick. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void pollUntilClosed() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                LOG.warn("Looking for due webhook deliveries failed; trying again in {}", settings.pollInterval(), e);
            }
            try {
                wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Claims as many due deliveries as there are free workers and starts sending them; returns how many. */
    int pollOnce() {
        int free = freeWorkers.availablePermits();
        if (free == 0) {
            return 0;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Long> due = deliveries.due(now, free);
        int started = 0;
        for (long id : due) {
            if (!running || !freeWorkers.tryAcquire()) {
                break;
            }
            if (!deliveries.claim(id, now, now.plus(settings.leaseTimeout()))) {
                freeWorkers.release(); // another node took it
                continue;
            }
            try {
                workers.execute(() -> deliverAndRelease(id));
                started++;
            } catch (RejectedExecutionException closing) {
                freeWorkers.release(); // the lease runs out and another run sends it
            }
        }
        return started;
    }

    private void deliverAndRelease(long id) {
        try {
            deliverer.deliver(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Webhook delivery {} failed unexpectedly; it is retried when its lease runs out", id, e);
        } finally {
            freeWorkers.release();
            wakeUp();
        }
    }

    /** Stops claiming, lets attempts in flight finish within their timeouts, then stops the workers. */
    @Override
    public void close() {
        running = false;
        wakeUp(); // not an interrupt: the poller may be inside a database call
        workers.shutdown();
        try {
            long grace = settings.connectTimeout().plus(settings.requestTimeout()).toMillis() + 2000;
            if (!workers.awaitTermination(grace, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(2, TimeUnit.SECONDS);
            }
            poller.join(grace);
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
