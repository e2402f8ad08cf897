package dev.touchmark.browser;

import dev.touchmark.App;
import dev.touchmark.testsupport.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
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
 * A Touchmark server on a fresh H2 database, whose public URL is its own address, and headless Chromium windows on
 * it, each with its own profile (so its own cookies). Closing it keeps each window's screenshot and console in
 * target/browser/ for diagnosis, then removes its files. Under CI=true a missing browser fails; elsewhere it skips.
 */
final class BrowserHarness implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration DECODE_WAIT = Duration.ofSeconds(30);
    /** How often a wait looks again: often, since most waits are for a page that is nearly there. */
    private static final Duration POLL = Duration.ofMillis(50);
    private final String name;
    private final Path work;
    private final App app;
    private final String base;
    private final Map<String, WebDriver> windows = new LinkedHashMap<>();

    private BrowserHarness(String name, Path work, App app, String base) {
        this.name = name;
        this.work = work;
        this.app = app;
        this.base = base;
    }

    /** Checks for the browser, then starts a server (on another free port if the first is taken meanwhile). */
    static BrowserHarness start(String name) throws IOException {
        requireBrowser();
        Path work = Files.createTempDirectory("touchmark-" + name + "-");
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            String base = "http://127.0.0.1:" + port;
            try {
                App app = App.start(TestDatabases.h2(work.resolve("db" + attempt)).withPort(port).withPublicUrl(base),
                        Clock.systemUTC());
                return new BrowserHarness(name, work, app, base);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    App app() {
        return app;
    }

    /** http://127.0.0.1:PORT, also the public URL that codes are minted for. */
    String base() {
        return base;
    }

    /** A path for a file of this run (removed on close). */
    Path file(String fileName) {
        return work.resolve(fileName);
    }

    /** A desktop-like window of the given size, in English; extra Chromium arguments (such as a fake camera) last. */
    WebDriver chrome(String window, int width, int height, String... arguments) throws IOException {
        ChromeOptions options = options(window, width, height);
        options.addArguments(arguments);
        return open(window, options);
    }

    /** A phone: mobile emulation (touch, device pixel ratio 3, viewport meta honoured) at the given CSS size. */
    WebDriver phone(String window, int width, int height) throws IOException {
        ChromeOptions options = options(window, width, height);
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                Map.of("width", width, "height", height, "pixelRatio", 3.0, "mobile", true, "touch", true)));
        return open(window, options);
    }

    private ChromeOptions options(String window, int width, int height) throws IOException {
        Path profile = Files.createTempDirectory(work, window + "-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profile,
                "--lang=en-US", "--hide-scrollbars");
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return options;
    }

    private WebDriver open(String window, ChromeOptions options) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(30));
        WebDriver previous = windows.put(window, driver);
        if (previous != null) {
            quit(window, previous);
        }
        return driver;
    }

    /** Quits one window now (keeping its screenshot and console), rather than at the end. */
    void quit(WebDriver driver) {
        windows.entrySet().removeIf(entry -> {
            if (entry.getValue() == driver) {
                quit(entry.getKey(), driver);
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() throws IOException {
        new ArrayList<>(windows.values()).forEach(this::quit);
        app.close();
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static WebDriverWait waitFor(WebDriver driver) {
        return new WebDriverWait(driver, WAIT, POLL);
    }

    static WebElement visible(WebDriver driver, By by) {
        return waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    static void type(WebDriver driver, String id, String text) {
        WebElement input = visible(driver, By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /**
     * Waits up to {@link #DECODE_WAIT} for what a label shown to the fake camera leads to ({@link FakeCamera} shows it
     * in 12 poses; a still label of some codes never decoded). If nothing is decoded, fails with the page's address,
     * its status line (the element the selector finds) and the browser's console, so the log says whether the
     * camera, the library or the decoding stalled.
     */
    static <T> T untilDecoded(WebDriver driver, String statusSelector, Function<WebDriver, T> condition) {
        return untilDecoded(driver, statusSelector, condition, DECODE_WAIT);
    }

    private static <T> T untilDecoded(WebDriver driver, String statusSelector, Function<WebDriver, T> condition,
                                      Duration wait) {
        try {
            return new WebDriverWait(driver, wait).until(condition);
        } catch (TimeoutException e) {
            String status = driver.findElements(By.cssSelector(statusSelector)).stream().map(WebElement::getText)
                    .findFirst().orElse("(no status line)");
            String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(entry -> entry.getLevel() + " " + entry.getMessage()).collect(Collectors.joining("; "));
            throw new AssertionError("nothing decoded in " + wait.toSeconds() + " s; page " + driver.getCurrentUrl()
                    + " says \"" + status + "\"; console: [" + console + "]", e);
        }
    }

    static void click(WebDriver driver, String id) {
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
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

    /** Keeps a screenshot in target/browser/ and prints the browser console, then always quits. */
    private void quit(String window, WebDriver driver) {
        try {
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Path dir = Files.createDirectories(Path.of("target", "browser"));
            Files.write(dir.resolve(name + "-" + window + ".png"), png);
        } catch (IOException | RuntimeException e) {
            System.out.println("[browser] no screenshot: " + e);
        }
        try {
            driver.manage().logs().get(LogType.BROWSER).getAll().forEach(entry ->
                    System.out.println("[browser " + window + "] " + entry.getLevel() + " " + entry.getMessage()));
        } catch (RuntimeException e) {
            System.out.println("[browser] console not available: " + e);
        } finally {
            driver.quit();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
