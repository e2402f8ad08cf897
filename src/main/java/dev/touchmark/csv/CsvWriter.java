package dev.touchmark.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * CSV as RFC 4180 says (comma, CRLF, fields quoted when they hold a comma, quote or line break, quotes doubled), in
 * UTF-8, written row by row as it goes: a writer holds one buffer, however many rows pass through it. Text that a
 * spreadsheet would run as a formula gets a leading apostrophe ({@link #cell}). Writes that fail throw
 * {@link UncheckedIOException}, so rows can be written from a callback.
 */
public final class CsvWriter implements AutoCloseable {
    private static final int BUFFER_CHARS = 32 * 1024;
    /** A plain decimal number, which no spreadsheet runs as a formula even when it starts with + or -. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private final Writer out;
    private boolean rowStarted;

    /** A writer onto a stream, which it closes when closed. */
    public CsvWriter(OutputStream out) {
        this(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /** A writer onto characters (tests, and callers that build a whole file in memory). */
    public CsvWriter(Writer out) {
        this.out = new BufferedWriter(out, BUFFER_CHARS);
    }

    /** A whole row of text fields (a header, say). */
    public CsvWriter row(String... cells) {
        for (String cell : cells) {
            text(cell);
        }
        return endRow();
    }

    /** A text field, protected against formulas; null is an empty field. */
    public CsvWriter text(String value) {
        return raw(value == null ? "" : cell(value));
    }

    /** A whole number; null is an empty field. */
    public CsvWriter number(Long value) {
        return raw(value == null ? "" : Long.toString(value));
    }

    /** A decimal number; null is an empty field. */
    public CsvWriter decimal(Double value) {
        return raw(value == null ? "" : Double.toString(value));
    }

    /** A moment as ISO-8601 in UTC ("2026-05-01T08:30:00.123Z"); null is an empty field. */
    public CsvWriter time(OffsetDateTime value) {
        return raw(value == null ? "" : DateTimeFormatter.ISO_INSTANT.format(value.toInstant()));
    }

    /** Ends the current row. */
    public CsvWriter endRow() {
        write("\r\n");
        rowStarted = false;
        return this;
    }

    /** Sends what is buffered. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CsvWriter raw(String field) {
        if (rowStarted) {
            write(",");
        }
        write(field);
        rowStarted = true;
        return this;
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One field as it goes into a file: text starting with =, +, -, @, a tab or a carriage return gets a leading
     * apostrophe, so a spreadsheet shows it instead of running it as a formula (shoppers and users write these
     * texts), except plain numbers such as -12.5; then it is quoted when it holds a comma, quote or line break.
     */
    public static String cell(String value) {
        String text = value;
        if (!text.isEmpty() && isFormulaStart(text.charAt(0)) && !NUMBER.matcher(text).matches()) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
