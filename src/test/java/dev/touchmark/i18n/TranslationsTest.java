package dev.touchmark.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text exists in every language: the server's bundles (i18n/messages_*.properties) and the dashboard's tables
 * (the register({en: {...}, 'zh-CN': {...}}) calls in web/dashboard/*.js).
 */
class TranslationsTest {
    private static final Path DASHBOARD = Path.of("web", "dashboard");
    private static final List<String> DASHBOARD_LANGUAGES = List.of("en", "zh-CN");
    private static final Pattern JS_PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final Pattern JS_LOOKUP = Pattern.compile("\\bt\\('(\\w+)'");

    @Test
    void everyServerKeyExistsInEveryLanguage() {
        Texts texts = Texts.bundled();
        for (Lang lang : Lang.values()) {
            assertEquals(texts.keys(Lang.EN), texts.keys(lang), Texts.fileName("i18n/messages", lang));
        }
        assertTrue(texts.keys(Lang.EN).size() > 150, "the bundle holds the shopper pages and the alerts");
    }

    @Test
    void everyDashboardKeyExistsInEveryLanguageWithTheSamePlaceholders() throws IOException {
        Map<String, Map<String, String>> tables = dashboardTables();
        Map<String, String> english = tables.get("en");
        assertTrue(english.size() > 200, "the tables were read: " + english.size() + " English texts");
        for (String lang : DASHBOARD_LANGUAGES) {
            Map<String, String> texts = tables.get(lang);
            assertEquals(english.keySet(), texts.keySet(), lang + " has other keys than English");
            texts.forEach((key, text) -> {
                assertTrue(!text.isBlank(), key + " in " + lang + " is empty");
                assertEquals(placeholders(english.get(key)), placeholders(text), key + " in " + lang + " placeholders");
            });
        }
    }

    @Test
    void everyDashboardKeyLookedUpHasAText() throws IOException {
        Set<String> known = dashboardTables().get("en").keySet();
        Set<String> missing = new TreeSet<>();
        for (Path file : dashboardFiles()) {
            Matcher m = JS_LOOKUP.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                if (!known.contains(m.group(1))) {
                    missing.add(file.getFileName() + ": " + m.group(1));
                }
            }
        }
        assertEquals(Set.of(), missing, "t('key') with no text");
    }

    @Test
    void theTableReaderSeesAKeyMissingFromOneLanguage() {
        Map<String, Map<String, String>> tables = new TreeMap<>();
        JsTables.read("register({\n  en: { a: 'A', b: 'B {n}' + ' more' },\n  'zh-CN': { a: '甲' },\n});", tables);
        assertEquals(Map.of("a", "A", "b", "B {n} more"), tables.get("en"));
        assertEquals(Map.of("a", "甲"), tables.get("zh-CN"));
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = JS_PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static List<Path> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARD)) {
            return files.filter(f -> f.toString().endsWith(".js")).sorted().toList();
        }
    }

    /** Language to key to text, from every register() call of the dashboard; a key registered twice fails. */
    private static Map<String, Map<String, String>> dashboardTables() throws IOException {
        Map<String, Map<String, String>> tables = new TreeMap<>();
        DASHBOARD_LANGUAGES.forEach(lang -> tables.put(lang, new LinkedHashMap<>()));
        for (Path file : dashboardFiles()) {
            JsTables.read(Files.readString(file, StandardCharsets.UTF_8), tables);
        }
        return tables;
    }

    /**
     * Reads the object literals passed to register(): {lang: {key: 'text' + 'text', ...}, ...}. Enough JavaScript
     * for these tables (strings, identifiers, comments, concatenation), not a general parser.
     */
    static final class JsTables {
        private final List<String> tokens = new ArrayList<>();
        private final List<Boolean> strings = new ArrayList<>();
        private int at;

        static void read(String source, Map<String, Map<String, String>> tables) {
            int from = 0;
            while ((from = source.indexOf("register({", from)) >= 0) {
                JsTables reader = new JsTables();
                reader.tokenize(source, from + "register(".length());
                reader.object(tables);
                from += "register({".length();
            }
        }

        /** Tokens from an opening brace to the brace that closes it. */
        private void tokenize(String s, int start) {
            int depth = 0;
            int i = start;
            do {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (s.startsWith("//", i)) {
                    i = s.indexOf('\n', i);
                } else if (c == '\'' || c == '"' || c == '`') {
                    StringBuilder text = new StringBuilder();
                    i++;
                    while (s.charAt(i) != c) {
                        if (s.charAt(i) == '\\') {
                            i++;
                        }
                        text.append(s.charAt(i++));
                    }
                    i++;
                    add(text.toString(), true);
                } else if (Character.isJavaIdentifierPart(c)) {
                    int end = i;
                    while (Character.isJavaIdentifierPart(s.charAt(end))) {
                        end++;
                    }
                    add(s.substring(i, end), false);
                    i = end;
                } else {
                    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                    add(String.valueOf(c), false);
                    i++;
                }
            } while (depth > 0);
        }

        private void add(String token, boolean string) {
            tokens.add(token);
            strings.add(string);
        }

        private void object(Map<String, Map<String, String>> tables) {
            expect("{");
            while (!peek("}")) {
                String lang = tokens.get(at++);
                expect(":");
                Map<String, String> texts = tables.computeIfAbsent(lang, l -> new LinkedHashMap<>());
                expect("{");
                while (!peek("}")) {
                    String key = tokens.get(at++);
                    expect(":");
                    String text = value();
                    if (texts.put(key, text) != null) {
                        throw new AssertionError(lang + ": " + key + " is registered twice");
                    }
                    comma();
                }
                expect("}");
                comma();
            }
        }

        private String value() {
            StringBuilder text = new StringBuilder();
            do {
                if (!strings.get(at)) {
                    throw new AssertionError("not a string: " + tokens.get(at) + " after " + tokens.subList(Math.max(0, at - 4), at));
                }
                text.append(tokens.get(at++));
            } while (peek("+") && at++ >= 0);
            return text.toString();
        }

        private void comma() {
            if (peek(",")) {
                at++;
            }
        }

        private boolean peek(String token) {
            return !strings.get(at) && tokens.get(at).equals(token);
        }

        private void expect(String token) {
            if (!peek(token)) {
                throw new AssertionError("expected " + token + " but read " + tokens.get(at));
            }
            at++;
        }
    }
}
