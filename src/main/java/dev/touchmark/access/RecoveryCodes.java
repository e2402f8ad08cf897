package dev.touchmark.access;

import dev.touchmark.code.Base32;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One-time recovery codes for a lost authenticator: ten codes of 50 random bits, written as two groups of five
 * base32 characters ("k7qz2-m4xpa"). Only a SHA-256 of each, bound to its user, is stored.
 */
final class RecoveryCodes {
    /** Codes handed out at a time. */
    static final int COUNT = 10;
    private static final int BYTES = 7;
    private static final int CHARS = 10;

    private RecoveryCodes() {
    }

    /** Fresh codes as the user sees them. */
    static List<String> generate(SecureRandom random) {
        List<String> codes = new ArrayList<>(COUNT);
        byte[] bytes = new byte[BYTES];
        while (codes.size() < COUNT) {
            random.nextBytes(bytes);
            String text = Base32.encode(bytes).substring(0, CHARS).toLowerCase(Locale.ROOT);
            String code = text.substring(0, 5) + "-" + text.substring(5);
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        return codes;
    }

    /**
     * A code as typed (any case, with or without the dash and spaces) in its canonical form, or empty if it cannot be
     * a recovery code.
     */
    static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        String plain = typed.replace("-", "").replace(" ", "").strip().toUpperCase(Locale.ROOT);
        if (plain.length() != CHARS || !plain.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
            return Optional.empty();
        }
        return Optional.of(plain);
    }

    /** What is stored for a user's code (hex SHA-256 of the user id and the canonical code). */
    static String hash(long userId, String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("touchmark/recovery-code/v1|" + userId + "|" + canonical).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored form of a code as generated. */
    static String hashOfGenerated(long userId, String code) {
        return hash(userId, normalise(code).orElseThrow());
    }
}
