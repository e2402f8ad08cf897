package dev.touchmark.alliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchmark.domain.Place;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An alliance's shared intelligence as a STIX 2.1 bundle, for a brand's security team to load into MISP or OpenCTI.
 *
 * <p>Mapping:
 * <ul>
 *   <li>the alliance is an {@code identity} (identity_class {@code group}) and the {@code created_by_ref} of every other
 *       object; everything is marked TLP:AMBER (the predefined STIX marking), since the intelligence is for the members;</li>
 *   <li>each brand in some item's {@link IntelItem#namedBrands()} is an {@code identity} (identity_class
 *       {@code organization}); only those brands are named anywhere in the bundle;</li>
 *   <li>hotspots and forgery waves are {@code sighting}s of one {@code campaign} per alliance ("counterfeits of the
 *       alliance's brands") at a {@code location}: the centre of the half-degree map cell with a precision (metres)
 *       that covers the whole cell; a hotspot and a wave in the same cell share the location; the sighting's labels
 *       ({@code counterfeit-hotspot} or {@code forgery-wave}) and description tell them apart;</li>
 *   <li>label hosts are {@code indicator}s ({@code [domain-name:value = '…']}, or ipv4-addr / ipv6-addr for an address)
 *       valid from the first day seen, each with a {@code sighting} that counts the reads;</li>
 *   <li>sellers are {@code identity} objects (identity_class {@code unknown}) named by the normalised seller; a seller
 *       that is a web address also gets a url (with a path) or domain-name indicator, {@code related-to} the seller;</li>
 *   <li>a sighting's {@code where_sighted_refs} lists the location and the item's named brands; the members that share
 *       anonymously are in its count and in {@code x_touchmark_members}, never by name or id.</li>
 * </ul>
 *
 * <p>Ids are UUIDv5 in the STIX namespace ({@code 00abedb4-aa42-466c-9c01-fed23315a9b7}) of
 * "touchmark/alliance/{id}/{object type}/{class}/{key}", so an item keeps its id across downloads and MISP or OpenCTI
 * update it rather than duplicate it. {@code created} is the alliance's creation (constant across downloads) and
 * {@code modified} the export instant, so each download is a newer version of the same objects.
 */
public final class StixBundle {
    /** The media type of a STIX 2.1 bundle (STIX 2.1, section 1.5). */
    public static final String MEDIA_TYPE = "application/stix+json;version=2.1";
    /** The namespace STIX 2.1 gives for deterministic (UUIDv5) identifiers. */
    static final UUID STIX_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");
    /** The predefined TLP:AMBER marking of STIX 2.1 (section 7.2.1.4). */
    static final String TLP_AMBER = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})(\\.\\d{1,3}){3}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final double EARTH_RADIUS_M = 6_371_000;
    private static final long MAX_COUNT = 999_999_999L;

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final long allianceId;
    private final String allianceName;
    private final String created;
    private final String modified;
    private final Instant now;
    private final String allianceRef;
    private final Map<String, ObjectNode> objects = new LinkedHashMap<>();

    private StixBundle(long allianceId, String allianceName, Instant allianceCreated, Instant now) {
        this.allianceId = allianceId;
        this.allianceName = allianceName;
        this.now = now;
        Instant createdAt = allianceCreated == null || allianceCreated.isAfter(now) ? now : allianceCreated;
        this.created = timestamp(createdAt);
        this.modified = timestamp(now);
        this.allianceRef = id("identity", "alliance", "");
    }

    /** The bundle of an alliance's items, exported at {@code now}. */
    public static JsonNode of(Alliance alliance, List<IntelItem> items, Instant now) {
        return of(alliance.id(), alliance.name(),
                alliance.createdAt() == null ? null : alliance.createdAt().toInstant(), items, now);
    }

    /**
     * The bundle of an alliance's items, exported at {@code now}.
     *
     * @param allianceCreated when the alliance was created (the {@code created} of every object); null for {@code now}
     */
    public static JsonNode of(long allianceId, String allianceName, Instant allianceCreated, List<IntelItem> items,
                              Instant now) {
        return new StixBundle(allianceId, allianceName, allianceCreated, now).build(items);
    }

    private JsonNode build(List<IntelItem> items) {
        put(tlpAmber());
        ObjectNode alliance = sdo("identity", allianceRef);
        alliance.remove("created_by_ref");
        alliance.put("name", allianceName);
        alliance.put("description", "Touchmark alliance of brands sharing counterfeit intelligence");
        alliance.put("identity_class", "group");
        put(alliance);
        TreeSet<String> named = new TreeSet<>();
        items.forEach(item -> named.addAll(item.namedBrands()));
        for (String brand : named) {
            ObjectNode identity = sdo("identity", brandRef(brand));
            identity.put("name", brand);
            identity.put("description", "Member brand of the alliance " + allianceName);
            identity.put("identity_class", "organization");
            put(identity);
        }
        for (IntelItem item : items) {
            switch (item.signalClass()) {
                case HOTSPOTS -> placeSighting(item, "counterfeit-hotspot",
                        item.count() + " suspect scans of counterfeits here");
                case FORGERY_WAVES -> placeSighting(item, "forgery-wave",
                        "Wave of " + item.count() + " forged codes scanned here in " + week(item.key()));
                case LABEL_HOSTS -> labelHost(item);
                case SELLERS -> seller(item);
            }
        }
        ObjectNode bundle = nodes.objectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + uuid5("touchmark/alliance/" + allianceId + "/bundle/" + modified));
        ArrayNode list = bundle.putArray("objects");
        objects.values().forEach(list::add);
        return bundle;
    }

    private void placeSighting(IntelItem item, String label, String what) {
        ObjectNode campaign = sdo("campaign", id("campaign", "counterfeits", ""));
        campaign.put("name", "Counterfeits of " + allianceName + " brands");
        campaign.put("description", "Counterfeit products of the alliance's member brands, as their shoppers scan them");
        objects.putIfAbsent(campaign.get("id").asText(), campaign);
        String cell = cellOf(item.key());
        ObjectNode location = location(cell, item.centre() != null ? item.centre() : Place.centreOf(cell));
        objects.putIfAbsent(location.get("id").asText(), location);
        ObjectNode sighting = sighting(item, campaign.get("id").asText(), label, what + " (" + members(item) + ")");
        ArrayNode where = sighting.has("where_sighted_refs")
                ? (ArrayNode) sighting.get("where_sighted_refs") : sighting.putArray("where_sighted_refs");
        where.insert(0, location.get("id").asText());
        put(sighting);
    }

    private void labelHost(IntelItem item) {
        ObjectNode indicator = sdo("indicator", id("indicator", item));
        indicator.put("name", "Counterfeit label host " + item.key());
        indicator.put("description", "Host that counterfeit product labels point to; " + members(item));
        indicator.putArray("indicator_types").add("malicious-activity");
        indicator.put("pattern", hostPattern(item.key()));
        indicator.put("pattern_type", "stix");
        indicator.put("valid_from", startOf(item.firstSeen()));
        indicator.putArray("labels").add("counterfeit-label-host");
        custom(indicator, item);
        put(indicator);
        put(sighting(item, indicator.get("id").asText(), "counterfeit-label-host",
                item.count() + " reads of counterfeit labels pointing to " + item.key() + " (" + members(item) + ")"));
    }

    private void seller(IntelItem item) {
        ObjectNode identity = sdo("identity", id("identity", item));
        identity.put("name", item.key());
        identity.put("description", "Seller named in " + item.count() + " counterfeit reports of shoppers ("
                + members(item) + ")");
        identity.put("identity_class", "unknown");
        identity.putArray("labels").add("counterfeit-seller");
        custom(identity, item);
        put(identity);
        String pattern = sellerPattern(item.key());
        if (pattern == null) {
            return;
        }
        ObjectNode indicator = sdo("indicator", id("indicator", item));
        indicator.put("name", "Counterfeit seller " + item.key());
        indicator.put("description", "Web address of a seller named in shoppers' counterfeit reports");
        indicator.putArray("indicator_types").add("malicious-activity");
        indicator.put("pattern", pattern);
        indicator.put("pattern_type", "stix");
        indicator.put("valid_from", startOf(item.firstSeen()));
        indicator.putArray("labels").add("counterfeit-seller");
        put(indicator);
        ObjectNode related = sdo("relationship", id("relationship", item));
        related.put("relationship_type", "related-to");
        related.put("source_ref", indicator.get("id").asText());
        related.put("target_ref", identity.get("id").asText());
        put(related);
    }

    private ObjectNode sighting(IntelItem item, String of, String label, String description) {
        ObjectNode sighting = sdo("sighting", id("sighting", item));
        sighting.put("sighting_of_ref", of);
        sighting.put("first_seen", startOf(item.firstSeen()));
        sighting.put("last_seen", endOf(item.lastSeen()));
        sighting.put("count", Math.min(Math.max(item.count(), 0), MAX_COUNT));
        sighting.put("description", description);
        sighting.putArray("labels").add(label);
        ArrayNode where = sighting.putArray("where_sighted_refs");
        item.namedBrands().forEach(brand -> where.add(brandRef(brand)));
        custom(sighting, item);
        if (where.isEmpty()) {
            sighting.remove("where_sighted_refs");
        }
        return sighting;
    }

    private ObjectNode location(String cell, Place centre) {
        ObjectNode location = sdo("location", id("location", "cell", cell));
        double lat = centre.latTenths() / 10.0;
        double lon = centre.lonTenths() / 10.0;
        location.put("name", "Map cell " + cell + " near " + lat + ", " + lon);
        location.put("description", "Half-degree map cell; precision covers the whole cell");
        location.put("latitude", lat);
        location.put("longitude", lon);
        location.put("precision", cellRadiusMetres(cell, lat, lon));
        return location;
    }

    /** The distance from the centre to the farthest corner of the cell, rounded up to the kilometre. */
    static double cellRadiusMetres(String cell, double lat, double lon) {
        String[] parts = cell.split(":");
        double south = Math.max(-90, Integer.parseInt(parts[0]) * 0.5);
        double west = Integer.parseInt(parts[1]) * 0.5;
        double far = 0;
        for (double cornerLat : new double[] {south, Math.min(90, south + 0.5)}) {
            for (double cornerLon : new double[] {west, west + 0.5}) {
                far = Math.max(far, distanceMetres(lat, lon, cornerLat, cornerLon));
            }
        }
        return Math.ceil(far / 1000) * 1000;
    }

    private static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** The STIX pattern for a host: an address literal as such, anything else as a domain name. */
    static String hostPattern(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (IPV4.matcher(bare).matches()) {
            return "[ipv4-addr:value = '" + escape(bare) + "']";
        }
        if (bare.contains(":")) {
            return "[ipv6-addr:value = '" + escape(bare) + "']";
        }
        return "[domain-name:value = '" + escape(bare) + "']";
    }

    /** The STIX pattern for a seller that is a web address (host with a path: url; bare host: domain), else null. */
    static String sellerPattern(String key) {
        String rest = key.replaceFirst("^(?i)https?://", "");
        int slash = rest.indexOf('/');
        String host = slash < 0 ? rest : rest.substring(0, slash);
        if (!HOST.matcher(host).matches()) {
            return null;
        }
        if (slash < 0 || slash == rest.length() - 1) {
            return hostPattern(host.toLowerCase(java.util.Locale.ROOT));
        }
        // The key is normalised without a scheme; a listing is served over either.
        return "[url:value = 'https://" + escape(rest) + "' OR url:value = 'http://" + escape(rest) + "']";
    }

    /** A string as a STIX pattern string literal's contents: backslash and quote escaped (STIX 2.1, 9.2). */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }

    private static String cellOf(String key) {
        int at = key.indexOf('@');
        return at < 0 ? key : key.substring(0, at);
    }

    private static String week(String key) {
        int at = key.indexOf('@');
        return at < 0 ? "one week" : key.substring(at + 1);
    }

    private static String members(IntelItem item) {
        return item.members() == 1 ? "seen by 1 member" : "seen by " + item.members() + " members";
    }

    private void custom(ObjectNode object, IntelItem item) {
        object.put("x_touchmark_signal_class", item.signalClass().id());
        object.put("x_touchmark_members", item.members());
        object.put("x_touchmark_count", item.count());
    }

    private ObjectNode sdo(String type, String id) {
        ObjectNode object = nodes.objectNode();
        object.put("type", type);
        object.put("spec_version", "2.1");
        object.put("id", id);
        object.put("created_by_ref", allianceRef);
        object.put("created", created);
        object.put("modified", modified);
        object.putArray("object_marking_refs").add(TLP_AMBER);
        return object;
    }

    private ObjectNode tlpAmber() {
        ObjectNode marking = nodes.objectNode();
        marking.put("type", "marking-definition");
        marking.put("spec_version", "2.1");
        marking.put("id", TLP_AMBER);
        marking.put("created", "2017-01-20T00:00:00.000Z");
        marking.put("definition_type", "tlp");
        marking.put("name", "TLP:AMBER");
        marking.putObject("definition").put("tlp", "amber");
        return marking;
    }

    private void put(ObjectNode object) {
        objects.put(object.get("id").asText(), object);
    }

    private String brandRef(String brand) {
        return id("identity", "brand", brand);
    }

    private String id(String type, IntelItem item) {
        return id(type, item.signalClass().id(), item.key());
    }

    private String id(String type, String kind, String key) {
        return type + "--" + uuid5("touchmark/alliance/" + allianceId + "/" + type + "/" + kind + "/" + key);
    }

    private String startOf(LocalDate day) {
        return timestamp(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private String endOf(LocalDate day) {
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
        return timestamp(end.isAfter(now) ? now : end);
    }

    private static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** A name-based (version 5) UUID in the STIX namespace. */
    static UUID uuid5(String name) {
        return uuid5(STIX_NAMESPACE, name);
    }

    /** A name-based (version 5) UUID (RFC 9562, section 5.5). */
    static UUID uuid5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java platform", e);
        }
    }
}
