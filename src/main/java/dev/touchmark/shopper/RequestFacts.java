package dev.touchmark.shopper;

import dev.touchmark.access.ApiAuth;
import dev.touchmark.access.SessionService;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.domain.ScanRole;
import dev.touchmark.http.ClientAddress;
import dev.touchmark.scan.DeviceIds;
import dev.touchmark.scan.IpHasher;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * What a verification request tells us about its shopper, with privacy: the device cookie (issued if
 * missing), a country from a trusted proxy header, a keyed hash of the client's network prefix
 * ({@link ClientAddress} says which address that is), whether it is a link preview rather than a shopper's browser,
 * and the brand whose dashboard it is signed in to (a staff check, when the code is that brand's).
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
    private final SessionService sessions;

    public RequestFacts(ScanSettings settings, ClientAddress clientAddress, IpHasher ipHasher, DeviceIds deviceIds,
                        boolean secureCookies, SessionService sessions) {
        this.sessions = sessions;
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

    /**
     * What a GET of a code's page counts as: a link preview for HEAD requests and clients that are not a browser
     * ({@link LinkPreviews}), else a shopper's scan.
     */
    public ScanRole pageRole(Context ctx) {
        return LinkPreviews.notABrowser(ctx.method().name(), ctx.header("User-Agent")) ? ScanRole.PREVIEW : ScanRole.SHOPPER;
    }

    /**
     * The brand whose dashboard this request is signed in to (a live session cookie), or null. The database is asked
     * only when the request carries the session cookie, so a shopper's scan costs nothing here.
     */
    public Long staffBrand(Context ctx) {
        String token = ctx.cookie(ApiAuth.SESSION_COOKIE);
        if (token == null) {
            return null;
        }
        try {
            return sessions.authenticate(token).map(session -> session.principal().brandId()).orElse(null);
        } catch (RuntimeException e) {
            // The session store cannot answer: the scan counts as a shopper's, as it would without the cookie.
            return null;
        }
    }
}
