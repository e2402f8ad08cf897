package dev.touchmark.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.i18n.Lang;
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
    MARKETS(Kind.COUNTRIES),
    VERDICT(Kind.VERDICT),
    REASON(Kind.REASON),
    HOUR(Kind.TEXT),
    SELLER(Kind.TEXT),
    PLACE(Kind.TEXT),
    COMMENT(Kind.TEXT);

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
                boolean zh = lang == Lang.ZH;
                if (d.toHours() >= 1) {
                    return d.toHours() + (zh ? " 小时 " : " h ") + d.toMinutesPart() + (zh ? " 分钟" : " min");
                }
                return Math.max(0, d.toMinutes()) + (zh ? " 分钟" : " min");
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
                return lang.countryName(iso).map(name -> lang == Lang.ZH ? name + "（" + iso + "）" : name + " (" + iso + ")")
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
                return String.join(lang == Lang.ZH ? "、" : ", ", (List<String>) value);
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
                return named((String) value, lang, VERDICTS_ZH);
            }
        },
        /** Why a code is not genuine: "bad signature" or "签名不匹配". */
        REASON {
            @Override
            String format(Object value, Lang lang) {
                return named((String) value, lang, REASONS_ZH);
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

        private static String named(String id, Lang lang, Map<String, String> zh) {
            String name = lang == Lang.ZH ? zh.get(id) : null;
            return name != null ? name : id.replace('_', ' ');
        }
    }

    /** Verdicts in the words of the Chinese verdict page. */
    private static final Map<String, String> VERDICTS_ZH = Map.of("genuine", "正品", "seen_before", "已被验证过",
            "suspect", "可疑", "recalled", "已召回", "not_released", "尚未发布", "voided", "已作废", "not_genuine", "非正品");
    /** Reasons a code is not genuine, as the dashboard's code lookup words them. */
    private static final Map<String, String> REASONS_ZH = Map.of("malformed", "无法识别", "unknown_key", "密钥未知",
            "revoked_key", "密钥已吊销", "bad_signature", "签名不匹配", "unknown_batch", "批次不存在",
            "index_out_of_range", "序号超出批次范围", "details_mismatch", "印刷信息与批次不符");
}
