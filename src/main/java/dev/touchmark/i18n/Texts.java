package dev.touchmark.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
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
        if (args.length == 0) {
            return text.plain();
        }
        String filled = text.simple() == null ? null : text.simple().fill(args);
        return filled != null ? filled : text.newFormat().format(args);
    }

    /** A text with named arguments filled, {batch} with the value of "batch". */
    public String format(Lang lang, String key, Map<String, ?> args) {
        Text text = compiled(lang, key);
        if (args.isEmpty()) {
            return text.plain();
        }
        String filled = text.simple() == null ? null : text.simple().fill(args);
        return filled != null ? filled : text.newFormat().format(args);
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
     * copy; a text without arguments is formatted once, here, and one with plain arguments is split once (simple).
     */
    private record Text(String pattern, MessageFormat prototype, Set<String> arguments, String plain, Simple simple) {
        static Text compile(String file, String key, String pattern, Lang lang) {
            MessageFormat format;
            try {
                format = new MessageFormat(pattern, lang.locale());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + ": " + key + " is not a valid MessageFormat pattern: "
                        + e.getMessage(), e);
            }
            Set<String> arguments = Collections.unmodifiableSet(new TreeSet<>(format.getArgumentNames()));
            return new Text(pattern, format, arguments, format.format(Map.of()), Simple.of(pattern, format, arguments));
        }

        MessageFormat newFormat() {
            return (MessageFormat) prototype.clone();
        }
    }

    /**
     * A pattern whose arguments are all plain ({0} or {name}: no number, date, plural or select), split into literal
     * text and argument names, so that text arguments are filled by concatenation, as ICU fills them. A verdict page
     * formats several texts per scan, and copying an ICU MessageFormat for each doubles the time to render it.
     */
    private record Simple(List<String> literals, List<String> names) {
        private static final char OPEN = '\uE000';
        private static final char CLOSE = '\uE001';

        /** The split pattern, or null when an argument is not plain. */
        static Simple of(String pattern, MessageFormat format, Set<String> arguments) {
            MessagePattern parsed = new MessagePattern(pattern);
            for (int i = 0; i < parsed.countParts(); i++) {
                MessagePattern.Part part = parsed.getPart(i);
                if (part.getType() == MessagePattern.Part.Type.ARG_START && part.getArgType() != MessagePattern.ArgType.NONE) {
                    return null;
                }
            }
            // ICU itself resolves the apostrophes: formatting with marker values leaves the literal text between them.
            Map<String, Object> markers = new HashMap<>();
            arguments.forEach(name -> markers.put(name, OPEN + name + CLOSE));
            String marked = format.format(markers);
            List<String> literals = new ArrayList<>();
            List<String> names = new ArrayList<>();
            int from = 0;
            for (int open = marked.indexOf(OPEN); open >= 0; open = marked.indexOf(OPEN, from)) {
                int close = marked.indexOf(CLOSE, open);
                literals.add(marked.substring(from, open));
                names.add(marked.substring(open + 1, close));
                from = close + 1;
            }
            literals.add(marked.substring(from));
            return new Simple(List.copyOf(literals), List.copyOf(names));
        }

        /** The text with numbered arguments; null unless every one is given as text (ICU then writes it). */
        String fill(Object[] args) {
            StringBuilder out = new StringBuilder(128).append(literals.get(0));
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                int index = name.length() == 1 && Character.isDigit(name.charAt(0)) ? name.charAt(0) - '0' : -1;
                if (index < 0 || index >= args.length || !(args[index] instanceof CharSequence value)) {
                    return null;
                }
                out.append(value).append(literals.get(i + 1));
            }
            return out.toString();
        }

        /** The text with named arguments; null unless every one is given as text. */
        String fill(Map<String, ?> args) {
            StringBuilder out = new StringBuilder(256).append(literals.get(0));
            for (int i = 0; i < names.size(); i++) {
                if (!(args.get(names.get(i)) instanceof CharSequence value)) {
                    return null;
                }
                out.append(value).append(literals.get(i + 1));
            }
            return out.toString();
        }
    }
}
