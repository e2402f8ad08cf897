package dev.touchmark.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

/** A keyboard-only user: keys go to whatever has the focus, and the focus moves with Tab and Shift+Tab only. */
final class Keyboard {
    private static final int MOST_TABS = 60;

    private Keyboard() {
    }

    /** Types text or presses keys into the focused element. */
    static void press(WebDriver driver, CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Presses Tab until the selector's element has the focus; every element on the way must show its focus. */
    static void tabTo(WebDriver driver, String selector) {
        move(driver, selector, false);
    }

    /** The same with Shift+Tab, backwards. */
    static void shiftTabTo(WebDriver driver, String selector) {
        move(driver, selector, true);
    }

    static boolean focused(WebDriver driver, String selector) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "return !!document.activeElement && document.activeElement.matches(arguments[0]);", selector));
    }

    private static void move(WebDriver driver, String selector, boolean backwards) {
        List<String> path = new ArrayList<>();
        for (int i = 0; i < MOST_TABS; i++) {
            if (backwards) {
                new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            } else {
                press(driver, Keys.TAB);
            }
            PageChecks.Focus focus = PageChecks.focus(driver);
            path.add(focus.element());
            // Between the last element and the first the focus may rest on the document itself for one press.
            if (!"body".equals(focus.element())) {
                assertTrue(focus.visible(), "no visible focus indicator on " + focus + "; the keyboard went " + path);
            }
            if (focused(driver, selector)) {
                return;
            }
        }
        fail("the keyboard never reached " + selector + "; it went " + path);
    }
}
