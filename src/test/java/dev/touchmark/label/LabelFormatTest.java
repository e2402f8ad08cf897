package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelFormatTest {

    @Test
    void lowercaseNamesParseToTheirFormat() {
        assertEquals(LabelFormat.CSV, LabelFormat.parse("csv"));
        assertEquals(LabelFormat.PDF, LabelFormat.parse("pdf"));
        assertEquals(LabelFormat.ZIP, LabelFormat.parse("zip"));
        assertEquals(LabelFormat.ZPL, LabelFormat.parse("zpl"));
    }

    @Test
    void eachFormatHasItsContentTypeAndExtension() {
        assertEquals("application/pdf", LabelFormat.PDF.contentType());
        assertEquals("text/csv; charset=utf-8", LabelFormat.CSV.contentType());
        assertEquals("application/zip", LabelFormat.ZIP.contentType());
        for (LabelFormat format : LabelFormat.values()) {
            assertEquals(format.name().toLowerCase(java.util.Locale.ROOT), format.fileExtension());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "png", "svg", "PDF", " csv", "pdf "})
    void anythingElseIsRejectedWithTheListOfFormats(String name) {
        var e = assertThrows(IllegalArgumentException.class, () -> LabelFormat.parse(name));
        assertEquals("format must be one of csv, pdf, zip, zpl", e.getMessage());
    }

    @Test
    void nullIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> LabelFormat.parse(null));
    }
}
