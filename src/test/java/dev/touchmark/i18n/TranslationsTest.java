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
import dev.touchmark.testsupport.DashboardTexts;
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
        DashboardTexts.read("register({\n  en: { a: 'A', b: 'B {n}' + ' more' },\n  'zh-CN': { a: '甲' },\n});", tables);
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
            DashboardTexts.read(Files.readString(file, StandardCharsets.UTF_8), tables);
        }
        return tables;
    }
}
