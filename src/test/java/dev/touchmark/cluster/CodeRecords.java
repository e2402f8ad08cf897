package dev.touchmark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.testsupport.BrandOnServer;
import dev.touchmark.testsupport.Eventually;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.Shopper.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the installation recorded about a brand's codes, read through its API as the brand would: the code lookup's
 * stored state and history, and the open alerts; and how that compares with what the phones were told.
 */
final class CodeRecords {
    private final BrandOnServer brand;

    CodeRecords(BrandOnServer brand) {
        this.brand = brand;
    }

    /**
     * The open cloned_code alerts of a batch, by code index, from the alerts API; waits (up to
     * {@link Eventually#PATIENCE}) for alerts on as many codes as expected, in case they are raised after the answers.
     */
    Map<Long, Integer> openCloneAlerts(long batchId, int expectedCodes) throws InterruptedException {
        long deadline = System.nanoTime() + Eventually.PATIENCE.toNanos();
        while (true) {
            Map<Long, Integer> perCode = new HashMap<>();
            Long before = null;
            do {
                Http.Response page = brand.http().get("/api/v1/alerts?rule=cloned_code&status=open&limit=500&batchId=" + batchId
                        + (before == null ? "" : "&before=" + before), brand.apiKey());
                assertEquals(200, page.status(), page.text());
                for (JsonNode alert : page.json().get("items")) {
                    perCode.merge(alert.get("codeIndex").asLong(), 1, Integer::sum);
                }
                JsonNode next = page.json().get("nextBefore");
                before = next == null || next.isNull() ? null : next.asLong();
            } while (before != null);
            if (perCode.size() >= expectedCodes || System.nanoTime() - deadline > 0) {
                return perCode;
            }
            Thread.sleep(250);
        }
    }

    /** What the store holds about a code, as the dashboard's code lookup shows it. */
    record Stored(long scans, long devices, Set<Long> history) {
    }

    /** The stored state of the first codes of a batch, by index. */
    List<Stored> stored(BrandOnServer.Batch batch, int codes) {
        List<Stored> stored = new ArrayList<>();
        for (int code = 0; code < codes; code++) {
            Http.Response lookup = brand.http().get("/api/v1/codes/lookup?code="
                    + URLEncoder.encode(batch.urls().get(code), StandardCharsets.UTF_8), brand.apiKey());
            assertEquals(200, lookup.status(), lookup.text());
            JsonNode state = lookup.json().get("state");
            boolean scanned = state != null && !state.isNull();
            Set<Long> history = new HashSet<>();
            lookup.json().get("scans").forEach(row -> history.add(row.get("id").asLong()));
            stored.add(new Stored(scanned ? state.get("scans").asLong() : 0, scanned ? state.get("devices").asLong() : 0, history));
        }
        return stored;
    }

    /**
     * Codes whose stored state disagrees with what their phones were told: as many scans and phones as were answered
     * 200 (each phone scanned once), and every answered scan in the code's history.
     */
    static List<String> mismatches(BrandOnServer.Batch batch, List<List<Answer>> answersByCode, List<Stored> stored) {
        List<String> mismatches = new ArrayList<>();
        for (int code = 0; code < answersByCode.size(); code++) {
            List<Answer> answered = answersByCode.get(code).stream().filter(Answer::ok).toList();
            Stored state = stored.get(code);
            long notInHistory = answered.stream().filter(a -> !state.history().contains(a.scanId())).count();
            if (state.scans() != answered.size() || state.devices() != answered.size() || notInHistory > 0) {
                mismatches.add("code " + code + " of batch " + batch.id() + ": " + answered.size() + " phones answered, stored "
                        + state.scans() + " scans of " + state.devices() + " phones"
                        + (notInHistory > 0 ? ", " + notInHistory + " answered scans not in its history" : ""));
            }
        }
        return mismatches;
    }

    static String describe(List<String> stateMismatches) {
        return "codes whose stored state (code lookup) disagrees with the answers: " + stateMismatches.size()
                + (stateMismatches.isEmpty() ? "" : " (e.g. " + String.join("; ", stateMismatches.subList(0, Math.min(3, stateMismatches.size()))) + ")");
    }
}
