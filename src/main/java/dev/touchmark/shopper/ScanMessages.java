package dev.touchmark.shopper;

import dev.touchmark.i18n.TextKey;
import java.util.Locale;

/**
 * The keys of the texts of the in-browser scanner and of the photo upload; the texts are in
 * i18n/messages_*.properties under "scan.". Like {@link Messages}: arguments are plain text, escaped by the page.
 */
public enum ScanMessages implements TextKey {
    PAGE_TITLE, INTRO, CAMERA_HEADING, CAMERA_VIEW, START_CAMERA, STOP_CAMERA, SCAN_AGAIN, NOSCRIPT, STATUS_READY,
    STATUS_STARTING, STATUS_SCANNING, STATUS_SLOW, STATUS_OPENING, STATUS_STOPPED, CAMERA_DENIED, CAMERA_MISSING,
    CAMERA_UNSUPPORTED, CAMERA_FAILED,

    FOREIGN_TITLE, FOREIGN_TEXT, FOREIGN_ADDRESS, FOREIGN_ADVICE, NOT_OURS_TITLE, NOT_OURS_TEXT, NOT_OURS_CONTENT,

    UPLOAD_HEADING, UPLOAD_INTRO, UPLOAD_LABEL, UPLOAD_HINT, UPLOAD_SEND, TRY_ANOTHER,

    NO_QR_TITLE, NO_QR_TEXT, NO_FILE_TITLE, NO_FILE_TEXT, NOT_IMAGE_TITLE, NOT_IMAGE_TEXT, TOO_LARGE_TITLE,
    TOO_LARGE_TEXT, TOO_MANY_TITLE, TOO_MANY_TEXT, BUSY_TITLE, BUSY_TEXT,
    TOO_SLOW_TITLE, TOO_SLOW_TEXT;

    private final String key = "scan." + name().toLowerCase(Locale.ROOT);

    @Override
    public String key() {
        return key;
    }
}
