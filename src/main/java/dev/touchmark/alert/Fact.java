package dev.touchmark.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.i18n.Lang;
import dev.touchmark.i18n.Texts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A value an alert sentence is built from, named as its placeholder in {@link AlertMessage} ({@code {batch}}) and
 * as its key in the stored JSON ("batch"), with how it is written in each language.
 */
enum Fact {
    BATCH(Kind.ID),
    CODE(Kind.ID),
    REPORT(Kind.ID),
    DEVICES(Kind.COUNT),
    THRESHOLD(Kind.COUNT),
    CODES(Kind.COUNT),
    SCANS(Kind.COUNT),
    FACTOR(Kind.COUNT),
    DAYS(Kind.COUNT),
    KM(Kind.ROUNDED),
    KMH(Kind.ROUNDED),
    MINUTES(Kind.DURATION),
    BASELINE(Kind.DECIMAL),
    LAT(Kind.TENTHS),
    LON(Kind.TENTHS),
    COUNTRY(Kind.COUNTRY),
    /** The country a code was scanned in before, for travel between countries. */
    FROM(Kind.COUNTRY),
    MARKETS(Kind.COUNTRIES),
    VERDICT(Kind.VERDICT),
    REASON(Kind.REASON),
    HOUR(Kind.TEXT),
    SELLER(Kind.TEXT),
    PLACE(Kind.TEXT),
    COMMENT(Kind.TEXT),
    MEMBERS(Kind.COUNT),
    HOST(Kind.TEXT),
    WEEK(Kind.TEXT),
    NAMES(Kind.TEXT),
    /** A batch's lot number, as printed on its labels. */
    LOT(Kind.TEXT),
    /** A code's serial, as printed under its QR. */
    SERIAL(Kind.TEXT),
    /** The last index of a run of codes. */
    LAST(Kind.ID),
    /** The serial of the last code of a run, as printed under its QR. */
    LAST_SERIAL(Kind.TEXT),
    /** Further codes of a run's block that came back on a second phone only (neither weeks later nor across a border). */
    FURTHER(Kind.COUNT);

    /** The bundles are immutable; units, list separators and the names of verdicts and reasons are in them. */
    private static final Texts TEXTS = Texts.bundled();

    private final Kind kind;

    Fact(Kind kind) {
        this.kind = kind;
    }

    /** The placeholder name and JSON key: "batch". */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The fact with a key, if any. */
    static Optional<Fact> of(String key) {
        for (Fact fact : values()) {
            if (fact.key().equals(key)) {
                return Optional.of(fact);
            }
        }
        return Optional.empty();
    }

    /** The value in the one Java type this fact keeps (Long, Double, Integer, String or List of String). */
    Object normalize(Object value) {
        return kind.normalize(value);
    }

    /** The value written for a reader of a language. */
    String format(Object value, Lang lang) {
        return kind.format(value, lang);
    }

    /**
     * The value as an argument of a pattern: a count stays a number, so that the pattern can choose a plural and
     * write it with the language's grouping; any other value is written for the language here.
     */
    Object argument(Object value, Lang lang) {
        return kind == Kind.COUNT ? value : kind.format(value, lang);
    }

    /** The value read back from stored JSON; empty when the node does not hold this kind of value. */
    Optional<Object> read(JsonNode node) {
        return Optional.ofNullable(kind.read(node));
    }

