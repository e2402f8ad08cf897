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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import dev.touchmark.testsupport.DashboardTexts;
import org.junit.jupiter.api.Test;

/**
 * Each dashboard module uses only texts it is sure to have: its own (its register() call) and the shared ones of
 * i18n.js. Pages are loaded on demand, so a key that only another page registers is there only after that page
 * was opened in the session; opened first, the page shows the raw key. Read from the sources: t('key'),
 * t(`prefix_${id}`) (then every key of that family must be available) and any other string literal that is
 * a key with an underscore (keys passed around in tables, such as [['7', 'mp_d7'], ...]).
 */
class DashboardKeysTest {
    private static final Path DASHBOARD = Path.of("web", "dashboard");
    private static final String SHARED = "i18n.js";
    /** A string that reads as a namespaced key (xx_something); only these count as indirect uses. */
    private static final Pattern KEY_LIKE = Pattern.compile("[A-Za-z][\\w-]*_[\\w-]+");

    @Test
    void everyDashboardModuleUsesOnlyItsOwnAndTheSharedTexts() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.list(DASHBOARD)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                sources.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        assertTrue(sources.containsKey(SHARED) && sources.size() > 15, "the dashboard's modules were read: " + sources.keySet());
        List<String> found = violations(sources);
        assertEquals(List.of(), found, "texts a module uses but does not get (move shared ones to i18n.js)");
    }

    @Test
    void theCheckSeesAKeyOfAnotherPageUsedDirectlyThroughAFamilyAndInATable() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(SHARED, "register({ en: { sev_low: 'low', ok: 'OK' }, 'zh-CN': { sev_low: '低', ok: '好' } });\n"
                + "export function t(key) { return key; }");
        sources.put("page-a.js", "register({ en: { a_title: 'A', rule_x: 'X', rule_y: 'Y' },"
                + " 'zh-CN': { a_title: '甲', rule_x: '叉', rule_y: '歪' } });\n"
                + "const t1 = t('a_title') + t(\"ok\") + t(`sev_${s}`) + t(`rule_${r}`); // t('b_title') in a comment\n"
                + "const re = /'b_title'/g;");
        sources.put("page-b.js", "register({ en: { b_title: 'B', b_d7: '7 days' }, 'zh-CN': { b_title: '乙', b_d7: '7 天' } });\n"
                + "h('th', {}, t('a_title'));\n"
                + "const label = `${t(`rule_${a.rule}`)} · ${t('b_title')}`;\n"
                + "const periods = [['7', 'b_d7'], ['30', 'a_title']];\n"
                + "t('missing_key');");
        assertEquals(List.of(
                "page-b.js: 'a_title' is registered only by page-a.js",
                "page-b.js: t(`rule_${…}`) needs rule_x, rule_y, registered only by page-a.js",
                "page-b.js: 'a_title' is registered only by page-a.js",
                "page-b.js: 'missing_key' is registered nowhere"), violations(sources));
    }

    /** What each module uses but neither registers itself nor gets from i18n.js, in the order found. */
    static List<String> violations(Map<String, String> sources) {
        Map<String, Set<String>> owned = new LinkedHashMap<>();
        sources.forEach((file, source) -> {
            Map<String, Map<String, String>> tables = new TreeMap<>();
            DashboardTexts.read(source, tables);
            owned.put(file, new TreeSet<>(tables.getOrDefault("en", Map.of()).keySet()));
        });
        Set<String> shared = owned.getOrDefault(SHARED, Set.of());
        List<String> found = new ArrayList<>();
        sources.forEach((file, source) -> {
            Set<String> available = new TreeSet<>(shared);
            available.addAll(owned.get(file));
            for (Use use : uses(source)) {
                if (use.prefix()) {
                    Set<String> family = owned.values().stream().flatMap(Set::stream).filter(k -> k.startsWith(use.text()))
                            .collect(Collectors.toCollection(TreeSet::new));
                    Set<String> missing = new TreeSet<>(family);
                    missing.removeAll(available);
                    if (family.isEmpty()) {
                        found.add(file + ": t(`" + use.text() + "${…}`) matches no key");
                    } else if (!missing.isEmpty()) {
                        found.add(file + ": t(`" + use.text() + "${…}`) needs " + String.join(", ", missing)
                                + ", registered only by " + String.join(", ", owners(owned, missing)));
                    }
                } else if (!available.contains(use.text()) && (use.lookup() || isKeyAnywhere(owned, use.text()))) {
                    Set<String> owners = owners(owned, Set.of(use.text()));
                    found.add(file + ": '" + use.text() + "' is registered "
                            + (owners.isEmpty() ? "nowhere" : "only by " + String.join(", ", owners)));
                }
            }
        });
        return found;
    }

    private static boolean isKeyAnywhere(Map<String, Set<String>> owned, String text) {
        return KEY_LIKE.matcher(text).matches() && owned.values().stream().anyMatch(keys -> keys.contains(text));
    }

    private static Set<String> owners(Map<String, Set<String>> owned, Set<String> keys) {
        return owned.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(keys::contains)).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * A text a module uses: a key (from t('key'), lookup true, or another string literal, lookup false) or the fixed
     * start of a template passed to t() (prefix true).
     */
    record Use(String text, boolean lookup, boolean prefix) {
    }

    /** The uses in a module's source, outside its register() call. */
    static List<Use> uses(String source) {
        List<Token> tokens = new JsTokens(source).all();
        List<Use> uses = new ArrayList<>();
        int depthInRegister = -1;
        int parens = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.is("(")) {
                parens++;
            } else if (token.is(")")) {
                parens--;
                if (parens == depthInRegister) {
                    depthInRegister = -1;
                }
            }
            if (depthInRegister >= 0) {
                continue;
            }
            if (token.is("register") && i + 1 < tokens.size() && tokens.get(i + 1).is("(")
                    && (i == 0 || !tokens.get(i - 1).is("."))) {
                depthInRegister = parens;
                continue;
            }
            boolean argumentOfT = i >= 2 && tokens.get(i - 1).is("(") && tokens.get(i - 2).is("t")
                    && (i < 3 || !tokens.get(i - 3).is("."));
            if (token.kind() == Kind.STRING) {
                uses.add(new Use(token.text(), argumentOfT, false));
            } else if (token.kind() == Kind.TEMPLATE && argumentOfT) {
                if (!token.substituted()) {
                    uses.add(new Use(token.text(), true, false));
                } else if (!token.text().isEmpty()) {
                    uses.add(new Use(token.text(), false, true));
                }
            }
        }
        return uses;
    }

    enum Kind { IDENT, PUNCT, STRING, TEMPLATE }

    /** A token; for a template, text is its part before the first ${ and substituted says whether it has one. */
    record Token(Kind kind, String text, boolean substituted) {
        boolean is(String s) {
            return (kind == Kind.IDENT || kind == Kind.PUNCT) && text.equals(s);
        }
    }

    /** Enough of JavaScript's lexical grammar for the dashboard's modules: comments, strings, templates, regexes. */
    private static final class JsTokens {
        private static final Set<String> BEFORE_REGEX = Set.of("return", "typeof", "case", "in", "of", "new", "delete",
                "void", "throw", "else", "do", "yield", "await");
        private final String s;
        private final List<Token> tokens = new ArrayList<>();
        private int i;

        JsTokens(String source) {
            this.s = source;
        }

        List<Token> all() {
            scan(false);
            return tokens;
        }

        /** Tokens up to the end, or (inside a template's ${...}) up to the brace that closes it. */
        private void scan(boolean untilClose) {
            int braces = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (s.startsWith("//", i)) {
                    int end = s.indexOf('\n', i);
                    i = end < 0 ? s.length() : end;
                } else if (s.startsWith("/*", i)) {
                    i = s.indexOf("*/", i + 2) + 2;
                } else if (c == '\'' || c == '"') {
                    tokens.add(new Token(Kind.STRING, quoted(c), false));
                } else if (c == '`') {
                    template();
                } else if (c == '/' && regexAllowed()) {
                    regex();
                } else if (Character.isJavaIdentifierPart(c)) {
                    int end = i;
                    while (end < s.length() && Character.isJavaIdentifierPart(s.charAt(end))) {
                        end++;
                    }
                    tokens.add(new Token(Kind.IDENT, s.substring(i, end), false));
                    i = end;
                } else {
                    if (c == '{') {
                        braces++;
                    } else if (c == '}') {
                        if (untilClose && braces == 0) {
                            i++;
                            return;
                        }
                        braces--;
                    }
                    tokens.add(new Token(Kind.PUNCT, String.valueOf(c), false));
                    i++;
                }
            }
        }

        private String quoted(char quote) {
            StringBuilder text = new StringBuilder();
            i++;
            while (s.charAt(i) != quote) {
                if (s.charAt(i) == '\\') {
                    i++;
                }
                text.append(s.charAt(i++));
            }
            i++;
            return text.toString();
        }

        /** A template: its token first, then the tokens of its ${...} parts (a t() call may sit in one). */
        private void template() {
            int at = tokens.size();
            tokens.add(null);
            StringBuilder head = new StringBuilder();
            boolean substituted = false;
            i++;
            while (s.charAt(i) != '`') {
                if (s.charAt(i) == '\\') {
                    i += 2;
                } else if (s.startsWith("${", i)) {
                    substituted = true;
                    i += 2;
                    scan(true);
                } else {
                    if (!substituted) {
                        head.append(s.charAt(i));
                    }
                    i++;
                }
            }
            i++;
            tokens.set(at, new Token(Kind.TEMPLATE, head.toString(), substituted));
        }

        private boolean regexAllowed() {
            if (tokens.isEmpty()) {
                return true;
            }
            Token last = tokens.get(tokens.size() - 1);
            if (last == null || last.kind() == Kind.STRING || last.kind() == Kind.TEMPLATE) {
                return false;
            }
            if (last.kind() == Kind.IDENT) {
                return BEFORE_REGEX.contains(last.text());
            }
            return !last.text().equals(")") && !last.text().equals("]") && !last.text().equals("}");
        }

        private void regex() {
            boolean inClass = false;
            i++;
            while (inClass || s.charAt(i) != '/') {
                char c = s.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    inClass = true;
                } else if (c == ']') {
                    inClass = false;
                }
                i++;
            }
            i++;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            tokens.add(new Token(Kind.PUNCT, "/regex/", false));
        }
    }
}
