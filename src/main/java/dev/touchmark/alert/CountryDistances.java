package dev.touchmark.alert;

import dev.touchmark.domain.Place;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * How far apart two countries are at least, from a small table of country centres and radii
 * (alert/country-centroids.csv): the distance between the centres less both radii, each radius reaching the farthest
 * territory under that country's code. A lower bound, never an estimate: neighbours (and any pair with a large
 * country such as the US or Russia) come out at 0 km or close, so only moves between far-apart countries count.
 */
final class CountryDistances {
    private static final CountryDistances TABLE = load();
    private final Map<String, Centre> centres;

    private record Centre(Place place, double radiusKm) {
    }

    private CountryDistances(Map<String, Centre> centres) {
        this.centres = Map.copyOf(centres);
    }

    /** The bundled table. */
    static CountryDistances table() {
        return TABLE;
    }

    /** The least distance in km between any two points of two countries; empty when either is not in the table. */
    OptionalDouble leastKm(String a, String b) {
        if (a == null || b == null) {
            return OptionalDouble.empty();
        }
        Centre ca = centres.get(a.toUpperCase(Locale.ROOT));
        Centre cb = centres.get(b.toUpperCase(Locale.ROOT));
        if (ca == null || cb == null) {
            return OptionalDouble.empty();
        }
        if (ca == cb) {
            return OptionalDouble.of(0);
        }
        return OptionalDouble.of(Math.max(0, ca.place().distanceKm(cb.place()) - ca.radiusKm() - cb.radiusKm()));
    }

    private static CountryDistances load() {
        Map<String, Centre> centres = new HashMap<>();
        try (InputStream in = CountryDistances.class.getResourceAsStream("/alert/country-centroids.csv")) {
            if (in == null) {
                throw new IllegalStateException("alert/country-centroids.csv is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                centres.put(f[0], new Centre(new Place((int) Math.round(Double.parseDouble(f[1]) * 10),
                        (int) Math.round(Double.parseDouble(f[2]) * 10)), Double.parseDouble(f[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CountryDistances(centres);
    }
}
