package dev.touchmark.shopper;

import dev.touchmark.code.CodeParseException;
import dev.touchmark.code.CodeParser;
import dev.touchmark.code.ParsedCode;
import dev.touchmark.error.ValidationException;
import dev.touchmark.verify.VerificationCatalog;
import java.net.IDN;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hosts printed on counterfeit labels: a QR code read by the scanner page or the photo form that leads to another
 * host (a lookalike of the brand's site, a phishing page) is recorded, by host name only, for the brand it claims.
 * It claims a brand when its path and query, taken as if they were on our origin, are one of our code URLs (compact
 * or GS1 Digital Link) naming a key id of that brand, or else a GTIN of that brand's products alone; the signature
 * is not checked (a counterfeit's is bad). Anything that claims no brand is not stored. The address is never
 * followed, and no verdict is recorded for it.
 */
public final class LabelHosts {
    /** The longest host name (DNS). */
    public static final int MAX_HOST = 253;
    /** The longest address looked at; longer is not a code (as {@link CodeParser#MAX_INPUT_LENGTH}). */
    public static final int MAX_URL = CodeParser.MAX_INPUT_LENGTH;
    private static final Pattern SCHEME = Pattern.compile("^https?://", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASCII_HOST = Pattern.compile("^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\\.)*"
            + "[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$|^\\[[0-9a-f:.]+]$");

    /** Where the address was read. */
    public enum Source {
        SCANNER("scanner"), PHOTO("photo");

        private final String id;

        Source(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** A foreign address split into what is kept (the host) and what attributes it (the path and query). */
    record Address(String host, String pathAndQuery) {
    }

    private final LabelHostRepository repository;
    private final VerificationCatalog catalog;
    private final String origin;
    private final Clock clock;

    /** publicUrl is this installation's public URL (TOUCHMARK_PUBLIC_URL). */
    public LabelHosts(LabelHostRepository repository, VerificationCatalog catalog, String publicUrl, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.origin = ScanTarget.origin(publicUrl);
        this.clock = clock;
    }

    /**
     * Checks an address a client sent (ValidationException on field "url" unless it is an absolute http(s) URL of
     * at most {@link #MAX_URL} characters) and records it as {@link #sighted} does.
     */
    public Optional<Long> report(String url, Source source, String ipHash) {
        if (url == null || url.isBlank()) {
            throw ValidationException.of("url", "is required: the address the QR code holds");
        }
        if (url.length() > MAX_URL) {
            throw ValidationException.of("url", "must be at most " + MAX_URL + " characters");
        }
        if (!SCHEME.matcher(url.strip()).find()) {
            throw ValidationException.of("url", "must be an absolute http or https URL");
        }
        return sighted(url, source, ipHash);
    }

    /**
     * Records one sighting when the text is an address on another origin that claims one of our brands; the id of
     * that brand, or empty when nothing was stored (our own address, not an address, or no brand claimed).
     */
    public Optional<Long> sighted(String text, Source source, String ipHash) {
        if (text == null || text.length() > MAX_URL || !(ScanTarget.classify(text, origin) instanceof ScanTarget.Foreign)) {
            return Optional.empty();
        }
        Optional<Address> address = split(text.strip());
        Optional<Long> brand = address.flatMap(a -> brandClaimed(a.pathAndQuery()));
        brand.ifPresent(id -> repository.insert(id, address.get().host(), OffsetDateTime.now(clock), source.id(), ipHash));
        return brand;
    }

    /** The brand a code URL's path and query name, if one: by key id, else by a GTIN that one brand alone has. */
    Optional<Long> brandClaimed(String pathAndQuery) {
        ParsedCode code;
        try {
            code = CodeParser.parse(origin + pathAndQuery);
        } catch (CodeParseException e) {
            return Optional.empty();
        }
        Optional<Long> byKey = catalog.key(code.shortKidText()).map(key -> key.info().brandId());
        if (byKey.isPresent() || code.gtin() == null) {
            return byKey;
        }
        List<Long> brands = repository.brandsWithGtin(code.gtin());
        return brands.size() == 1 ? Optional.of(brands.get(0)) : Optional.empty();
    }

    /** The host (see {@link #host}) and the path and query of an http(s) URL; empty when it has no usable host. */
    static Optional<Address> split(String url) {
        var scheme = SCHEME.matcher(url);
        if (!scheme.find()) {
            return Optional.empty();
        }
        String rest = url.substring(scheme.end());
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            if ("/?#\\".indexOf(rest.charAt(i)) >= 0) {
                end = i;
                break;
            }
        }
        String tail = rest.substring(end);
        int hash = tail.indexOf('#');
        tail = hash < 0 ? tail : tail.substring(0, hash);
        if (!tail.startsWith("/")) {
            tail = "/" + tail.replaceFirst("^\\\\+", "");
        }
        String pathAndQuery = tail;
        return host(rest.substring(0, end)).map(host -> new Address(host, pathAndQuery));
    }

    /**
     * The host of a URL's authority: lower-case, an internationalised name as punycode, without user, port or
     * trailing dot; empty when it is not a host name or an IP address literal of at most {@link #MAX_HOST}.
     */
    static Optional<String> host(String authority) {
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close < 0 ? host : host.substring(0, close + 1);
        } else if (host.lastIndexOf(':') >= 0) {
            host = host.substring(0, host.lastIndexOf(':'));
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!host.startsWith("[")) {
            try {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.isEmpty() || host.length() > MAX_HOST || !ASCII_HOST.matcher(host).matches()
                ? Optional.empty() : Optional.of(host);
    }
}
