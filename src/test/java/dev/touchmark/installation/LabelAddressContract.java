package dev.touchmark.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.Services;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.error.ConflictException;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.QrDecoding;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Labels are printed once: a batch's labels keep the public URL they were minted for, whoever exports them later and
 * whatever the installation's URL is by then; admin commands print for the installation's URL and never guess one.
 */
abstract class LabelAddressContract {
    private static final Clock CLOCK = Clock.systemUTC();

    /** A fresh database to run on. */
    protected abstract TouchmarkConfig config() throws Exception;

    @Test
    void aBatchKeepsItsAddressWhenTheServerMovesToAnotherAndEveryExportSaysSo() throws Exception {
        TouchmarkConfig config = config().withPublicUrl("https://old.example");
        String apiKey;
        long oldBatch;
        try (App app = App.start(config, CLOCK)) {
            assertEquals(Optional.of("https://old.example"), app.services().installation().publicUrl(),
                    "the server records the URL it was started with");
            apiKey = app.services().brands().create("Address Brand", "ops@address.example").apiKey();
            oldBatch = batch(new Http(app.port()), apiKey);
        }
        try (App app = App.start(config.withPublicUrl("https://new.example"), CLOCK)) {
            assertEquals(Optional.of("https://new.example"), app.services().installation().publicUrl());
            Http http = new Http(app.port());
            assertEquals("https://old.example", http.get("/api/v1/batches/" + oldBatch, apiKey).json().get("publicUrl").asText(),
                    "the API says which address the batch's labels encode");
            String lookup = http.get("/api/v1/batches/" + oldBatch + "/codes/1", apiKey).json().get("url").asText();
            assertTrue(lookup.startsWith("HTTPS://OLD.EXAMPLE/V/"), lookup);
            String csv = http.get("/api/v1/batches/" + oldBatch + "/labels?format=csv", apiKey).text();
            assertTrue(csv.contains(lookup), csv);
            assertTrue(!csv.contains("NEW.EXAMPLE"), csv);
            byte[] png = http.get("/api/v1/batches/" + oldBatch + "/codes/1/label.png", apiKey).raw().body();
            assertEquals(lookup, QrDecoding.decodePng(png));

            long newBatch = batch(http, apiKey);
            String fresh = http.get("/api/v1/batches/" + newBatch + "/codes/0", apiKey).json().get("url").asText();
            assertTrue(fresh.startsWith("HTTPS://NEW.EXAMPLE/V/"), fresh);
        }
    }

    @Test
    void adminCommandsPrintForTheInstallationsUrlAndRefuseWhenNoneIsKnownOrTheyDisagree() throws Exception {
        TouchmarkConfig config = config();
        Batch unaddressed;
        Principal principal;
        try (Database database = Database.open(config, 2);
             Services services = Services.forCommand(config, database, CLOCK, Optional.empty())) {
            principal = new Principal(services.brands().create("Cli Address", "ops@cli-address.example").brand().id(), "cli:test");
            long product = services.products().create(principal, new NewProduct("Serum", null, null, null, List.of("FR"))).id();
            unaddressed = services.batches().create(principal, new NewBatch(product, 5L, null, null, null, "compact"));
            assertNull(unaddressed.publicUrl(), "no URL is known yet: none is guessed");
            ConflictException refused = assertThrows(ConflictException.class, () -> services.batches().codes(
                    services.batches().get(principal.brandId(), unaddressed.id())));
            assertTrue(refused.getMessage().contains("no public URL is known")
                    && refused.getMessage().contains("TOUCHMARK_PUBLIC_URL"), refused.getMessage());
        }
        try (Database database = Database.open(config, 2);
             Services services = Services.forCommand(config, database, CLOCK, Optional.of("https://cli.example"))) {
            Batch batch = services.batches().get(principal.brandId(), unaddressed.id());
            assertTrue(services.batches().codes(batch).url(0).startsWith("HTTPS://CLI.EXAMPLE/V/"));
            assertEquals("https://cli.example", services.batches().get(principal.brandId(), batch.id()).publicUrl(),
                    "the first export records the address on the batch");
        }
        try (App app = App.start(config.withPublicUrl("https://server.example"), CLOCK)) {
            Batch batch = app.services().batches().get(principal.brandId(), unaddressed.id());
            assertTrue(app.services().batches().codes(batch).url(0).startsWith("HTTPS://CLI.EXAMPLE/V/"),
                    "the server reprints the batch for the address it was first printed for");
        }
        try (Database database = Database.open(config, 2);
             Services services = Services.forCommand(config, database, CLOCK, Optional.empty())) {
            long product = services.products().list(principal.brandId(), 10, null).get(0).id();
            Batch later = services.batches().create(principal, new NewBatch(product, 5L, null, null, null, "compact"));
            assertEquals("https://server.example", later.publicUrl(), "the installation's URL, recorded by its server");
        }
        try (Database database = Database.open(config, 2);
             Services services = Services.forCommand(config, database, CLOCK, Optional.of("http://localhost:7070"))) {
            long product = services.products().list(principal.brandId(), 10, null).get(0).id();
            ConflictException refused = assertThrows(ConflictException.class, () -> services.batches().create(principal,
                    new NewBatch(product, 5L, null, null, null, "compact")));
            assertTrue(refused.getMessage().contains("TOUCHMARK_PUBLIC_URL is http://localhost:7070 but this installation's"
                    + " labels point at https://server.example"), refused.getMessage());
        }
    }

    private static long batch(Http http, String apiKey) {
        Http.Response product = http.post("/api/v1/products", apiKey, Http.json("name", "Serum", "markets", List.of("FR")));
        Http.Response batch = http.post("/api/v1/batches", apiKey, Http.json("productId",
                product.json().get("id").asLong(), "quantity", 3, "profile", "compact"));
        assertEquals(201, batch.status(), batch.text());
        return batch.json().get("id").asLong();
    }
}
