package dev.touchmark.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/** README screenshots: browser tests save pages as PNGs when run with -Dscreenshots=DIR, and do nothing otherwise. */
public final class Screenshots {
    private Screenshots() {
    }

    /** Saves DIR/NAME.png when -Dscreenshots=DIR asks for it. */
    public static void save(WebDriver driver, String name) throws IOException {
        String dir = System.getProperty("screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path folder = Files.createDirectories(Path.of(dir));
        Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
