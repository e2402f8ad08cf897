package dev.touchmark.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.brand.BrandService;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.code.CodeFormat;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.product.NewProduct;
import dev.touchmark.shopper.RequestFacts;
import dev.touchmark.testsupport.Http;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Support finds what a shopper quotes (a label's URL, the serial, the scan reference) and a batch page shows how far
 * the batch has reached shoppers; both only within the brand. Run on H2 and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CodeLookupContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private App app;
    private Http http;
    private final HttpClient client = HttpClient.newHttpClient();

    protected abstract TouchmarkConfig config() throws Exception;

    @BeforeAll
    void start() throws Exception {
        ScanSettings settings = new ScanSettings(Optional.of("CF-IPCountry"), Optional.empty(), 730, 0, 10, 1000, 4);
        app = App.start(config().withScans(settings), Clock.systemUTC());
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    record Fixture(BrandService.CreatedBrand brand, Batch batch, BatchCodes codes) {
        String key() {
            return brand.apiKey();
        }
    }

    private Fixture fixture(long quantity) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = app.services().brands().create("Lookup " + suffix, "l-" + suffix + "@brand.example");
        Principal principal = new Principal(created.brand().id(), "test");
        var product = app.services().products().create(principal,
                new NewProduct("Serum", "4006381333931", "A serum.", null, List.of("FR")));
        Batch batch = app.services().batches().create(principal,
                new NewBatch(product.id(), quantity, "L-7", null, List.of("FR", "BE"), "compact"));
        batch = app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
        return new Fixture(created, batch, app.services().batches().codes(batch));
    }

    private static String device(char c) {
        return String.valueOf(c).repeat(26);
    }

    /** A shopper's scan of a label (as the phone opens it), from a country or from nowhere known; its JSON answer. */
    private JsonNode scan(String url, char device, String country) throws Exception {
        String path = url.substring(url.toLowerCase().indexOf("tm.example") + "tm.example".length());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Accept", "application/json").header("Cookie", RequestFacts.DEVICE_COOKIE + "=" + device(device));
        if (country != null) {
            request.header("CF-IPCountry", country);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private Http.Response lookUp(String typed, Fixture as) {
        return http.get("/api/v1/codes/lookup?code=" + URLEncoder.encode(typed, StandardCharsets.UTF_8), as.key());
    }

    private static String typedCarelessly(String serial) {
        return serial.substring(0, 5).toLowerCase() + " " + serial.substring(5, 10) + "-" + serial.substring(10).toLowerCase();
    }

    @Test
    void theSerialOnTheVerdictPageFindsTheCodeHowEverItIsTyped() throws Exception {
        Fixture f = fixture(50);
        JsonNode verdict = scan(f.codes().url(3), 'A', "FR");
        assertEquals(f.codes().serial(3), verdict.get("serial").asText());

        Http.Response found = lookUp(typedCarelessly(verdict.get("serial").asText()), f);
        assertEquals(200, found.status(), found.text());
        JsonNode code = found.json();
        assertEquals("serial", code.get("foundBy").asText());
        assertTrue(code.get("valid").asBoolean());
        assertEquals(Long.toString(f.batch().id()), code.get("batchId").asText());
        assertEquals("3", code.get("index").asText());
        assertEquals(f.codes().serial(3), code.get("serial").asText());
        assertEquals("Serum", code.get("product").asText());
        assertEquals(1, code.get("scans").size());
        assertEquals(verdict.get("scanId").asText(), code.get("scans").get(0).get("id").asText());
        assertEquals(1, code.get("state").get("scans").asInt());

        assertEquals("code", lookUp(f.codes().url(3), f).json().get("foundBy").asText(), "a label's URL still works");
    }

    @Test
    void theReferenceOnTheVerdictPageFindsTheCodeAndPointsAtThatScan() throws Exception {
        Fixture f = fixture(50);
        String first = scan(f.codes().url(7), 'A', "FR").get("scanId").asText();
        scan(f.codes().url(7), 'B', "BE");

        JsonNode code = lookUp("Reference: " + first + " (quote it if you contact support)", f).json();
        assertEquals("reference", code.get("foundBy").asText());
        assertEquals(first, code.get("scanId").asText());
        assertEquals("7", code.get("index").asText());
        assertEquals(2, code.get("scans").size());
        assertEquals(first, code.get("scans").get(1).get("id").asText(), "the referenced scan is among the code's scans");
        assertEquals(first, lookUp(first.substring(0, 4) + " " + first.substring(4), f).json().get("scanId").asText());
    }

    @Test
    void anotherBrandsSerialOrReferenceAnswersExactlyAsAnUnknownOne() throws Exception {
        Fixture mine = fixture(50);
        Fixture theirs = fixture(50);
        String reference = scan(theirs.codes().url(1), 'C', "FR").get("scanId").asText();
        String serial = theirs.codes().serial(1);
        assertEquals(200, lookUp(serial, theirs).status());
        assertEquals(200, lookUp(reference, theirs).status());

        Http.Response theirSerial = lookUp(serial, mine);
        assertEquals(404, theirSerial.status(), theirSerial.text());
        String unknownSerial = CodeFormat.serial(theirs.batch().id() + 1_000_000, 1);
        Http.Response noSerial = lookUp(unknownSerial, mine);
        assertEquals(404, noSerial.status());
        assertEquals(noSerial.text().replace(unknownSerial, "?"), theirSerial.text().replace(serial, "?"));

        Http.Response theirReference = lookUp(reference, mine);
        assertEquals(404, theirReference.status(), theirReference.text());
        String unknownReference = Long.toString(Long.parseLong(reference) + 1);
        Http.Response noReference = lookUp(unknownReference, mine);
        assertEquals(404, noReference.status());
        assertEquals(noReference.text().replace(unknownReference, "?"), theirReference.text().replace(reference, "?"));

        String beyond = CodeFormat.serial(mine.batch().id(), 50);
        assertEquals(404, lookUp(beyond, mine).status(), "a serial past the end of the batch names no code");
    }

    @Test
    void aSerialThatCouldBeSeveralCodesAnswersThemToChooseFrom() {
        Fixture f = fixture(50);
        // Index 32 is written ...IA at the end: typed with a 1, it may be an I (index 32) or an L (index 44).
        String serial = f.codes().serial(32);
        assertEquals('I', serial.charAt(13), serial);
        String typed = serial.substring(0, 13) + "1" + serial.substring(14);
        JsonNode answer = lookUp(typed, f).json();
        assertEquals("ambiguous", answer.get("reason").asText(), answer.toString());
        assertFalse(answer.get("valid").asBoolean());
        List<String> indexes = new ArrayList<>();
        answer.get("matches").forEach(m -> indexes.add(m.get("index").asText()));
        assertEquals(List.of("32", "44"), indexes);
        assertEquals(serial, answer.get("matches").get(0).get("serial").asText());

        Fixture small = fixture(40);
        String only = small.codes().serial(32);
        JsonNode one = lookUp(only.substring(0, 13) + "1" + only.substring(14), small).json();
        assertEquals("32", one.get("index").asText(), "index 44 is past the end of a batch of 40");
    }

    @Test
    void inputThatIsNoneOfTheFormsIsA400ThatSaysWhichFormsAreAccepted() {
        Fixture f = fixture(5);
        for (String typed : List.of("hello", "https://tm.example/nothing", "99999999999999999999")) {
            Http.Response r = lookUp(typed, f);
            assertEquals(400, r.status(), r.text());
            assertTrue(r.header("Content-Type").startsWith("application/problem+json"));
            String message = r.json().get("errors").get(0).get("message").asText();
            assertTrue(message.contains("URL") && message.contains("serial number") && message.contains("reference"), message);
        }
        assertEquals(400, http.get("/api/v1/codes/lookup", f.key()).status());
    }

    @Test
    void aBatchsProgressCountsItsCodesScansSuspectCodesAndCountries() throws Exception {
        Fixture f = fixture(50);
        Fixture other = fixture(50);
        scan(f.codes().url(1), 'A', "FR");
        scan(f.codes().url(1), 'B', "FR");
        scan(f.codes().url(2), 'C', "BE");
        List<String> verdicts = new ArrayList<>();
        for (char d : "DEFG".toCharArray()) {
            verdicts.add(scan(f.codes().url(5), d, "BE").get("verdict").asText());
        }
        assertEquals("suspect", verdicts.get(3), verdicts.toString());
        scan(f.codes().url(6), 'H', null);
        scan(other.codes().url(1), 'A', "FR");
        lookUp(f.codes().serial(9), f); // a lookup is not a scan

        Http.Response r = http.get("/api/v1/batches/" + f.batch().id() + "/progress", f.key());
        assertEquals(200, r.status(), r.text());
        JsonNode p = r.json();
        assertEquals(50, p.get("codesMinted").asLong());
        assertEquals(4, p.get("codesScanned").asLong());
        assertEquals(0.08, p.get("scannedShare").asDouble(), 1e-9);
        assertEquals(8, p.get("scans").asLong());
        assertEquals(1, p.get("suspectScans").asLong());
        assertEquals(1, p.get("suspectCodes").asLong());
        assertEquals(3, p.get("countryCount").asInt());
        JsonNode countries = p.get("topCountries");
        assertEquals("BE", countries.get(0).get("country").asText());
        assertEquals(5, countries.get(0).get("scans").asLong());
        assertEquals(2, countries.get(0).get("codes").asLong());
        assertEquals(1, countries.get(0).get("suspect").asLong());
        assertEquals("FR", countries.get(1).get("country").asText());
        assertEquals(2, countries.get(1).get("scans").asLong());
        assertEquals(1, countries.get(1).get("codes").asLong());
        assertTrue(countries.get(2).get("country").isNull());

        assertEquals(404, http.get("/api/v1/batches/" + f.batch().id() + "/progress", other.key()).status());
        assertEquals(404, http.get("/api/v1/batches/" + (f.batch().id() + 1_000_000) + "/progress", f.key()).status());
        assertEquals(0, http.get("/api/v1/batches/" + other.batch().id() + "/progress", other.key()).json().get("suspectCodes").asLong());
    }
}
