package dev.touchmark.http;

import dev.touchmark.domain.TimeWindow;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.i18n.Lang;
import io.javalin.http.Context;

/** Reads path and query parameters with clear answers for malformed values. */
public final class Params {
    private Params() {
    }

    /** A numeric id from the path; anything else is a 404 for that kind of thing. */
    public static long id(Context ctx, String name, String what) {
        String raw = ctx.pathParam(name);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new NotFoundException("no " + what + " with id '" + truncate(raw) + "'");
    }

    /**
     * The language a reader asks for: ?lang=en|zh (for clients that cannot set headers, such as EventSource), else
     * Accept-Language, else English. A response that depends on it should say {@code Vary: Accept-Language}.
     */
    public static Lang lang(Context ctx) {
        return Lang.fromParam(ctx.queryParam("lang")).orElseGet(() -> Lang.fromAcceptLanguage(ctx.header("Accept-Language")));
    }

    /**
     * The optional days ?from=&to= (YYYY-MM-DD, UTC, both inclusive; either may be left out) that lists and exports
     * are narrowed to.
     */
    public static TimeWindow window(Context ctx) {
        java.time.LocalDate from = day(ctx, "from");
        java.time.LocalDate to = day(ctx, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadRequest("query parameter 'to' must be on or after 'from'");
        }
        return new TimeWindow(from, to);
    }

    private static java.time.LocalDate day(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(raw);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequest("query parameter '" + name + "' must be a day as YYYY-MM-DD");
        }
    }

    /** An optional whole-number query parameter within bounds. */
    public static Long optionalLong(Context ctx, String name, long min, long max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("query parameter '" + name + "' must be a whole number from " + min + " to " + max);
    }

    /** A whole-number query parameter with a default. */
    public static long longOr(Context ctx, String name, long min, long max, long fallback) {
        Long value = optionalLong(ctx, name, min, max);
        return value == null ? fallback : value;
    }

    /** A decimal query parameter with a default. */
    public static double doubleOr(Context ctx, String name, double min, double max, double fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("query parameter '" + name + "' must be a number from " + min + " to " + max);
    }

    static String truncate(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
    }
}
