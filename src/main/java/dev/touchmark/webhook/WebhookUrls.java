package dev.touchmark.webhook;

import dev.touchmark.error.ValidationException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks an endpoint URL as a brand sends it; the dispatcher checks the resolved addresses again at send time. */
public final class WebhookUrls {
    static final int MAX_LENGTH = 2000;
    private static final Pattern IPV4_LITERAL = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    private WebhookUrls() {
    }

    /** The URL if it is acceptable, else a ValidationException on the field that says why. */
    public static URI validate(String field, String url, boolean allowPrivateNetworks) {
        if (url == null || url.isBlank()) {
            throw ValidationException.of(field, "is required: an absolute http or https URL such as https://hooks.brand.example/touchmark");
        }
        String value = url.strip();
        if (value.length() > MAX_LENGTH) {
            throw ValidationException.of(field, "must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ValidationException.of(field, "is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw ValidationException.of(field, "must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw ValidationException.of(field, "must not contain a user name or password");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ValidationException.of(field, "must name a host");
        }
        if (uri.getRawFragment() != null) {
            throw ValidationException.of(field, "must not contain a fragment (#...)");
        }
        if (!allowPrivateNetworks && namesPrivateHost(uri.getHost())) {
            throw ValidationException.of(field, "must not point at a loopback or private network address "
                    + "(the operator can allow it with TOUCHMARK_WEBHOOK_ALLOW_PRIVATE=true)");
        }
        return uri;
    }

    /** True for localhost names and for private IP literals; names that need DNS are checked at send time. */
    static boolean namesPrivateHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        boolean ipv6 = h.startsWith("[") && h.endsWith("]");
        if (ipv6 || IPV4_LITERAL.matcher(h).matches()) {
            try {
                // A literal: getByName parses it without any lookup.
                return PrivateNetworks.isPrivate(InetAddress.getByName(ipv6 ? h.substring(1, h.length() - 1) : h));
            } catch (java.net.UnknownHostException e) {
                return true;
            }
        }
        return false;
    }
}
