package dev.touchmark.detection;

import java.util.List;
import java.util.Random;

/** A city centre; people of the scenario live and shop within a few km of one. */
public record Place(String name, String country, double lat, double lon) {
    static final Place PARIS = new Place("Paris", "FR", 48.8566, 2.3522);
    static final Place LYON = new Place("Lyon", "FR", 45.7640, 4.8357);
    static final Place MARSEILLE = new Place("Marseille", "FR", 43.2965, 5.3698);
    static final Place TOULOUSE = new Place("Toulouse", "FR", 43.6047, 1.4442);
    static final Place LILLE = new Place("Lille", "FR", 50.6292, 3.0573);
    static final Place BORDEAUX = new Place("Bordeaux", "FR", 44.8378, -0.5792);
    static final Place NANTES = new Place("Nantes", "FR", 47.2184, -1.5536);
    static final Place BRUSSELS = new Place("Brussels", "BE", 50.8503, 4.3517);
    static final Place ANTWERP = new Place("Antwerp", "BE", 51.2194, 4.4025);
    static final Place LIEGE = new Place("Liège", "BE", 50.6326, 5.5797);
    static final Place BERLIN = new Place("Berlin", "DE", 52.5200, 13.4050);
    static final Place MUNICH = new Place("Munich", "DE", 48.1351, 11.5820);
    static final Place HAMBURG = new Place("Hamburg", "DE", 53.5511, 9.9937);
    static final Place COLOGNE = new Place("Cologne", "DE", 50.9375, 6.9603);
    static final Place FRANKFURT = new Place("Frankfurt", "DE", 50.1109, 8.6821);
    static final Place DUBAI = new Place("Dubai", "AE", 25.2048, 55.2708);
    static final Place ISTANBUL = new Place("Istanbul", "TR", 41.0082, 28.9784);

    /** Where the brand's shoppers live (France, Belgium, Germany). */
    static final List<Place> HOMES = List.of(PARIS, LYON, MARSEILLE, TOULOUSE, LILLE, BORDEAUX, NANTES, BRUSSELS, ANTWERP,
            LIEGE, BERLIN, MUNICH, HAMBURG, COLOGNE, FRANKFURT);

    /** Where the brand's shoppers travel; a tourist never picks a city of their own country. */
    static final List<Place> TRIPS = List.of(new Place("Barcelona", "ES", 41.3874, 2.1686),
            new Place("Rome", "IT", 41.9028, 12.4964), new Place("Lisbon", "PT", 38.7223, -9.1393),
            new Place("London", "GB", 51.5074, -0.1278), new Place("New York", "US", 40.7128, -74.0060),
            new Place("Athens", "GR", 37.9838, 23.7275), new Place("Marrakesh", "MA", 31.6295, -7.9811),
            new Place("Amsterdam", "NL", 52.3676, 4.9041), PARIS, BERLIN, BRUSSELS);

    /** Where fakes and diverted goods are sold outside the brand's markets: re-export hubs and large grey markets. */
    static final List<Place> HUBS = List.of(DUBAI, ISTANBUL, new Place("Lagos", "NG", 6.5244, 3.3792),
            new Place("Riyadh", "SA", 24.7136, 46.6753), new Place("Casablanca", "MA", 33.5731, -7.5898));

    /** One city in each of 30 countries outside the brand's markets: where a thin diversion spreads its goods. */
    static final List<Place> WORLD = List.of(new Place("Madrid", "ES", 40.4168, -3.7038),
            new Place("Rome", "IT", 41.9028, 12.4964), new Place("Lisbon", "PT", 38.7223, -9.1393),
            new Place("London", "GB", 51.5074, -0.1278), new Place("Amsterdam", "NL", 52.3676, 4.9041),
            new Place("Vienna", "AT", 48.2082, 16.3738), new Place("Zurich", "CH", 47.3769, 8.5417),
            new Place("Warsaw", "PL", 52.2297, 21.0122), new Place("Prague", "CZ", 50.0755, 14.4378),
            new Place("Stockholm", "SE", 59.3293, 18.0686), new Place("Oslo", "NO", 59.9139, 10.7522),
            new Place("Copenhagen", "DK", 55.6761, 12.5683), new Place("Helsinki", "FI", 60.1699, 24.9384),
            new Place("Dublin", "IE", 53.3498, -6.2603), new Place("Athens", "GR", 37.9838, 23.7275),
            new Place("Budapest", "HU", 47.4979, 19.0402), new Place("Bucharest", "RO", 44.4268, 26.1025),
            ISTANBUL, DUBAI, new Place("Riyadh", "SA", 24.7136, 46.6753), new Place("Doha", "QA", 25.2854, 51.5310),
            new Place("Lagos", "NG", 6.5244, 3.3792), new Place("Casablanca", "MA", 33.5731, -7.5898),
            new Place("Cairo", "EG", 30.0444, 31.2357), new Place("Tel Aviv", "IL", 32.0853, 34.7818),
            new Place("Singapore", "SG", 1.3521, 103.8198), new Place("Hong Kong", "HK", 22.3193, 114.1694),
            new Place("Tokyo", "JP", 35.6762, 139.6503), new Place("Seoul", "KR", 37.5665, 126.9780),
            new Place("New York", "US", 40.7128, -74.0060));

    /** A point up to radiusKm from the centre, uniform over the disc. */
    GeoPoint near(Random random, double radiusKm) {
        double distance = radiusKm * Math.sqrt(random.nextDouble());
        double bearing = random.nextDouble() * 2 * Math.PI;
        double dLat = distance * Math.cos(bearing) / 111.2;
        double dLon = distance * Math.sin(bearing) / (111.2 * Math.cos(Math.toRadians(lat)));
        return new GeoPoint(lat + dLat, lon + dLon);
    }
}
