package dev.touchmark.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The links a brand puts on its verification pages ({@link Branding}), and the one rule each must follow: an https://
 * address with a host, or for support also a mailto: address; at most {@link #MAX_LENGTH} characters, no spaces or
 * control characters. The dashboard refuses other links with {@link #problem}; the page drops any that reach it
 * anyway with {@link #accepts}, since they end up in an href.
 */
public enum BrandLink {
    /** Where a shopper asks the brand for help: https or mailto. */
    SUPPORT(true),
    /** The brand's warranty terms or claim form: https only. */
    WARRANTY(false),
    /** Where a shopper registers the product: https only. */
    REGISTRATION(false);

    /** Longest link taken, in characters. */
    public static final int MAX_LENGTH = 500;
    private final boolean mailAllowed;

    BrandLink(boolean mailAllowed) {
        this.mailAllowed = mailAllowed;
    }

    private enum Fault { NONE, TOO_LONG, SPACES, SHAPE }

    /** True when the link may be shown: present and following this link's rule. */
    public boolean accepts(String url) {
        return url != null && fault(url) == Fault.NONE;
    }

    /** What to change, as a phrase starting "must be" for the field's name; empty when the link follows the rule. */
    public Optional<String> problem(String url) {
        String what = mailAllowed ? "an https:// address or mailto:support@brand.example" : "an https:// address";
        return switch (fault(url)) {
            case NONE -> Optional.empty();
            case TOO_LONG -> Optional.of("must be at most " + MAX_LENGTH + " characters");
            case SPACES -> Optional.of("must be " + what + " without spaces");
            case SHAPE -> Optional.of("must be " + what);
        };
    }

    private Fault fault(String url) {
        if (url.length() > MAX_LENGTH) {
            return Fault.TOO_LONG;
        }
        if (url.codePoints().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return Fault.SPACES;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        try {
            URI uri = new URI(url);
            if (lower.startsWith("https://") && uri.getHost() != null && !uri.getHost().isEmpty()) {
                return Fault.NONE;
            }
            if (mailAllowed && lower.startsWith("mailto:")
                    && uri.getSchemeSpecificPart().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                return Fault.NONE;
            }
        } catch (URISyntaxException e) {
            // not a URI at all: the wrong shape
        }
        return Fault.SHAPE;
    }
}
