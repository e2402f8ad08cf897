package dev.touchmark.browser;

import dev.touchmark.label.QrEncoder;
import dev.touchmark.testsupport.ScanFixtures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/** What Chromium's fake camera plays: a printed label of a text, and the arguments that make it the camera. */
final class FakeCamera {
    /**
     * A square frame: html5-qrcode decodes the frame scaled to the width it is shown at (about 380 px in a phone-sized
     * window), so the narrower the frame, the larger a module stays. At 640 x 480 a compact URL's QR (version 7) kept
     * about 4 px a module, and in some CI runs the camera ran for a minute without a decode.
     */
    private static final int WIDTH = 480;
    private static final int HEIGHT = 480;
    /** Frames of the video: three turns of the label through its four right angles. */
    private static final int POSES = 12;

    private FakeCamera() {
    }

    /** Chromium arguments: a fake camera, allowed without asking, playing the video file. */
    static String[] arguments(Path video) {
        return new String[] {"--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + video};
    }

    /**
     * Writes a Y4M video (YUV4MPEG2, 4:2:0, full-range "jpeg" chroma siting) of a PNG label of the text, drawn large
     * with its quiet zone in the middle of a white frame, as a hand holds it: {@link #POSES} frames, which Chromium
     * loops, each showing the label turned to one of the four right angles, tilted by up to 3.5 degrees, moved by a
     * few pixels and zoomed by up to 6%.
     *
     * <p>A still frame is not enough: html5-qrcode 2.2.1 decodes with its bundled zxing-js, whose finder-pattern
     * selection (an old port of ZXing's) can take a finder lookalike in the data for a finder. Labels now avoid the
     * masks that leave lookalikes (docs/code-format.md, 4.2), yet a still frame of about 3% of codes still fails at
     * the size this window shows it, because of lookalikes only the resampled pixels make. A real hand never holds
     * a label still, and turning it changes which rows cross which patterns: of 1,000 codes minted by a test server,
     * drawn in these 12 poses and decoded offline with that zxing-js, every code decoded in at least 5 poses. The
     * scanner tries several frames a second and the video loops every 0.4 s, so every pose is tried within seconds.
     */
    static Path labelVideo(String text, Path file) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        for (BufferedImage frame : labelFrames(text)) {
            frames.add(((DataBufferByte) frame.getRaster().getDataBuffer()).getData());
        }
        return write(file, frames);
    }

    /** The frames of {@link #labelVideo} as PNG images, to give the scanner's decoder one at a time. */
    static List<byte[]> labelFramesAsPng(String text) throws IOException {
        List<byte[]> pngs = new ArrayList<>();
        for (BufferedImage frame : labelFrames(text)) {
            var png = new ByteArrayOutputStream();
            ImageIO.write(frame, "png", png);
            pngs.add(png.toByteArray());
        }
        return pngs;
    }

    private static List<BufferedImage> labelFrames(String text) throws IOException {
        int modules = QrEncoder.encode(text).size() + 2 * QrEncoder.QUIET_ZONE;
        int pixelsPerModule = Math.max(2, Math.min(10, (HEIGHT - 24) / modules));
        BufferedImage label = ImageIO.read(new ByteArrayInputStream(ScanFixtures.label(text, pixelsPerModule)));
        List<BufferedImage> frames = new ArrayList<>();
        for (int pose = 0; pose < POSES; pose++) {
            frames.add(frame(label, pose));
        }
        return frames;
    }

    /** Writes a Y4M video of a light grey wall: a camera that sees no code at all. */
    static Path blankVideo(Path file) throws IOException {
        byte[] luma = new byte[WIDTH * HEIGHT];
        Arrays.fill(luma, (byte) 200);
        return write(file, List.of(luma));
    }

    /** Writes the frames (luma planes; no colour) as a Y4M video at 30 frames a second. */
    private static Path write(Path file, List<byte[]> frames) throws IOException {
        byte[] chroma = new byte[(WIDTH / 2) * (HEIGHT / 2)];
        Arrays.fill(chroma, (byte) 128);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F30:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (byte[] luma : frames) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(luma);
                out.write(chroma);
                out.write(chroma);
            }
        }
        return file;
    }

    /** One pose, in grey: the label turned, tilted, moved and zoomed about the frame's centre. */
    private static BufferedImage frame(BufferedImage label, int pose) {
        double t = 2 * Math.PI * pose / POSES;
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = frame.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double centreX = WIDTH / 2.0;
            double centreY = HEIGHT / 2.0;
            g.translate(5 * Math.cos(t), 3 * Math.sin(2 * t));
            g.rotate(Math.toRadians(90 * (pose % 4) + 3.5 * Math.sin(t)), centreX, centreY);
            double zoom = 1 + 0.06 * Math.sin(3 * t + 1);
            g.translate(centreX, centreY);
            g.scale(zoom, zoom);
            g.translate(-centreX, -centreY);
            g.drawImage(label, (WIDTH - label.getWidth()) / 2, (HEIGHT - label.getHeight()) / 2, null);
        } finally {
            g.dispose();
        }
        return frame;
    }
}
