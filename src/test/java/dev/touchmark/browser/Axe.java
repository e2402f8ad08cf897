package dev.touchmark.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** axe-core run in the current page: the WCAG 2.0, 2.1 and 2.2 rules of levels A and AA, or one rule alone. */
final class Axe {
    /** axe's tags for the success criteria of WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
    static final List<String> WCAG_A_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final String SOURCE = load();
    // A full run takes a few seconds on a busy two-core machine; Selenium's default of 30 s leaves too little margin.
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            const runOnly = arguments[0] ? { type: 'tag', values: arguments[0] } : { type: 'rule', values: [arguments[1]] };
            const lines = (groups) => groups.flatMap((rule) => rule.nodes.map((node) => rule.id + ' (' + rule.impact + '): '
                + rule.help + ' at ' + node.target.join(' ') + ': ' + String(node.failureSummary || '').replace(/\\s+/g, ' ')));
            axe.run(document, { runOnly }).then((r) => done({
              version: axe.version,
              violations: lines(r.violations),
              incomplete: lines(r.incomplete),
              contrastChecked: [...r.passes, ...r.violations, ...r.incomplete].filter((rule) => rule.id === 'color-contrast')
                .reduce((sum, rule) => sum + rule.nodes.length, 0),
            }), (e) => done({ error: String(e) }));
            """;

    private Axe() {
    }

    /** What axe found: failures, what it could not decide (text over an image, say), and how many texts it measured. */
    record Result(String version, List<String> violations, List<String> incomplete, long contrastChecked) {
    }

    /** Runs every WCAG 2 A and AA rule on the page. */
    static Result wcag(WebDriver driver) {
        return run(driver, WCAG_A_AA, null);
    }

    /** Runs one rule (color-contrast under another colour scheme, say). */
    static Result rule(WebDriver driver, String rule) {
        return run(driver, null, rule);
    }

    @SuppressWarnings("unchecked")
    private static Result run(WebDriver driver, List<String> tags, String rule) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            js.executeScript(SOURCE);
        }
        driver.manage().timeouts().scriptTimeout(RUN_TIMEOUT);
        Map<String, Object> r = (Map<String, Object>) js.executeAsyncScript(RUN, tags, rule);
        if (r.containsKey("error")) {
            throw new IllegalStateException("axe failed: " + r.get("error"));
        }
        return new Result((String) r.get("version"), (List<String>) r.get("violations"), (List<String>) r.get("incomplete"),
                (Long) r.get("contrastChecked"));
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is missing from the test class path"
                        + " (test dependency com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
