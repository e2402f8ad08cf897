package dev.touchmark.alert;

import dev.touchmark.domain.Place;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One of a brand's own signals that other members of one of its alliances saw too: the alliance package finds them,
 * off the verification path, and raises them here as an alliance_match alert.
 *
 * @param key          the item: a cell, a normalised seller, a host, or a cell and week ("104:26@2026-W48")
 * @param otherMembers how many other members saw it (the brand itself not counted)
 * @param namedBrands  those of them that share with their name
 * @param days         the window they saw it in
 * @param centre       the middle of the cell, for hotspots and forgery waves; null otherwise
 */
public record AllianceMatch(long brandId, long allianceId, Kind kind, String key, int otherMembers,
                            List<String> namedBrands, int days, Place centre) {
    /** What matched. */
    public enum Kind { HOTSPOT, SELLER, HOST, WAVE }

    public AllianceMatch {
        namedBrands = List.copyOf(namedBrands);
        if (otherMembers < 1) {
            throw new IllegalArgumentException("a match needs at least one other member");
        }
    }

    /**
     * The alert's subject: one open alert per alliance and item. Keys can be long (a seller's address), so they are
     * hashed to fit the subject column.
     */
    String subject() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "alliance:" + allianceId + ":" + kind.name().toLowerCase(java.util.Locale.ROOT) + ":"
                    + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The ISO week of a forgery wave's key ("2026-W48"); empty for other kinds. */
    String week() {
        int at = key.indexOf('@');
        return at < 0 ? "" : key.substring(at + 1);
    }
}