    /** How a kind of value is kept and written. */
    private enum Kind {
        /** An id, written as it is: "Code 1234 of batch 56". */
        ID {
            @Override
            Object normalize(Object value) {
                return number(value).longValue();
            }

            @Override
            String format(Object value, Lang lang) {
                return Long.toString((Long) value);
            }

            @Override
            Object read(JsonNode node) {
                return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
            }
        },
        /** A whole number, with thousands separators: "1,234". */
        COUNT {
            @Override
            Object normalize(Object value) {
                return number(value).longValue();
            }

            @Override
            String format(Object value, Lang lang) {
                return String.format(lang.locale(), "%,d", (Long) value);
            }

            @Override
            Object read(JsonNode node) {
                return ID.read(node);
            }
        },
        /** A measurement shown rounded to a whole number: 1234.6 km is "1,235". */
        ROUNDED {
            @Override
            Object normalize(Object value) {
                return finite(value);
            }

            @Override
            String format(Object value, Lang lang) {
                return String.format(lang.locale(), "%,d", Math.round((Double) value));
            }

            @Override
            Object read(JsonNode node) {
                return node.isNumber() ? node.doubleValue() : null;
            }
        },
        /** A measurement with one decimal: "2.3". */
        DECIMAL {
            @Override
            Object normalize(Object value) {
                return finite(value);
            }

            @Override
            String format(Object value, Lang lang) {
                return String.format(lang.locale(), "%,.1f", (Double) value);
            }

            @Override
            Object read(JsonNode node) {
                return ROUNDED.read(node);
            }
        },
        /** A time span given in minutes: "2 h 5 min" or "2 小时 5 分钟". */
        DURATION {
            @Override
            Object normalize(Object value) {
                return finite(value);
            }

            @Override
            String format(Object value, Lang lang) {
                Duration d = Duration.ofSeconds(Math.round((Double) value * 60));
                if (d.toHours() >= 1) {
                    return TEXTS.format(lang, "alert.format.hours_minutes", Map.of("hours", Long.toString(d.toHours()),
                            "minutes", Integer.toString(d.toMinutesPart())));
                }
                return TEXTS.format(lang, "alert.format.minutes", Map.of("minutes", Long.toString(Math.max(0, d.toMinutes()))));
            }

            @Override
            Object read(JsonNode node) {
                return ROUNDED.read(node);
            }
        },
        /** A coordinate in tenths of a degree: 457 is "45.7". */
        TENTHS {
            @Override
            Object normalize(Object value) {
                return number(value).intValue();
            }

            @Override
            String format(Object value, Lang lang) {
                return String.format(Locale.ROOT, "%.1f", (Integer) value / 10.0);
            }

            @Override
            Object read(JsonNode node) {
                return node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
            }
        },
        /** An ISO 3166-1 alpha-2 code: "China (CN)" or "中国（CN）"; the code alone when it names no known country. */
        COUNTRY {
            @Override
            String format(Object value, Lang lang) {
                String iso = (String) value;
                return lang.countryName(iso)
                        .map(name -> TEXTS.format(lang, "alert.format.country", Map.of("name", name, "iso", iso)))
                        .orElse(iso);
            }
        },
        /** Country codes, sorted: "BE, FR" or "BE、FR". */
        COUNTRIES {
            @Override
            Object normalize(Object value) {
                List<String> codes = new ArrayList<>();
                for (Object code : (Iterable<?>) value) {
                    codes.add((String) code);
                }
                return List.copyOf(new TreeSet<>(codes));
            }

            @Override
            @SuppressWarnings("unchecked")
            String format(Object value, Lang lang) {
                return String.join(TEXTS.text(lang, "alert.format.list_separator"), (List<String>) value);
            }

            @Override
            Object read(JsonNode node) {
                if (!node.isArray()) {
                    return null;
                }
                List<String> codes = new ArrayList<>();
                for (JsonNode code : node) {
                    if (!code.isTextual()) {
                        return null;
                    }
                    codes.add(code.textValue());
                }
                return List.copyOf(codes);
            }
        },
        /** A verdict id: "not genuine" or "非正品". */
        VERDICT {
            @Override
            String format(Object value, Lang lang) {
                return named((String) value, lang, "alert.verdict.");
            }
        },
        /** Why a code is not genuine: "bad signature" or "签名不匹配". */
        REASON {
            @Override
            String format(Object value, Lang lang) {
                return named((String) value, lang, "alert.not_genuine_reason.");
            }
        },
        /** Text that is shown as it is in every language (a time of day, or what a shopper wrote). */
        TEXT;

        Object normalize(Object value) {
            return (String) value;
        }

        String format(Object value, Lang lang) {
            return (String) value;
        }

        Object read(JsonNode node) {
            return node.isTextual() ? node.textValue() : null;
        }

        private static Number number(Object value) {
            return (Number) value;
        }

        private static Double finite(Object value) {
            double d = number(value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("not a finite number: " + d);
            }
            return d;
        }

        /** The name of an id in a language; an id this version has no name for is written with spaces. */
        private static String named(String id, Lang lang, String prefix) {
            return TEXTS.has(lang, prefix + id) ? TEXTS.text(lang, prefix + id) : id.replace('_', ' ');
        }
    }
}
