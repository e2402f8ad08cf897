package dev.touchmark.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.stream.Stream;

/**
 * Reads the object literals passed to register(): {lang: {key: 'text' + 'text', ...}, ...}. Enough JavaScript
 * for these tables (strings, identifiers, comments, concatenation), not a general parser.
 */
public final class DashboardTexts {
    private static final Path DASHBOARD = Path.of("web", "dashboard");
    private final List<String> tokens = new ArrayList<>();
    private final List<Boolean> strings = new ArrayList<>();
    private int at;

    private DashboardTexts() {
    }

    /** Every key the dashboard's modules register (web/dashboard/*.js). */
    public static Set<String> keys() {
        Map<String, Map<String, String>> tables = new TreeMap<>();
        try (Stream<Path> files = Files.list(DASHBOARD)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                read(Files.readString(file, StandardCharsets.UTF_8), tables);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TreeSet<>(tables.getOrDefault("en", Map.of()).keySet());
    }

    /** Adds the tables of the register() calls in one module's source: language to key to text. */
    public static void read(String source, Map<String, Map<String, String>> tables) {
        int from = 0;
        while ((from = source.indexOf("register({", from)) >= 0) {
            DashboardTexts reader = new DashboardTexts();
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
