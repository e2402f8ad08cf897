package dev.touchmark.shopper;

import dev.touchmark.config.ScanSettings;
import dev.touchmark.http.ClientAddress;
import dev.touchmark.scan.DeviceIds;
import dev.touchmark.scan.IpHasher;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * What a verification request tells us about its shopper, with privacy: the device cookie (issued if
 * missing), a country from a trusted proxy header, and a keyed hash of the client's network prefix
 * ({@link ClientAddress} says which address that is).
 */
public final class RequestFacts {
    public static final String DEVICE_COOKIE = "tm_device";
    private static final Set<String> COUNTRIES = Set.copyOf(Arrays.asList(Locale.getISOCountries()));
    private static final int TWO_YEARS_SECONDS = 63_072_000;
    private final ScanSettings settings;
    private final ClientAddress clientAddress;
    private final IpHasher ipHasher;
    private final DeviceIds deviceIds;
    private final boolean secureCookies;

    public RequestFacts(ScanSettings settings, ClientAddress clientAddress, IpHasher ipHasher, DeviceIds deviceIds,
                        boolean secureCookies) {
        this.settings = settings;
        this.clientAddress = clientAddress;
        this.ipHasher = ipHasher;
        this.deviceIds = deviceIds;
        this.secureCookies = secureCookies;
    }

    /** The device id from the cookie, or a new one set as a cookie on the response. */
    public String deviceFromCookie(Context ctx) {
        String device = ctx.cookie(DEVICE_COOKIE);
        if (DeviceIds.isValid(device)) {
            return device;
        }
        String created = deviceIds.create();
        ctx.res().addHeader("Set-Cookie", DEVICE_COOKIE + "=" + created + "; Path=/; Max-Age=" + TWO_YEARS_SECONDS
                + "; HttpOnly; SameSite=Lax" + (secureCookies ? "; Secure" : ""));
        return created;
    }

    /** The ISO country from the configured proxy header, or null. */
    public String country(Context ctx) {
        if (settings.countryHeader().isEmpty()) {
            return null;
        }
        String value = ctx.header(settings.countryHeader().get());
        if (value == null) {
            return null;
        }
        String code = value.strip().toUpperCase(Locale.ROOT);
        return COUNTRIES.contains(code) ? code : null;
    }

    /** The keyed hash of the client's network prefix as stored with what a shopper sent; null when unknown. */
    public String storedIpHash(Context ctx) {
        return ipHasher.hash(clientAddress.of(ctx));
    }

    /** The keyed hash of the client's network prefix: the key of every shopper and sign-in rate limit. */
    public String ipHash(Context ctx) {
        String hash = ipHasher.hash(clientAddress.of(ctx));
        return hash == null ? "unknown" : hash;
    }
}
