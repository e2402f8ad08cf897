package dev.touchmark.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.label.QrEncoder;
import dev.touchmark.testsupport.ScanFixtures;
import dev.touchmark.testsupport.TestDatabases;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The in-browser scanner in real headless Chromium, with Chromium's fake camera playing a Y4M video of a
 * printed label: our own code opens its verdict page; a code leading elsewhere is refused with a warning.
 * Under CI=true a missing browser fails the test; elsewhere the test is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScannerBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int VIDEO_WIDTH = 640;
    private static final int VIDEO_HEIGHT = 480;
    private static final Duration DECODE_WAIT = Duration.ofSeconds(30);
    private App app;
    private String base;
    private Path work;

    @BeforeAll
    void start() throws Exception {
        requireBrowser();
        work = Files.createTempDirectory("touchmark-browser-");
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3 && app == null; attempt++) {
            int port = freePort();
            base = "http://127.0.0.1:" + port;
            try {
                // The public URL is this server's own address, so the QR's URL is one the browser can open.
                app = App.start(TestDatabases.h2(work.resolve("db" + attempt)).withPort(port).withPublicUrl(base),
                        Clock.systemUTC());
            } catch (RuntimeException e) {
                last = e; // the port was taken in between: try another
            }
        }
        if (app == null) {
            throw last;
        }
    }

    @AfterAll
    void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Timeout(60)
    void scanningOurOwnLabelOpensItsGenuineVerdict() throws Exception {
        BatchCodes codes = ScanFixtures.releasedCodes(app, "compact");
        String url = codes.url(0);
        assertTrue(url.startsWith(base.toUpperCase()), url);
        WebDriver driver = chrome(video(url, "own"));
        try {
            driver.get(base + "/scan?lang=en");
            clickStart(driver);
            new WebDriverWait(driver, DECODE_WAIT).until(d -> d.getCurrentUrl().contains("/V/"));
            WebElement h1 = new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
            assertEquals("Genuine product", h1.getText());
            URI landed = URI.create(driver.getCurrentUrl());
            assertEquals(URI.create(url).getRawPath(), landed.getRawPath(), "the verdict page of that code");
            assertEquals("lang=en", landed.getRawQuery(), "the chosen language is carried over");
        } finally {
            quit(driver, "own-code");
        }
    }

    @Test
    @Timeout(60)
    void aLabelLeadingToAnotherWebsiteIsShownAsAWarningAndNotOpened() throws Exception {
        String evil = "https://evil.example/V/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFG";
        WebDriver driver = chrome(video(evil, "foreign"));
        try {
            driver.get(base + "/scan");
            clickStart(driver);
            WebElement warning = new WebDriverWait(driver, DECODE_WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("foreign")));
            assertTrue(warning.getText().contains("This code leads to another website, not to 127.0.0.1:"),
                    warning.getText());
            assertEquals(evil, driver.findElement(By.id("foreign-url")).getText());
            assertTrue(driver.findElements(By.cssSelector("a[href*='evil']")).isEmpty(), "no link to it");
            Thread.sleep(500); // nothing navigates later either
            assertEquals(base + "/scan", driver.getCurrentUrl());
            assertTrue(driver.findElement(By.id("again")).isDisplayed(), "the shopper can scan again");
            assertTrue(driver.findElement(By.id("start")).getAttribute("hidden") != null);
        } finally {
            quit(driver, "foreign-code");
        }
    }

    private static void requireBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "headless browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian packages chromium and chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + "; CI=true requires them");
        }
        Assumptions.abort(message);
    }

    private static void clickStart(WebDriver driver) {
        WebElement start = new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.elementToBeClickable(By.id("start")));
        start.click();
    }

    /** Headless Chromium whose camera plays the given Y4M file, with a fresh profile. */
    private WebDriver chrome(Path video) throws IOException {
        Path profile = Files.createTempDirectory(work, "profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=412,915", "--user-data-dir=" + profile,
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + video);
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }

    /** Keeps a screenshot in target/browser/ and prints the browser console (for diagnosis), then always quits. */
    private static void quit(WebDriver driver, String name) {
        try {
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Path dir = Files.createDirectories(Path.of("target", "browser"));
            Files.write(dir.resolve(name + ".png"), png);
        } catch (IOException | RuntimeException e) {
            System.out.println("[browser] no screenshot: " + e);
        }
        try {
            driver.manage().logs().get(LogType.BROWSER).getAll()
                    .forEach(entry -> System.out.println("[browser] " + entry.getLevel() + " " + entry.getMessage()));
        } catch (RuntimeException e) {
            System.out.println("[browser] console not available: " + e);
        } finally {
            driver.quit();
        }
    }

    /**
     * A Y4M video (YUV4MPEG2, 4:2:0, full-range "jpeg" chroma siting) of a PNG label of the text, drawn large
     * with its quiet zone in the middle of a white frame: three identical frames, which Chromium loops.
     */
    private Path video(String text, String name) throws IOException {
        int modules = QrEncoder.encode(text).size() + 2 * QrEncoder.QUIET_ZONE;
        int pixelsPerModule = Math.max(2, Math.min(10, (VIDEO_HEIGHT - 80) / modules));
        BufferedImage label = ImageIO.read(new ByteArrayInputStream(ScanFixtures.label(text, pixelsPerModule)));
        BufferedImage frame = new BufferedImage(VIDEO_WIDTH, VIDEO_HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = frame.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, VIDEO_WIDTH, VIDEO_HEIGHT);
            g.drawImage(label, (VIDEO_WIDTH - label.getWidth()) / 2, (VIDEO_HEIGHT - label.getHeight()) / 2, null);
        } finally {
            g.dispose();
        }
        byte[] luma = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
        byte[] chroma = new byte[(VIDEO_WIDTH / 2) * (VIDEO_HEIGHT / 2)];
        Arrays.fill(chroma, (byte) 128);
        Path file = work.resolve(name + ".y4m");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("YUV4MPEG2 W" + VIDEO_WIDTH + " H" + VIDEO_HEIGHT + " F30:1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 3; i++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(luma);
                out.write(chroma);
                out.write(chroma);
            }
        }
        return file;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
