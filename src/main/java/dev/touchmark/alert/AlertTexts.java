package dev.touchmark.alert;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The sentences that explain alerts and their evidence to a person. */
final class AlertTexts {
    private AlertTexts() {
    }

    static String code(long batchId, long index) {
        return "Code " + index + " of batch " + batchId;
    }

    static String cloned(long batchId, long index, int devices, int threshold) {
        return code(batchId, index) + " has been verified on " + devices + " different phones (the threshold is " + threshold
                + "). Genuine labels are scanned by one buyer and perhaps their family; this label has most likely been copied"
                + " onto counterfeits.";
    }

    static String clonedNote(int devices, String country) {
        return "Verified on phone number " + devices + place(country) + ".";
    }

    static String travel(long batchId, long index, Travel t, int threshold) {
        return code(batchId, index) + " was scanned " + km(t.km()) + " from its previous located scan, " + minutes(t.minutes())
                + " later: " + Math.round(t.kmh()) + " km/h, faster than the " + threshold + " km/h anyone can travel."
                + " Two labels carry the same code.";
    }

    static String travelNote(Travel t) {
        return "Located " + km(t.km()) + " from the previous located scan " + minutes(t.minutes()) + " before ("
                + Math.round(t.kmh()) + " km/h).";
    }

    static String market(long batchId, String country, Set<String> markets, int codes) {
        return codes + " codes of batch " + batchId + " were scanned in " + country(country) + " in the last 30 days, which is"
                + " not one of its markets (" + String.join(", ", new TreeSet<>(markets)) + "): the goods may have been diverted"
                + " to a grey market.";
    }

    static String status(Rule rule, long batchId) {
        return switch (rule) {
            case UNRELEASED_SCAN -> "Codes of batch " + batchId + ", which has not been released, are being scanned: its labels"
                    + " may have leaked from the printer onto goods that are not yours.";
            case RECALLED_SCAN -> "Codes of recalled batch " + batchId + " are still being scanned: recalled goods are in"
                    + " circulation.";
            case VOIDED_SCAN -> "Codes of voided batch " + batchId + " are being scanned: labels that should have been destroyed"
                    + " are in circulation.";
            default -> throw new IllegalArgumentException(rule.id());
        };
    }

    static String forged(Long batchId, String reason) {
        String what = batchId == null ? "your keys" : "batch " + batchId;
        return "Codes claiming " + what + " failed verification (" + reason.replace('_', ' ') + "): someone is printing"
                + " labels in your name that were not made with your key.";
    }

    static String burst(long batchId, long scans, double baseline, int factor) {
        String usual = baseline < 0.05 ? "almost none before" : String.format(Locale.ROOT, "%.1f per hour on average last week", baseline);
        return "Batch " + batchId + " had " + scans + " scans in one hour (" + usual + "; the alert fires at " + factor
                + " times the average): a sudden flood of one batch often means copied labels reached the market.";
    }

    static String hotspot(int codes, int days, int latTenths, int lonTenths) {
        return codes + " suspect codes were scanned in the last " + days + " days within the same area of about 50 km around "
                + String.format(Locale.ROOT, "%.1f, %.1f", latTenths / 10.0, lonTenths / 10.0)
                + ": counterfeits of your products are probably sold there.";
    }

    static String scanNote(String verdict, String country, Integer latTenths, Integer lonTenths) {
        String where = latTenths != null && lonTenths != null
                ? String.format(Locale.ROOT, " near %.1f, %.1f", latTenths / 10.0, lonTenths / 10.0) : place(country);
        return "Scan with verdict " + verdict.replace('_', ' ') + where + ".";
    }

    static String report(String seller, String place, String comment) {
        StringBuilder text = new StringBuilder("A shopper reported a problem");
        if (seller != null && !seller.isBlank()) {
            text.append(" with the seller \"").append(seller.strip()).append('"');
        }
        if (place != null && !place.isBlank()) {
            text.append(" at \"").append(place.strip()).append('"');
        }
        if (comment != null && !comment.isBlank()) {
            text.append(": \"").append(comment.strip()).append('"');
        }
        return text.append('.').toString();
    }

    private static String place(String country) {
        return country == null ? "" : " in " + country(country);
    }

    private static String country(String iso) {
        String name = new Locale("", iso).getDisplayCountry(Locale.ENGLISH);
        return name.isEmpty() || name.equals(iso) ? iso : name + " (" + iso + ")";
    }

    private static String km(double km) {
        return Math.round(km) + " km";
    }

    private static String minutes(double minutes) {
        Duration d = Duration.ofSeconds(Math.round(minutes * 60));
        if (d.toHours() >= 1) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return Math.max(0, d.toMinutes()) + " min";
    }

    /** A move between two located scans of one code. */
    record Travel(double km, double minutes, double kmh) {
    }
}
