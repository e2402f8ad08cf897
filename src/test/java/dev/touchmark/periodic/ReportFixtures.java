package dev.touchmark.periodic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.access.Role;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.brand.BrandService;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.product.NewProduct;
import dev.touchmark.shopper.RequestFacts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A brand with batches on a running server, and the shopper-side calls that give a report something to count. */
final class ReportFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final App app;
    private final HttpClient client = HttpClient.newHttpClient();

    ReportFixtures(App app) {
        this.app = app;
    }

    /** A brand with a released batch (markets FR and BE) and a recalled one, and a viewer's API key. */
    record Brand(BrandService.CreatedBrand created, Batch released, BatchCodes codes, Batch recalled, BatchCodes recalledCodes,
                 String viewerKey) {
        String key() {
            return created.apiKey();
        }

        long id() {
            return created.brand().id();
        }
    }

    Brand brand(String name) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = app.services().brands().create(name + " " + suffix, "r-" + suffix + "@brand.example");
        Principal principal = new Principal(created.brand().id(), "test");
        var product = app.services().products().create(principal,
                new NewProduct("Serum", "4006381333931", "A serum.", null, List.of("FR")));
        Batch released = app.services().batches().create(principal,
                new NewBatch(product.id(), 50L, "L-" + suffix.substring(0, 4), null, List.of("FR", "BE"), "compact"));
        released = app.services().batches().changeStatus(principal, released.id(), BatchStatus.RELEASED, null);
        Batch recalled = app.services().batches().create(principal,
                new NewBatch(product.id(), 10L, "R-" + suffix.substring(0, 4), null, List.of("FR"), "compact"));
        recalled = app.services().batches().changeStatus(principal, recalled.id(), BatchStatus.RELEASED, null);
        recalled = app.services().batches().changeStatus(principal, recalled.id(), BatchStatus.RECALLED, "test");
        String viewer = app.services().apiKeys().issue(created.brand().id(), "viewer", Role.VIEWER).plaintext();
        return new Brand(created, released, app.services().batches().codes(released), recalled,
                app.services().batches().codes(recalled), viewer);
    }

    static String device(char c) {
        return String.valueOf(c).repeat(26);
    }

    /** Scans a code's URL as a phone would, from a country; the verification's JSON answer. */
    JsonNode scan(String url, String device, String country) throws Exception {
        String path = url.substring(url.toLowerCase().indexOf("tm.example") + "tm.example".length());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Accept", "application/json").header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + device)
                .header("CF-IPCountry", country);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    void shareLocation(JsonNode scan, String device, double lat, double lon) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/v1/scans/" + scan.get("scanId").asText() + "/location"))
                .header("Content-Type", "application/json").header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + device)
                .POST(HttpRequest.BodyPublishers.ofString("{\"lat\":" + lat + ",\"lon\":" + lon + "}")).build();
        assertEquals(204, client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    void report(JsonNode scan, String comment) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/report"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("scanId=" + scan.get("scanId").asText() + "&comment=" + comment)).build();
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        assertEquals(true, status < 400, "report answered " + status);
    }

    private String base() {
        return "http://127.0.0.1:" + app.port();
    }

    /** The Monday after a moment (UTC). */
    static LocalDate nextMonday(Instant now) {
        return now.atOffset(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }

    /** The first day of the month after a moment (UTC). */
    static LocalDate nextMonth(Instant now) {
        return now.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).plusMonths(1);
    }

    static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    /** A report's CSV as "section|item|metric" to value, in file order. */
    static Map<String, String> csv(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = text.split("\r\n");
        assertEquals("section,item,metric,value", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            List<String> cells = cells(lines[i]);
            assertEquals(4, cells.size(), lines[i]);
            values.put(cells.get(0) + "|" + cells.get(1) + "|" + cells.get(2), cells.get(3));
        }
        return values;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
