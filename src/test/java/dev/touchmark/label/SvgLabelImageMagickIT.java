package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.touchmark.testsupport.QrDecoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * SVG labels drawn by ImageMagick's own SVG renderer (MSVG), which a print shop's conversion script may well use:
 * every QR must still scan. Without ImageMagick the test is skipped, except under CI=true, where it fails
 * (.ci/run installs it).
 */
class SvgLabelImageMagickIT {
    private static final int CODES = 20;

    @Test
    void everyLabelRenderedByImageMagicksOwnSvgRendererScansBackToItsUrl() throws Exception {
        Path magick = imageMagick();
        Path dir = Files.createTempDirectory("touchmark-svg-magick-");
        List<String> unreadable = new ArrayList<>();
        for (int index = 0; index < CODES; index++) {
            LabelCode code = TestLabels.source().code(index);
            Path svg = dir.resolve("label-" + index + ".svg");
            Path png = dir.resolve("label-" + index + ".png");
            Files.writeString(svg, SvgLabel.toSvg(code), StandardCharsets.UTF_8);
            render(magick, svg, png);
            try {
                assertEquals(code.url(), QrDecoding.decodePng(Files.readAllBytes(png)));
            } catch (AssertionError e) {
                unreadable.add(index + ": " + e.getMessage());
            }
        }
        assertTrue(unreadable.isEmpty(), unreadable.size() + " of " + CODES + " labels unreadable after MSVG: " + unreadable);
    }

    /** "msvg:" makes ImageMagick use its internal renderer rather than a delegate such as librsvg. */
    private static void render(Path magick, Path svg, Path png) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(magick.toString(), "-density", "300", "msvg:" + svg, "png:" + png)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.exists(png)) {
            fail("ImageMagick could not render " + svg + ": " + output);
        }
    }

    /** ImageMagick 7's magick, or 6's convert; only a real ImageMagick counts, not a stand-in of that name. */
    private static Path imageMagick() throws Exception {
        List<Path> candidates = Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isEmpty())
                .flatMap(dir -> Stream.of(Path.of(dir, "magick"), Path.of(dir, "convert")))
                .filter(Files::isExecutable).toList();
        for (Path candidate : candidates) {
            Process version = new ProcessBuilder(candidate.toString(), "-version").redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0 && text.startsWith("Version: ImageMagick")) {
                return candidate;
            }
        }
        String message = "ImageMagick is not installed (apt-get install -y imagemagick); the SVG label rendering test needs it";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true requires it; .ci/run installs it)");
        }
        return Assumptions.abort(message);
    }
}
