package dev.touchmark.access;

/** Draws text as a QR code, an SVG document (the label package's encoder, wired in Services). */
@FunctionalInterface
public interface QrImage {
    /** The SVG document of a QR code holding the text. */
    String svg(String text);
}
