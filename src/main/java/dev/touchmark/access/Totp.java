package dev.touchmark.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over HOTP, RFC 4226) as authenticator apps make them: HMAC-SHA1, 30-second
 * steps from the Unix epoch, 6 digits. A code is accepted for the current step or one step either side, compared in
 * constant time; the caller stores the step it matched so that the same code is not accepted twice.
 */
public final class Totp {
    /** Seconds per time step. */
    public static final int PERIOD_SECONDS = 30;
    /** Digits per code. */
    public static final int DIGITS = 6;
    /** Steps of clock drift accepted either side of the current one. */
    static final int DRIFT_STEPS = 1;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private final Clock clock;
    private final String algorithm;
    private final int digits;

    /** The authenticator-app profile: HMAC-SHA1, 6 digits. */
    public Totp(Clock clock) {
        this(clock, "HmacSHA1", DIGITS);
    }

    /** Another HMAC or length, for RFC 6238's own test vectors (8 digits, SHA-256 and SHA-512 too). */
    Totp(Clock clock, String algorithm, int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("a TOTP has 6 to 8 digits");
        }
        this.clock = clock;
        this.algorithm = algorithm;
        this.digits = digits;
    }

    /** The time step now. */
    public long currentStep() {
        return Math.floorDiv(clock.millis() / 1000, PERIOD_SECONDS);
    }

    /** The code for a time step. */
    public String code(byte[] secret, long step) {
        byte[] hmac;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            hmac = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is unavailable", e);
        }
        int offset = hmac[hmac.length - 1] & 0x0f;
        int binary = ((hmac[offset] & 0x7f) << 24) | ((hmac[offset + 1] & 0xff) << 16)
                | ((hmac[offset + 2] & 0xff) << 8) | (hmac[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /**
     * The time step (now, or one step either side) whose code this is, if any. Every candidate is computed and
     * compared in constant time, so the answer's timing tells nothing of which step, or how much of a code, matched.
     */
    public OptionalLong match(byte[] secret, String given) {
        if (given == null || given.length() != digits || !given.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] offered = given.getBytes(StandardCharsets.US_ASCII);
        long now = currentStep();
        long matched = -1;
        for (long step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
            boolean same = MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII), offered);
            matched = same && matched < 0 ? step : matched;
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }
}
