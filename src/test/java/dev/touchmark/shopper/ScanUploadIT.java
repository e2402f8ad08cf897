package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.testsupport.ScanFixtures;
import dev.touchmark.testsupport.TestDatabases;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The scanner page and the photo upload fallback, end to end on an in-process server with H2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanUploadIT {
    private static final String CLIENT_HEADER = "X-Test-Client";
    private static final int UPLOADS_PER_MINUTE = 3;
    private static final int REPORTS_PER_HOUR = 3;
    private static final Pattern LINK_TO_EVIL = Pattern.compile("<a\\b[^>]*href=\"[^\"]*evil", Pattern.CASE_INSENSITIVE);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Each request comes from its own /24, so the upload rate limit only bites where a test wants it to. */
    private final AtomicInteger clients = new AtomicInteger();
    private App app;

    @BeforeAll
    void start() throws Exception {
        ScanSettings settings = new ScanSettings(Optional.empty(), Optional.of(CLIENT_HEADER), 730, 0,
                UPLOADS_PER_MINUTE, REPORTS_PER_HOUR, 4);
        app = App.start(TestDatabases.h2(Files.createTempDirectory("touchmark-scan-h2-")).withScans(settings),
                Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aPhotoOfOurOwnCodeGoesToItsVerdictPage() throws Exception {
        BatchCodes codes = ScanFixtures.releasedCodes(app, "compact");
        String url = codes.url(1);
        HttpResponse<String> response = upload("/scan/upload", "label.png", "image/png", ScanFixtures.label(url, 4),
                "en", nextClient());
        assertEquals(303, response.statusCode(), response.body());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertEquals(url.substring("HTTPS://TM.EXAMPLE".length()), location);
        HttpResponse<String> verdict = get(location, "en");
        assertEquals(200, verdict.statusCode());
        assertTrue(verdict.body().contains("<h1>Genuine product</h1>"), verdict.body());
    }

    @Test
    void aGs1CodeKeepsItsQueryAndAnExplicitLanguageIsCarriedToTheVerdict() throws Exception {
        BatchCodes codes = ScanFixtures.releasedCodes(app, "gs1");
        String url = codes.url(2);
        HttpResponse<String> response = upload("/scan/upload?lang=zh", "label.png", "image/png",
                ScanFixtures.label(url, 3), "en", nextClient());
        assertEquals(303, response.statusCode(), response.body());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertEquals(url.substring("https://tm.example".length()) + "&lang=zh", location);
        HttpResponse<String> verdict = get(location, "en");
        assertTrue(verdict.body().contains("<html lang=\"zh-CN\""));
        assertTrue(verdict.body().contains("<h1>正品</h1>"), verdict.body());
    }

    @Test
    void aCodeLeadingToAnotherWebsiteGetsAWarningAndNoLinkInBothLanguages() throws Exception {
        String evil = "https://evil.example/V/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        byte[] png = ScanFixtures.label(evil, 4);
        HttpResponse<String> en = upload("/scan/upload", "label.png", "image/png", png, "en-GB,en;q=0.9", nextClient());
        assertEquals(200, en.statusCode());
        assertTrue(en.body().contains("This code leads to another website, not to tm.example."), en.body());
        assertTrue(en.body().contains("Counterfeiters print codes that lead to fake &#39;genuine&#39; pages."));
        assertTrue(en.body().contains(">" + evil + "</code>"), "the address is shown as text");
        assertFalse(LINK_TO_EVIL.matcher(en.body()).find(), "never a link to the foreign address");
        assertEquals("no-store", en.headers().firstValue("Cache-Control").orElse(null));

        HttpResponse<String> zh = upload("/scan/upload", "label.png", "image/png", png, "zh-CN,zh;q=0.9", nextClient());
        assertEquals(200, zh.statusCode());
        assertTrue(zh.body().contains("<html lang=\"zh-CN\""));
        assertTrue(zh.body().contains("此码指向其他网站，而不是 tm.example。"), zh.body());
        assertFalse(LINK_TO_EVIL.matcher(zh.body()).find());
    }

    @Test
    void anOwnHostOnAnotherPortOrSchemeIsForeignAndTextIsNotATouchmarkCode() throws Exception {
        HttpResponse<String> port = upload("/scan/upload", "a.png", "image/png",
                ScanFixtures.label("https://tm.example:8443/V/ABC", 4), "en", nextClient());
        assertEquals(200, port.statusCode());
        assertTrue(port.body().contains("leads to another website"), port.body());
        HttpResponse<String> text = upload("/scan/upload?lang=en", "a.png", "image/png",
                ScanFixtures.label("WIFI:S:Shop;T:WPA;P:secret;;", 4), "zh-CN", nextClient());
        assertEquals(200, text.statusCode());
        assertTrue(text.body().contains("This is not a Touchmark code"), text.body());
        assertTrue(text.body().contains("WIFI:S:Shop;T:WPA;P:secret;;"));
        HttpResponse<String> script = upload("/scan/upload", "a.png", "image/png",
                ScanFixtures.label("<script>alert(1)</script>", 4), "en", nextClient());
        assertFalse(script.body().contains("<script>alert"), "decoded text is escaped");
    }

    @Test
    void aFileThatIsNotAnImageIsA400PageInBothLanguages() throws Exception {
        byte[] random = new byte[5000];
        new Random(7).nextBytes(random);
        HttpResponse<String> en = upload("/scan/upload", "photo.jpg", "image/jpeg", random, "en", nextClient());
        assertEquals(400, en.statusCode());
        assertTrue(en.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(en.body().contains("This file is not a photo we can read"), en.body());
        HttpResponse<String> zh = upload("/scan/upload", "notes.txt", "text/plain",
                "hello".getBytes(StandardCharsets.UTF_8), "zh", nextClient());
        assertEquals(400, zh.statusCode());
        assertTrue(zh.body().contains("无法读取此文件"), zh.body());
    }

    @Test
    void aPhotoWithoutAQrCodeGetsAReadablePageInBothLanguages() throws Exception {
        BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, Color.ORANGE, 800, 600, Color.BLUE));
        g.fillRect(0, 0, 800, 600);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", jpeg);
        HttpResponse<String> en = upload("/scan/upload", "p.jpg", "image/jpeg", jpeg.toByteArray(), "en", nextClient());
        assertEquals(422, en.statusCode());
        assertTrue(en.body().contains("No QR code found in the photo"), en.body());
        assertTrue(en.body().contains("href=\"/scan\""), "offers another try");
        HttpResponse<String> zh = upload("/scan/upload?lang=zh", "p.jpg", "image/jpeg", jpeg.toByteArray(), "en",
                nextClient());
        assertEquals(422, zh.statusCode());
        assertTrue(zh.body().contains("照片中未找到二维码"));
        assertTrue(zh.body().contains("href=\"/scan?lang=zh\""));
    }

    @Test
    void anOversizedBodyIsA413Page() throws Exception {
        byte[] big = new byte[(int) ScanController.MAX_PHOTO_BYTES + 200_000];
        HttpResponse<String> en = upload("/scan/upload", "big.jpg", "image/jpeg", big, "en", nextClient());
        assertEquals(413, en.statusCode());
        assertTrue(en.body().contains("This photo is too large"), en.body());
        HttpResponse<String> zh = upload("/scan/upload", "big.jpg", "image/jpeg", big, "zh-CN", nextClient());
        assertEquals(413, zh.statusCode());
        assertTrue(zh.body().contains("照片太大"));

        // Without a Content-Length (chunked), Jetty's multipart limits stop the body.
        String boundary = "chunky";
        ByteArrayOutputStream body = new ByteArrayOutputStream(big.length + 300);
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"big.jpg\""
                + "\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(big);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest chunked = HttpRequest.newBuilder(uri("/scan/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header(CLIENT_HEADER, nextClient())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body.toByteArray())))
                .build();
        HttpResponse<String> response = client.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("This photo is too large"));
    }

    @Test
    void aSmallFileDeclaringTooManyPixelsIsRefusedBeforeDecoding() throws Exception {
        HttpResponse<String> bomb = upload("/scan/upload", "bomb.png", "image/png", pngHeader(20_000, 20_000), "en",
                nextClient());
        assertEquals(413, bomb.statusCode());
        assertTrue(bomb.body().contains("This photo is too large"));
    }

    @Test
    void requestsWithoutAPhotoAre400() throws Exception {
        HttpRequest form = HttpRequest.newBuilder(uri("/scan/upload"))
                .header("Content-Type", "application/x-www-form-urlencoded").header(CLIENT_HEADER, nextClient())
                .POST(HttpRequest.BodyPublishers.ofString("photo=x")).build();
        HttpResponse<String> response = client.send(form, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("No photo was sent"));
        HttpResponse<String> empty = upload("/scan/upload", "", "application/octet-stream", new byte[0], "en",
                nextClient());
        assertEquals(400, empty.statusCode());
        HttpRequest garbage = HttpRequest.newBuilder(uri("/scan/upload"))
                .header("Content-Type", "multipart/form-data; boundary=xyz").header(CLIENT_HEADER, nextClient())
                .POST(HttpRequest.BodyPublishers.ofString("not multipart at all")).build();
        HttpResponse<String> broken = client.send(garbage, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, broken.statusCode(), broken.body());
        assertTrue(broken.body().contains("<html"));
    }

    @Test
    void uploadsAreRateLimitedPerClientWithRetryAfter() throws Exception {
        String clientIp = nextClient();
        byte[] png = ScanFixtures.label("HELLO", 4);
        for (int i = 0; i < UPLOADS_PER_MINUTE; i++) {
            assertEquals(200, upload("/scan/upload", "a.png", "image/png", png, "en", clientIp).statusCode());
        }
        HttpResponse<String> limited = upload("/scan/upload", "a.png", "image/png", png, "en", clientIp);
        assertEquals(429, limited.statusCode());
        assertNotNull(limited.headers().firstValue("Retry-After").orElse(null));
        assertTrue(limited.body().contains("Too many photos"), limited.body());
        assertEquals(200, upload("/scan/upload", "a.png", "image/png", png, "en", nextClient()).statusCode(),
                "another client is not affected");
    }

    @Test
    void reportsAreRateLimitedButRefusedOnesCostNothingAndTheTextIsKept() throws Exception {
        BatchCodes codes = ScanFixtures.releasedCodes(app, "compact");
        HttpRequest verify = HttpRequest.newBuilder(uri("/api/v1/verify")).header("Content-Type", "application/json")
                .header(CLIENT_HEADER, nextClient())
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + codes.url(5) + "\"}")).build();
        String body = client.send(verify, HttpResponse.BodyHandlers.ofString()).body();
        String scanId = body.replaceAll("(?s).*\"scanId\":\"([0-9]+)\".*", "$1");
        assertTrue(scanId.matches("[0-9]+"), body);
        String clientIp = nextClient();
        for (int i = 0; i < REPORTS_PER_HOUR + 2; i++) {
            assertEquals(400, report("scanId=" + scanId + "&place=&seller=", "en", clientIp).statusCode(),
                    "an empty report is refused before the limit is counted");
        }
        assertEquals(404, report("scanId=not-a-number&seller=x", "en", clientIp).statusCode());
        for (int i = 0; i < REPORTS_PER_HOUR; i++) {
            assertEquals(200, report("scanId=" + scanId + "&seller=Stall+" + i, "en", clientIp).statusCode());
        }
        HttpResponse<String> limited = report("scanId=" + scanId + "&seller=Stall+9&comment=kept+%E4%B8%8A%E6%B5%B7",
                "zh-CN", clientIp);
        assertEquals(429, limited.statusCode(), limited.body());
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 60, "one report back every 20 minutes: " + retryAfter);
        assertTrue(limited.body().contains("请约 " + ((retryAfter + 59) / 60) + " 分钟后再提交此报告"), limited.body());
        assertTrue(limited.body().contains("value=\"Stall 9\"") && limited.body().contains(">\nkept 上海</textarea>"),
                limited.body());
        assertEquals(200, report("scanId=" + scanId + "&seller=Other", "en", nextClient()).statusCode(),
                "another client is not affected");
    }

    private HttpResponse<String> report(String form, String language, String clientIp) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/report"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", language)
                .header(CLIENT_HEADER, clientIp).POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void theScannerPageSpeaksBothLanguagesAndIsSmall() throws Exception {
        HttpResponse<String> en = get("/scan", "en-US,en;q=0.8");
        assertEquals(200, en.statusCode());
        String page = en.body();
        assertTrue(page.contains("<html lang=\"en\""));
        assertTrue(page.contains(">Start camera</button>"));
        assertTrue(page.contains("data-origin=\"https://tm.example\""));
        assertTrue(page.contains("<form method=\"post\" action=\"/scan/upload\" enctype=\"multipart/form-data\">"));
        assertTrue(page.contains("type=\"file\" accept=\"image/*\" capture=\"environment\""));
        assertTrue(page.contains("<label for=\"photo\">"), "the file input has a label");
        assertTrue(page.contains("src=\"" + ScanPage.LIBRARY_PATH + "\""));
        assertTrue(page.contains("<script type=\"module\" src=\"/assets/scan.js\">"));
        assertTrue(en.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));

        HttpResponse<String> zh = get("/scan", "zh-CN,zh;q=0.9,en;q=0.5");
        assertTrue(zh.body().contains("<html lang=\"zh-CN\""));
        assertTrue(zh.body().contains(">打开摄像头</button>"));
        assertTrue(zh.body().contains("href=\"/scan?lang=en\""), "language switch");
        HttpResponse<String> forced = get("/scan?lang=zh", "en");
        assertTrue(forced.body().contains("action=\"/scan/upload?lang=zh\""));
        assertTrue(forced.body().contains("data-lang=\"zh\""));

        HttpResponse<String> js = get("/assets/scan.js", "en");
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").contains("javascript"));
        HttpResponse<String> css = get("/assets/scan.css", "en");
        assertEquals(200, css.statusCode());
        long ours = page.getBytes(StandardCharsets.UTF_8).length + js.body().getBytes(StandardCharsets.UTF_8).length
                + css.body().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(ours < 50_000, "our HTML, CSS and JS: " + ours + " bytes");

        // The site's icon, named by the page and at the path browsers ask for by themselves.
        assertTrue(page.contains("<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"));
        for (String icon : new String[] {"/assets/favicon.svg", "/favicon.ico"}) {
            HttpResponse<String> answer = get(icon, "en");
            assertEquals(200, answer.statusCode(), icon);
            assertEquals("image/svg+xml", answer.headers().firstValue("Content-Type").orElse(""), icon);
            assertTrue(answer.body().startsWith("<svg "), icon);
        }

        HttpResponse<String> library = get(ScanPage.LIBRARY_PATH, "en");
        assertEquals(200, library.statusCode());
        assertTrue(library.body().contains("Html5Qrcode"));

        HttpResponse<String> reload = get("/scan/upload?lang=zh", "en");
        assertEquals(303, reload.statusCode());
        assertEquals("/scan?lang=zh", reload.headers().firstValue("Location").orElse(null));
    }

    private String nextClient() {
        int n = clients.incrementAndGet();
        return "10." + (n / 250) + "." + (n % 250) + ".7";
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private HttpResponse<String> get(String path, String language) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Accept-Language", language)
                .header(CLIENT_HEADER, nextClient()).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A multipart/form-data POST with one file field "photo", as a browser's form sends it. */
    private HttpResponse<String> upload(String path, String filename, String type, byte[] content, String language,
                                        String clientIp) throws Exception {
        String boundary = "----touchmark" + Long.toHexString(new Random().nextLong());
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept-Language", language).header(CLIENT_HEADER, clientIp)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The signature and header chunk of a PNG claiming a size, with one tiny (invalid) data chunk. */
    private static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit greyscale, deflate, no filter, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00});
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
