package dev.touchmark.scan;

import dev.touchmark.code.Base32;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Random first-party device ids (no accounts): 128 bits in base32, kept in a cookie by the shopper's browser. */
public final class DeviceIds {
    private static final Pattern VALID = Pattern.compile("^[A-Z2-7]{26}$");
    private final SecureRandom random;

    public DeviceIds(SecureRandom random) {
        this.random = random;
    }

    /** A new device id. */
    public String create() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base32.encode(bytes);
    }

    /** True if a value sent back by a browser or an app has the shape of a device id. */
    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }
}
