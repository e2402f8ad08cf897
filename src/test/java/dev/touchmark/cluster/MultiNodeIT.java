package dev.touchmark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.testsupport.BrandOnServer;
import dev.touchmark.testsupport.Eventually;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.ServerProcess;
import dev.touchmark.testsupport.Shopper;
import dev.touchmark.testsupport.Shopper.Answer;
import dev.touchmark.testsupport.TouchmarkCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Three Touchmark servers, separate processes on one PostgreSQL database behind HAProxy (round robin), give the same
 * verdicts and alerts as one server would: two phones scanning a new code at once through two nodes, a clone ring whose
 * phones are spread over every node, a recall made on one node while the others serve the batch, and a node killed with
 * SIGKILL under load. No request may get a 5xx from a running server. Every scenario reports its counts on one line; the
 * nodes' logs are in target/multinode/ and printed only when a scenario fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeIT {
    private static final int NODES = 3;
    private static final int PAIRED_CODES = 100;
    private static final int RING_CODES = 150;
    private static final int RING_PHONES = 6;
    private static final int CLIENT_THREADS = 24;

    private final Map<String, AtomicLong> everyAnswer = new ConcurrentHashMap<>();
    private TouchmarkCluster cluster;
    private ExecutorService clients;
    private ExecutorService httpThreads;
    private Shopper shopper;
    private CodeRecords records;
    private boolean logsPrinted;

    @RegisterExtension
    final TestWatcher logsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (cluster != null && !logsPrinted) {
                logsPrinted = true;
                System.out.println("MultiNodeIT " + context.getDisplayName() + " failed; " + cluster.logs());
            }
        }
    };

    @BeforeAll
    void startCluster() throws Exception {
        String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        Path dir = Files.createDirectories(Path.of("target", "multinode", run).toAbsolutePath());
        long started = System.nanoTime();
        cluster = TouchmarkCluster.start(NODES, dir);
        System.out.println("MultiNodeIT: " + NODES + " nodes and HAProxy ready in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms; logs in " + dir);
        clients = Executors.newFixedThreadPool(CLIENT_THREADS, daemon("multinode-client"));
        httpThreads = Executors.newCachedThreadPool(daemon("multinode-http"));
        shopper = new Shopper(httpThreads);
        records = new CodeRecords(cluster.brand());
    }

    @AfterAll
    void stopCluster() {
        System.out.println("MultiNodeIT: every answer of the run: " + new TreeMap<>(everyAnswer));
        if (clients != null) {
            clients.shutdownNow();
            httpThreads.shutdownNow();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoPhonesScanningANewCodeAtOnceThroughTwoNodesAreToldGenuineAndSeenBefore() throws Exception {
        BrandOnServer.Batch batch = cluster.brand().releasedBatch(PAIRED_CODES);
        List<List<Supplier<Answer>>> pairs = new ArrayList<>();
        Random random = new Random();
        for (int code = 0; code < PAIRED_CODES; code++) {
            String url = batch.urls().get(code);
            ServerProcess first = cluster.node(code % NODES);
            ServerProcess second = cluster.node((code + 1) % NODES);
            String phoneA = Shopper.newDevice(random);
            String phoneB = Shopper.newDevice(random);
            pairs.add(List.of(() -> shopper.verify(first.baseUri(), first.name(), url, phoneA),
                    () -> shopper.verify(second.baseUri(), second.name(), url, phoneB)));
        }
        List<List<Answer>> answers = inGroups(pairs);

        Map<String, Integer> inconsistent = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        int answeredBoth = 0;
        int inconsistentCodes = 0;
        for (int code = 0; code < PAIRED_CODES; code++) {
            List<Answer> pair = answers.get(code);
            if (!pair.stream().allMatch(Answer::ok)) {
                continue;
            }
            answeredBoth++;
            List<String> verdicts = pair.stream().map(Answer::verdict).sorted().toList();
            Set<Integer> counts = pair.stream().map(Answer::deviceCount).collect(Collectors.toSet());
            List<String> wrong = new ArrayList<>();
            if (!verdicts.equals(List.of("genuine", "seen_before"))) {
                wrong.add("verdicts " + verdicts);
            }
            if (!counts.equals(Set.of(1, 2))) {
                wrong.add("phone counts " + pair.stream().map(Answer::deviceCount).toList());
            }
            wrong.forEach(w -> inconsistent.merge(w.replaceAll(" \\[.*", ""), 1, Integer::sum));
            inconsistentCodes += wrong.isEmpty() ? 0 : 1;
            if (!wrong.isEmpty() && examples.size() < 5) {
                examples.add("code " + code + ": " + pair.stream().map(MultiNodeIT::shortly).collect(Collectors.joining(", ")));
            }
        }
        List<Answer> all = answers.stream().flatMap(List::stream).toList();
        List<String> stateMismatches = CodeRecords.mismatches(batch, answers, records.stored(batch, PAIRED_CODES));
        String report = "first scans of " + PAIRED_CODES + " new codes, two phones at once through two nodes: answers "
                + tally(all) + "; " + (PAIRED_CODES - answeredBoth) + " codes had a phone without a 200; of the "
                + answeredBoth + " codes answered to both phones, " + inconsistentCodes + " told something other than one genuine (1 phone) and one seen_before (2 phones): " + inconsistent
                + (examples.isEmpty() ? "" : "; e.g. " + String.join("; ", examples)) + "; " + CodeRecords.describe(stateMismatches);
        System.out.println("MultiNodeIT " + report);
        assertEquals(0, all.stream().filter(a -> a.status() >= 500).count(), "5xx answers: " + report);
        assertEquals(PAIRED_CODES, answeredBoth, report);
        assertTrue(inconsistent.isEmpty(), report);
        assertTrue(stateMismatches.isEmpty(), report);
    }

    @Test
    @Order(2)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aCloneRingSpreadOverEveryNodeRaisesOneAlertPerCodeAndEveryPhoneFromTheThresholdIsToldSuspect() throws Exception {
        int threshold = cluster.brand().http().get("/api/v1/rules", cluster.brand().apiKey()).json().get("cloneDevices").asInt();
        int phones = Math.max(RING_PHONES, threshold + 1);
        BrandOnServer.Batch batch = cluster.brand().releasedBatch(RING_CODES);
        URI proxy = cluster.proxyUri();
        Random random = new Random();
        List<List<Supplier<Answer>>> rings = new ArrayList<>();
        for (int code = 0; code < RING_CODES; code++) {
            String url = batch.urls().get(code);
            List<Supplier<Answer>> ring = new ArrayList<>();
            for (int phone = 0; phone < phones; phone++) {
                String device = Shopper.newDevice(random);
                ring.add(() -> shopper.verify(proxy, null, url, device));
            }
            rings.add(ring);
        }
        long started = System.nanoTime();
        List<List<Answer>> answers = inGroups(rings);
        long scanMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        int expectedSuspects = phones - threshold + 1;

        int notAllAnswered = 0;
        int sameCount = 0;
        int countsNotOneToN = 0;
        int tooFewSuspects = 0;
        int spreadOverNodes = 0;
        long suspectMissing = 0;
        List<String> examples = new ArrayList<>();
        for (int code = 0; code < RING_CODES; code++) {
            List<Answer> ring = answers.get(code);
            if (ring.stream().map(Answer::node).distinct().count() > 1) {
                spreadOverNodes++;
            }
            List<Answer> answered = ring.stream().filter(Answer::ok).toList();
            List<Integer> counts = answered.stream().map(Answer::deviceCount).sorted().toList();
            boolean duplicate = new HashSet<>(counts).size() < counts.size();
            sameCount += duplicate ? 1 : 0;
            suspectMissing += answered.stream().filter(a -> a.deviceCount() >= threshold && !"suspect".equals(a.verdict())).count();
            long suspects = answered.stream().filter(a -> "suspect".equals(a.verdict())).count();
            if (answered.size() < ring.size()) {
                notAllAnswered++;
            } else {
                countsNotOneToN += counts.equals(java.util.stream.IntStream.rangeClosed(1, phones).boxed().toList()) ? 0 : 1;
                tooFewSuspects += suspects < expectedSuspects ? 1 : 0;
            }
            if ((duplicate || (answered.size() == ring.size() && suspects < expectedSuspects)) && examples.size() < 4) {
                examples.add("code " + code + ": " + ring.stream().sorted(java.util.Comparator.comparingInt(Answer::deviceCount))
                        .map(MultiNodeIT::shortly).collect(Collectors.joining(", ")));
            }
        }
        List<CodeRecords.Stored> stored = records.stored(batch, RING_CODES);
        // The truth is the store: a code reached the threshold when that many phones' scans of it are recorded.
        Set<Long> reached = new HashSet<>();
        for (int code = 0; code < RING_CODES; code++) {
            if (stored.get(code).devices() >= threshold) {
                reached.add((long) code);
            }
        }
        Map<Long, Integer> alerts = records.openCloneAlerts(batch.id(), reached.size());
        long codesWithoutAlert = reached.stream().filter(code -> !alerts.containsKey(code)).count();
        long codesWithSeveral = alerts.values().stream().filter(n -> n > 1).count();
        long alertsBelowThreshold = alerts.keySet().stream().filter(code -> !reached.contains(code)).count();
        List<Answer> all = answers.stream().flatMap(List::stream).toList();
        List<String> stateMismatches = CodeRecords.mismatches(batch, answers, stored);
        String report = "clone ring of " + RING_CODES + " codes x " + phones + " phones through HAProxy (clone threshold "
                + threshold + ", " + spreadOverNodes + " codes' phones answered by more than one node, " + scanMillis
                + " ms): answers " + tally(all) + " by node " + byNode(all) + "; codes with a phone not answered 200: "
                + notAllAnswered + "; codes where two phones were told the same phone count: " + sameCount
                + "; codes whose phone counts were not 1.." + phones + ": " + countsNotOneToN + "; codes with fewer than "
                + expectedSuspects + " phones told suspect: " + tooFewSuspects + "; phones told a count >= " + threshold
                + " but not suspect: " + suspectMissing + "; codes with " + threshold + "+ phones stored: " + reached.size()
                + ", of them without an open cloned_code alert: " + codesWithoutAlert + "; codes with more than one: "
                + codesWithSeveral + "; codes below the threshold with one: " + alertsBelowThreshold + "; " + CodeRecords.describe(stateMismatches)
                + (examples.isEmpty() ? "" : "; e.g. " + String.join("; ", examples));
        System.out.println("MultiNodeIT " + report);
        assertEquals(0, all.stream().filter(a -> a.status() >= 500).count(), "5xx answers: " + report);
        assertEquals(0, notAllAnswered, report);
        assertEquals(0, codesWithoutAlert + codesWithSeveral + alertsBelowThreshold,
                "codes without exactly one open cloned_code alert: " + report);
        assertEquals(0, sameCount + countsNotOneToN, "inconsistent phone counts: " + report);
        assertEquals(0, tooFewSuspects + suspectMissing, "phones from the threshold on not told suspect: " + report);
        assertTrue(stateMismatches.isEmpty(), "stored code state against the answers: " + report);
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRecallMadeOnOneNodeIsAnsweredByEveryNodeFromThenOn() throws Exception {
        BrandOnServer.Batch batch = cluster.brand().releasedBatch(200);
        Random random = new Random();
        // Every node has the batch cached as released: it serves it.
        for (ServerProcess node : cluster.nodes()) {
            Answer warm = count(shopper.verify(node.baseUri(), node.name(), batch.urls().get(0), Shopper.newDevice(random)));
            assertTrue(warm.ok() && List.of("genuine", "seen_before").contains(warm.verdict()),
                    node.name() + " before the recall: " + warm.kind() + " " + warm.body());
        }
        Map<String, List<Answer>> polled = new ConcurrentHashMap<>();
        AtomicLong recalledAt = new AtomicLong(Long.MAX_VALUE);
        CountDownLatch stop = new CountDownLatch(1);
        List<Future<?>> pollers = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            ServerProcess node = cluster.node(n);
            // Each node polls its own codes: two nodes' first scans of one code are the first scenario's business.
            List<String> codes = batch.urls().subList(1 + n * 60, 1 + (n + 1) * 60);
            List<Answer> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
            polled.put(node.name(), answers);
            pollers.add(clients.submit(() -> {
                Random phones = new Random();
                for (int i = 0; stop.getCount() > 0; i++) {
                    answers.add(count(shopper.verify(node.baseUri(), node.name(), codes.get(i % codes.size()), Shopper.newDevice(phones))));
                    stop.await(40, TimeUnit.MILLISECONDS);
                }
                return null;
            }));
        }
        Eventually.await("every node serves the batch while the first recalls it",
                () -> polled.values().stream().allMatch(answers -> !answers.isEmpty()));
        Http.Response recall = cluster.brand().http().post("/api/v1/batches/" + batch.id() + "/recall", cluster.brand().apiKey(),
                Http.json("reason", "multi-node recall test"));
        recalledAt.set(System.nanoTime());
        assertEquals(200, recall.status(), recall.text());
        // Each node keeps answering until it has said "recalled" and then answered a few more phones, which must
        // all be told "recalled" too. How stale a node's cache may get is tested on a simulated clock
        // (VersionedCacheTest); real time here only bounds how long a node that never learns of the recall keeps us.
        Eventually.await(Eventually.PATIENCE, () -> polled.values().stream()
                        .allMatch(answers -> afterFirstRecalled(answers, recalledAt.get()).size() >= 5),
                () -> "every node answers recalled: " + tally(polled.values().stream().flatMap(List::stream).toList()));
        stop.countDown();
        for (Future<?> poller : pollers) {
            poller.get(30, TimeUnit.SECONDS);
        }
        Map<String, String> latency = new TreeMap<>();
        Map<String, Integer> notRecalledAfterRecalled = new TreeMap<>();
        for (Map.Entry<String, List<Answer>> node : polled.entrySet()) {
            // Failed requests are counted as 5xx below; the latency is what answered phones were told.
            List<Answer> after = node.getValue().stream().filter(a -> a.ok() && a.sentNanos() > recalledAt.get()).toList();
            long lastNotRecalled = after.stream().filter(a -> !"recalled".equals(a.verdict())).mapToLong(Answer::sentNanos)
                    .max().orElse(recalledAt.get());
            latency.put(node.getKey(), after.isEmpty() ? "no answers" : "recalled from "
                    + TimeUnit.NANOSECONDS.toMillis(lastNotRecalled - recalledAt.get()) + " ms");
            notRecalledAfterRecalled.put(node.getKey(), (int) afterFirstRecalled(node.getValue(), recalledAt.get()).stream()
                    .filter(a -> !"recalled".equals(a.verdict())).count());
        }
        List<Answer> all = polled.values().stream().flatMap(List::stream).toList();
        String report = "recall on node1 while every node serves the batch: " + latency + " after the recall was answered; answers "
                + "not recalled after the node had answered recalled: " + notRecalledAfterRecalled + "; answers " + tally(all);
        System.out.println("MultiNodeIT " + report);
        assertEquals(0, all.stream().filter(a -> a.status() >= 500).count(), "5xx answers: " + report);
        assertTrue(all.stream().allMatch(Answer::ok), report);
        assertTrue(notRecalledAfterRecalled.values().stream().allMatch(n -> n == 0), report);
    }

    @Test
    @Order(4)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aNodeKilledUnderLoadIsRoutedAroundAndEveryScanAnsweredIsStored() throws Exception {
        BrandOnServer.Batch batch = cluster.brand().releasedBatch(1000);
        ServerProcess victim = cluster.node(NODES - 1);
        URI proxy = cluster.proxyUri();
        List<Answer> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch stop = new CountDownLatch(1);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            load.add(clients.submit(() -> {
                Random random = new Random();
                while (stop.getCount() > 0) {
                    answers.add(count(shopper.verify(proxy, null, batch.urls().get(random.nextInt(1000)), Shopper.newDevice(random))));
                }
                return null;
            }));
        }
        Eventually.await(Eventually.PATIENCE, () -> cluster.nodes().stream().allMatch(node -> answers.stream()
                .filter(a -> a.ok() && node.name().equals(a.node())).count() >= 20), () -> "load on every node: " + byNode(answers));
        long killedAt = System.nanoTime();
        victim.kill(); // SIGKILL, mid-load
        long graceNanos = TimeUnit.SECONDS.toNanos(2);
        // The load goes on well past the time HAProxy has to notice, so the answers after it show the routing around.
        Eventually.await(Eventually.PATIENCE.plusNanos(graceNanos), () -> answers.stream()
                .filter(a -> a.sentNanos() >= killedAt + graceNanos).count() >= 300, () -> "load after the kill: " + tally(answers));
        stop.countDown();
        for (Future<?> client : load) {
            client.get(60, TimeUnit.SECONDS);
        }
        List<Answer> beforeKill = answers.stream().filter(a -> a.answeredNanos() < killedAt).toList();
        List<Answer> duringKill = answers.stream().filter(a -> a.answeredNanos() >= killedAt && a.sentNanos() < killedAt + graceNanos).toList();
        List<Answer> afterwards = answers.stream().filter(a -> a.sentNanos() >= killedAt + graceNanos).toList();
        // Allowed while the node dies: HAProxy's own 502/503 for requests it had routed to it, and connection failures.
        List<Answer> unexplained = duringKill.stream().filter(a -> !a.ok() && !(a.status() == 0
                || (a.proxyError() && victim.name().equals(a.routedTo())))).toList();
        long lastFailure = answers.stream().filter(a -> !a.ok()).mapToLong(Answer::answeredNanos).max().orElse(killedAt);
        Set<Long> acknowledged = answers.stream().filter(Answer::ok).map(Answer::scanId).collect(Collectors.toSet());
        Set<Long> missing = new HashSet<>(acknowledged);
        missing.removeAll(cluster.storedScanIds(acknowledged));
        String report = "SIGKILL of " + victim.name() + " under load through HAProxy: before the kill " + tally(beforeKill)
                + " by node " + byNode(beforeKill) + "; in the 2 s after it " + tally(duringKill) + "; afterwards "
                + tally(afterwards) + " by node " + byNode(afterwards) + "; last failed request answered "
                + Math.max(0, TimeUnit.NANOSECONDS.toMillis(lastFailure - killedAt)) + " ms after the kill; scans answered 200: "
                + acknowledged.size() + ", not in scan_event: " + missing.size()
                + (missing.isEmpty() ? "" : " (e.g. " + missing.stream().limit(5).toList() + ")");
        System.out.println("MultiNodeIT " + report);
        assertEquals(0, answers.stream().filter(Answer::serverError).count(), "5xx from a running node: " + report);
        assertTrue(beforeKill.stream().allMatch(Answer::ok), "failures before the kill: " + report);
        assertTrue(unexplained.isEmpty(), "failures while the node died that HAProxy did not route to it: " + report);
        assertTrue(!afterwards.isEmpty() && afterwards.stream().allMatch(Answer::ok), "failures 2 s after the kill: " + report);
        assertTrue(afterwards.stream().noneMatch(a -> victim.name().equals(a.node())), "answers from the killed node: " + report);
        assertTrue(missing.isEmpty(), "scans answered 200 but not stored: " + report);
    }

    @Test
    @Order(5)
    void noRunningNodeAnsweredA5xxInTheWholeRun() {
        Map<String, Long> fromNodes = new TreeMap<>();
        everyAnswer.forEach((kind, n) -> {
            if (kind.contains(" from node")) {
                fromNodes.put(kind, n.get());
            }
        });
        assertTrue(fromNodes.isEmpty(), "5xx answers from nodes over all scenarios: " + fromNodes + " of " + new TreeMap<>(everyAnswer));
    }

    /** Runs each group's requests at the same moment (a latch per group), CLIENT_THREADS requests at a time. */
    private List<List<Answer>> inGroups(List<List<Supplier<Answer>>> groups) throws Exception {
        List<List<Future<Answer>>> running = new ArrayList<>();
        for (List<Supplier<Answer>> group : groups) {
            if (group.size() > CLIENT_THREADS) {
                throw new IllegalArgumentException("a group larger than the client threads would never start");
            }
            CountDownLatch together = new CountDownLatch(group.size());
            List<Future<Answer>> futures = new ArrayList<>();
            for (Supplier<Answer> request : group) {
                futures.add(clients.submit(() -> {
                    together.countDown();
                    together.await(30, TimeUnit.SECONDS);
                    return count(request.get());
                }));
            }
            running.add(futures);
        }
        List<List<Answer>> answers = new ArrayList<>();
        for (List<Future<Answer>> group : running) {
            List<Answer> done = new ArrayList<>();
            for (Future<Answer> future : group) {
                done.add(future.get(60, TimeUnit.SECONDS));
            }
            answers.add(done);
        }
        return answers;
    }

    private Answer count(Answer answer) {
        everyAnswer.computeIfAbsent(answer.kind(), k -> new AtomicLong()).incrementAndGet();
        return answer;
    }

    /** "node2 seen_before/3": the node, the verdict and the phone count it told, or what went wrong instead. */
    private static String shortly(Answer answer) {
        return answer.node() + " " + (answer.ok() ? answer.verdict() + "/" + answer.deviceCount() : answer.kind());
    }

    /** A node's answers sent after the recall, from the first that said "recalled" on (oldest first). */
    private static List<Answer> afterFirstRecalled(List<Answer> answers, long recalledAt) {
        List<Answer> sent = answers.stream().filter(a -> a.sentNanos() > recalledAt)
                .sorted(java.util.Comparator.comparingLong(Answer::sentNanos)).toList();
        for (int i = 0; i < sent.size(); i++) {
            if ("recalled".equals(sent.get(i).verdict())) {
                return sent.subList(i, sent.size());
            }
        }
        return List.of();
    }

    private static Map<String, Long> tally(Collection<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(Answer::kind, TreeMap::new, Collectors.counting()));
    }

    private static Map<String, Long> byNode(Collection<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(a -> String.valueOf(a.node()), TreeMap::new, Collectors.counting()));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
