package dev.touchmark.label;

/** Batch download formats (PNG and SVG are single-code formats and not listed). */
public enum LabelFormat {
    CSV("text/csv; charset=utf-8", "csv"),
    PDF("application/pdf", "pdf"),
    ZIP("application/zip", "zip"),
    ZPL("application/x-zpl; charset=utf-8", "zpl");

    private final String contentType;
    private final String fileExtension;

    LabelFormat(String contentType, String fileExtension) {
        this.contentType = contentType;
        this.fileExtension = fileExtension;
    }

    /** The HTTP Content-Type of a download in this format. */
    public String contentType() {
        return contentType;
    }

    /** File name extension without the dot. */
    public String fileExtension() {
        return fileExtension;
    }

    /**
     * The format named {@code name} in lowercase ("csv", "pdf", "zip", "zpl").
     *
     * @throws IllegalArgumentException for anything else, including null and uppercase names
     */
    public static LabelFormat parse(String name) {
        if (name != null) {
            for (LabelFormat format : values()) {
                if (format.fileExtension.equals(name)) {
                    return format;
                }
            }
        }
        throw new IllegalArgumentException("format must be one of csv, pdf, zip, zpl");
    }
}
