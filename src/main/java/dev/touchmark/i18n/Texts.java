package dev.touchmark.i18n;

import com.ibm.icu.text.MessageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's texts in every {@link Lang}, read once from {@code i18n/messages_en.properties} and
 * {@code i18n/messages_zh.properties} (UTF-8) and written with ICU MessageFormat: {@code {0}} or {@code {batch}}
 * for an argument, {@code {n, plural, one {# second} other {# seconds}}} for a plural. Immutable and thread-safe;
 * a bundle whose languages differ in keys or in the arguments of a key is refused when it is read.
 */
public final class Texts {
    /** The bundles shipped in the jar; they are immutable, so one instance serves every thread. */
    private static final Texts BUNDLED = load("i18n/messages");

    private final Map<Lang, Map<String, Text>> byLang;

    private Texts(Map<Lang, Map<String, Text>> byLang) {
        this.byLang = byLang;
    }

    /** The texts shipped with the server. */
    public static Texts bundled() {
        return BUNDLED;
    }

    /** The texts of {@code <baseName>_<language>.properties} on the class path, e.g. "i18n/messages". */
    static Texts load(String baseName) {
        Map<Lang, Map<String, Text>> byLang = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            String file = fileName(baseName, lang);
            Map<String, Text> texts = new HashMap<>();
            read(file).forEach((key, pattern) -> texts.put((String) key, Text.compile(file, (String) key,
                    (String) pattern, lang)));
            byLang.put(lang, Collections.unmodifiableMap(texts));
        }
        checkParity(baseName, byLang);
        return new Texts(Collections.unmodifiableMap(byLang));
    }

    /** The resource that holds one language: "i18n/messages_zh.properties". */
    public static String fileName(String baseName, Lang lang) {
        return baseName + "_" + lang.locale().getLanguage() + ".properties";
    }

    /** Every key of a language, sorted. */
    public Set<String> keys(Lang lang) {
        return Collections.unmodifiableSet(new TreeSet<>(byLang.get(lang).keySet()));
    }

    /** Whether a language has a text with this key. */
    public boolean has(Lang lang, String key) {
        return byLang.get(Objects.requireNonNull(lang, "lang")).containsKey(key);
    }

    /** The names of a text's arguments: "0", "1" or "batch", "code". */
    public Set<String> argumentNames(Lang lang, String key) {
        return compiled(lang, key).arguments();
    }

    /** The pattern of a text as written in the bundle. */
    public String pattern(Lang lang, String key) {
        return compiled(lang, key).pattern();
    }

    /** A text without arguments (an argument it has is written as its placeholder, "{0}"). */
    public String text(Lang lang, String key) {
        return compiled(lang, key).plain();
    }

    /** A text with {0}, {1}, ... filled with the arguments: numbers in the language's way, others as strings. */
    public String format(Lang lang, String key, Object... args) {
        Text text = compiled(lang, key);
        return args.length == 0 ? text.plain() : text.newFormat().format(args);
    }

    /** A text with named arguments filled, {batch} with the value of "batch". */
    public String format(Lang lang, String key, Map<String, ?> args) {
        Text text = compiled(lang, key);
        return args.isEmpty() ? text.plain() : text.newFormat().format(args);
    }

    private Text compiled(Lang lang, String key) {
        Text text = byLang.get(Objects.requireNonNull(lang, "lang")).get(key);
        if (text == null) {
            throw new IllegalArgumentException("no text " + key + " in " + lang);
        }
        return text;
    }

    private static Properties read(String resource) {
        InputStream in = Texts.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Every language has the same keys, and each key the same arguments, or the server does not start. */
    private static void checkParity(String baseName, Map<Lang, Map<String, Text>> byLang) {
        Map<String, Text> english = byLang.get(Lang.EN);
        for (Lang lang : Lang.values()) {
            Map<String, Text> texts = byLang.get(lang);
            Set<String> missing = new TreeSet<>(english.keySet());
            missing.removeAll(texts.keySet());
            Set<String> extra = new TreeSet<>(texts.keySet());
            extra.removeAll(english.keySet());
            if (!missing.isEmpty() || !extra.isEmpty()) {
                throw new IllegalStateException(fileName(baseName, lang) + " lacks " + missing + " and has extra "
                        + extra + ", compared with " + fileName(baseName, Lang.EN));
            }
            texts.forEach((key, text) -> {
                if (!text.arguments().equals(english.get(key).arguments())) {
                    throw new IllegalStateException(fileName(baseName, lang) + ": " + key + " has arguments "
                            + text.arguments() + ", English has " + english.get(key).arguments());
                }
            });
        }
    }

    /**
     * One compiled pattern. ICU's MessageFormat keeps caches while it formats, so each call formats with its own
     * copy; a text without arguments is formatted once, here.
     */
    private record Text(String pattern, MessageFormat prototype, Set<String> arguments, String plain) {
        static Text compile(String file, String key, String pattern, Lang lang) {
            MessageFormat format;
            try {
                format = new MessageFormat(pattern, lang.locale());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + ": " + key + " is not a valid MessageFormat pattern: "
                        + e.getMessage(), e);
            }
            Set<String> arguments = Collections.unmodifiableSet(new TreeSet<>(format.getArgumentNames()));
            String plain = format.format(Map.of());
            return new Text(pattern, format, arguments, plain);
        }

        MessageFormat newFormat() {
            return (MessageFormat) prototype.clone();
        }
    }
}
