package dev.touchmark.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What beyond-axe.js measures in the page, the checks axe-core ({@link Axe}) does not make (the focus indicator,
 * sideways overflow, placeholder contrast), and the colour scheme to emulate.
 */
final class PageChecks {
    private static final String SCRIPT = load();

    private PageChecks() {
    }

    /** Contrast of the placeholders of the page's empty fields. */
    record Placeholders(long checked, List<String> failures) {
    }

    /** The focused element and whether its focus can be seen. */
    record Focus(String element, String text, boolean visible, String detail) {
        @Override
        public String toString() {
            return element + " \"" + text + "\": " + detail;
        }
    }

    /** How wide the page is against its viewport, and the elements that stick out. */
    record Overflow(long scrollWidth, long clientWidth, List<String> wide) {
        boolean scrollsSideways() {
            return scrollWidth > clientWidth + 1;
        }
    }

    static Placeholders placeholders(WebDriver driver) {
        Map<String, Object> r = run(driver, "placeholders");
        return new Placeholders((Long) r.get("checked"), strings(r.get("failures")));
    }

    static Focus focus(WebDriver driver) {
        Map<String, Object> r = run(driver, "focus");
        return new Focus((String) r.get("element"), String.valueOf(r.getOrDefault("text", "")),
                Boolean.TRUE.equals(r.get("visible")), (String) r.get("detail"));
    }

    static Overflow overflow(WebDriver driver) {
        Map<String, Object> r = run(driver, "overflow");
        return new Overflow((Long) r.get("scrollWidth"), (Long) r.get("clientWidth"), strings(r.get("wide")));
    }

    /** Emulates the system's light or dark preference (prefers-color-scheme) and checks the page sees it. */
    static void colourScheme(WebDriver driver, String scheme) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript(
                "return matchMedia('(prefers-color-scheme: ' + arguments[0] + ')').matches;", scheme), scheme);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(WebDriver driver, String mode) {
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(SCRIPT, mode);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }

    private static String load() {
        try (InputStream in = PageChecks.class.getResourceAsStream("beyond-axe.js")) {
            if (in == null) {
                throw new IllegalStateException("beyond-axe.js is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
