package dev.touchmark.testsupport;

import dev.touchmark.testsupport.ServerProcess.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A brand made the way an operator makes one for a separately running server: `touchmark brand create` on the same
 * database, then products and batches through the API with the brand's key. Nothing in-process, so it works whatever
 * the server's internals are.
 */
public final class BrandOnServer {
    private static final Pattern API_KEY = Pattern.compile("API key \\(shown once, keep it secret\\): (\\S+)");
    private final String apiKey;
    private final Http http;
    private long productId;

    private BrandOnServer(String apiKey, Http http) {
        this.apiKey = apiKey;
        this.http = http;
    }

    /** A released batch: its id and the URL of each of its codes, by index. */
    public record Batch(long id, List<String> urls) {
    }

    /**
     * Creates a brand with the packaged jar's command line (same TOUCHMARK_* variables as the servers) and talks to
     * the API of the server at port.
     */
    public static BrandOnServer create(Path jar, Map<String, String> touchmarkEnv, Path workDir, int port) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Run run = ServerProcess.command(jar, touchmarkEnv, workDir, "brand", "create", "--name", "Multi " + suffix,
                "--admin-email", "ops-" + suffix + "@multi.example");
        Matcher key = API_KEY.matcher(run.out());
        if (run.exit() != 0 || !key.find()) {
            throw new IllegalStateException("touchmark brand create failed (exit " + run.exit() + "): " + run.out() + run.err());
        }
        return new BrandOnServer(key.group(1), new Http(port));
    }

    public String apiKey() {
        return apiKey;
    }

    public Http http() {
        return http;
    }

    /** A new batch of the brand's product, released, with the URLs of its codes (labels as CSV). */
    public Batch releasedBatch(long quantity) {
        if (productId == 0) {
            Http.Response product = expect(201, http.post("/api/v1/products", apiKey,
                    Http.json("name", "Serum", "gtin", "4006381333931", "markets", List.of("FR", "DE"))), "create a product");
            productId = product.json().get("id").asLong();
        }
        Http.Response batch = expect(201, http.post("/api/v1/batches", apiKey, Http.json("productId", productId,
                "quantity", quantity, "lot", "L-" + UUID.randomUUID().toString().substring(0, 6), "expiry", "2030-11-30",
                "profile", "compact")), "create a batch");
        long id = batch.json().get("id").asLong();
        expect(200, http.post("/api/v1/batches/" + id + "/release", apiKey, null), "release batch " + id);
        Http.Response csv = expect(200, http.get("/api/v1/batches/" + id + "/labels?format=csv", apiKey), "labels of batch " + id);
        List<String> urls = new ArrayList<>();
        for (String line : csv.text().split("\r\n")) {
            if (line.isEmpty() || line.startsWith("index,")) {
                continue;
            }
            String url = line.substring(line.lastIndexOf(',') + 1);
            urls.add(url.startsWith("\"") ? url.substring(1, url.length() - 1) : url);
        }
        if (urls.size() != quantity) {
            throw new IllegalStateException("batch " + id + " has " + quantity + " codes but its CSV listed " + urls.size());
        }
        return new Batch(id, urls);
    }

    private static Http.Response expect(int status, Http.Response response, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + ": expected HTTP " + status + ", got " + response.status() + ": " + response.text());
        }
        return response;
    }
}
