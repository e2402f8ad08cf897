package dev.touchmark.product;

import dev.touchmark.error.Validator;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Intended markets: ISO 3166-1 alpha-2 country codes, stored as a comma-separated list. */
public final class Markets {
    private static final Set<String> COUNTRIES = Set.copyOf(Arrays.asList(Locale.getISOCountries()));

    private Markets() {
    }

    /** Validates and normalises to uppercase without duplicates, recording errors under the field. */
    public static List<String> normalize(List<String> markets, String field, Validator validator) {
        if (markets == null) {
            return List.of();
        }
        Set<String> result = new LinkedHashSet<>();
        for (String market : markets) {
            String code = market == null ? "" : market.strip().toUpperCase(Locale.ROOT);
            if (!COUNTRIES.contains(code)) {
                validator.fail(field, "'" + market + "' is not an ISO 3166-1 alpha-2 country code such as FR or CN");
            } else {
                result.add(code);
            }
        }
        validator.check(result.size() <= 250, field, "must list at most 250 countries");
        return List.copyOf(result);
    }

    /** The stored form. */
    public static String join(List<String> markets) {
        return String.join(",", markets);
    }

    /** Back from the stored form. */
    public static List<String> split(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).collect(Collectors.toUnmodifiableList());
    }
}
