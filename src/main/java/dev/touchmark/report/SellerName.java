package dev.touchmark.report;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seller a shopper named, as a key that is the same however shoppers spell one shop, website or marketplace
 * listing: "Best  Deals" and "best deals" match, and so do "www.Shop.example/Item/7/" and
 * "https://m.shop.example/item/7?utm..." once the tracking is gone. Names that carry personal data (a phone number,
 * an e-mail address) or tracking parameters are refused with what the shopper should change.
 *
 * <p>The whole key is lower-case, a URL's path included. Some marketplaces' listing ids are case-sensitive, but
 * two listings of one host whose ids differ only in case are far rarer than shoppers typing one address in two
 * cases, and a key only groups what shoppers named; it is never opened.
 */
public final class SellerName {
    /** The longest key (the seller_key column); keys are cut there. */
    public static final int MAX_KEY = 300;
    /** The longest name looked at; reports take at most 200 characters. */
    public static final int MAX_INPUT = 1000;
    /** Query parameters that name the listing itself, kept in a URL's key; any other parameter is dropped. */
    static final Set<String> LISTING_PARAMETERS = Set.of("id", "item", "itemid", "item_id", "p", "pid", "product",
            "productid", "product_id", "sku", "goods_id");
    /** Query parameters that track the shopper or the campaign, not the listing. */
    static final Set<String> TRACKING_PARAMETERS = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
            "yclid", "twclid", "ttclid", "mc_eid", "mc_cid", "igshid", "igsh", "ref", "ref_", "ref_src", "spm", "scm",
            "si", "_hsenc", "_hsmi", "mkt_tok", "trk", "li_fat_id", "srsltid", "share_source", "sharer_uid");
    private static final List<String> TRACKING_PREFIXES = List.of("utm_", "pd_rd_", "pf_rd_");
    /** Query parameters whose value is a phone number when it has 7 or more digits. */
    private static final Set<String> PHONE_PARAMETERS = Set.of("phone", "tel", "mobile", "whatsapp");
    /** Hosts whose path is a phone number (WhatsApp's click-to-chat links). */
    private static final Set<String> PHONE_HOSTS = Set.of("wa.me");

    private static final Pattern SCHEME = Pattern.compile("^(https?)://", Pattern.CASE_INSENSITIVE);
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?";
    /** A bare host name with a letters-only top-level domain, optionally a port: "shop.example", "店.中国". */
    private static final Pattern HOST = Pattern.compile("^(?:" + LABEL + "\\.)+\\p{L}{2,63}\\.?(?::\\p{Nd}{1,5})?$");
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@(?:" + LABEL + "\\.)+\\p{L}{2,63}");
    /** A run of digits with the separators people write phone numbers with; a phone number has 7 digits or more. */
    private static final Pattern DIGIT_RUN = Pattern.compile("\\+?\\(?\\p{Nd}(?:[\\s().\\-]*\\p{Nd})*");
    private static final Pattern URL_TOKEN = Pattern.compile("(?i)(?:https?://)?[^\\s]*[./][^\\s]*");
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cc}&&[^\\s]]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final int PHONE_DIGITS = 7;

    private SellerName() {
    }

    /** What became of a seller's name. */
    public sealed interface Result permits Key, Refused {
    }

    /** The seller's key. */
    public record Key(String key) implements Result {
    }

    /** Why a name is refused, and for tracking the parameters to remove (as written in the address). */
    public record Refused(Reason reason, List<String> parameters) implements Result {
        public Refused {
            parameters = List.copyOf(parameters);
        }

        /** What the shopper should change, in English (the API's language). */
        public String message() {
            return switch (reason) {
                case TRACKING -> "the address carries tracking parameters (" + String.join(", ", parameters)
                        + "); remove them and send the address of the shop or listing only";
                case PHONE -> "looks like a phone number, which is personal data; name the shop, website or listing instead";
                case EMAIL -> "contains an e-mail address, which is personal data; name the shop, website or listing instead";
            };
        }
    }

    /** The kinds of refusal. */
    public enum Reason {
        TRACKING, PHONE, EMAIL
    }

    /**
     * The key of a seller's name, or why it is refused. Null, blank or overlong text (over {@link #MAX_INPUT}: the
     * checks take time that grows faster than the length) is the caller's to refuse first.
     */
    public static Result of(String seller) {
        if (seller == null || seller.isBlank()) {
            throw new IllegalArgumentException("a seller's name must not be blank");
        }
        if (seller.length() > MAX_INPUT) {
            throw new IllegalArgumentException("a seller's name must be at most " + MAX_INPUT + " characters");
        }
        String text = clean(seller);
        boolean oneWord = !text.contains(" ");
        Matcher scheme = SCHEME.matcher(text);
        if (oneWord && scheme.find() && !host(authorityOf(text.substring(scheme.end()))).isEmpty()) {
            return url(text.substring(scheme.end()));
        }
        if (EMAIL.matcher(text).find()) {
            return new Refused(Reason.EMAIL, List.of());
        }
        if (oneWord && HOST.matcher(authorityOf(text)).matches()) {
            return url(text);
        }
        return textKey(text);
    }

    /** NFKC (full-width letters and digits become plain ones), invisible characters out, one space between words. */
    private static String clean(String seller) {
        String text = Normalizer.normalize(seller, Normalizer.Form.NFKC);
        text = INVISIBLE.matcher(text).replaceAll("");
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /**
     * A name that is not a single address: the addresses inside it are checked for tracking, the rest for phone
     * numbers (a listing's long number in a path is not one), and the whole is keyed as lower-case text.
     */
    private static Result textKey(String text) {
        List<String> tracking = new ArrayList<>();
        StringBuilder outsideUrls = new StringBuilder();
        int last = 0;
        Matcher token = URL_TOKEN.matcher(text);
        while (token.find()) {
            String found = token.group();
            Matcher scheme = SCHEME.matcher(found);
            boolean hasScheme = scheme.find();
            String rest = hasScheme ? found.substring(scheme.end()) : found;
            if (!hasScheme && !HOST.matcher(rest.split("[/?#]", 2)[0]).matches()) {
                continue;
            }
            int query = rest.indexOf('?');
            if (query >= 0) {
                int hash = rest.indexOf('#', query);
                tracking.addAll(tracking(rest.substring(query + 1, hash < 0 ? rest.length() : hash)));
            }
            outsideUrls.append(text, last, token.start()).append(' ');
            last = token.end();
        }
        outsideUrls.append(text.substring(last));
        if (!tracking.isEmpty()) {
            return new Refused(Reason.TRACKING, tracking);
        }
        if (hasPhone(outsideUrls.toString())) {
            return new Refused(Reason.PHONE, List.of());
        }
        return new Key(cut(text.toLowerCase(Locale.ROOT)));
    }

    /** An address (its scheme already removed): host without www. or m., path, listing parameters. */
    private static Result url(String rest) {
        String authority = authorityOf(rest);
        String tail = rest.substring(authority.length());
        int hash = tail.indexOf('#');
        if (hash >= 0) {
            tail = tail.substring(0, hash);
        }
        int q = tail.indexOf('?');
        String path = q < 0 ? tail : tail.substring(0, q);
        String query = q < 0 ? "" : tail.substring(q + 1);
        String host = host(authority);
        String decodedPath = decode(path);
        if (EMAIL.matcher(decodedPath).find() || EMAIL.matcher(decode(query)).find()) {
            return new Refused(Reason.EMAIL, List.of());
        }
        List<String> tracking = tracking(query);
        if (!tracking.isEmpty()) {
            return new Refused(Reason.TRACKING, tracking);
        }
        if (PHONE_HOSTS.contains(host) && hasPhone(decodedPath) || phoneInQuery(query)) {
            return new Refused(Reason.PHONE, List.of());
        }
        StringBuilder key = new StringBuilder(host).append(keyPath(decodedPath));
        TreeMap<String, String> kept = listingParameters(query);
        String separator = "?";
        for (var parameter : kept.entrySet()) {
            key.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
            separator = "&";
        }
        return new Key(cut(key.toString().toLowerCase(Locale.ROOT)));
    }

    private static String authorityOf(String rest) {
        return rest.substring(0, firstOf(rest, "/?#"));
    }

    /** Lower-case host, IDN as punycode, without user, port, trailing dot, or a leading "www." or "m.". */
    static String host(String authority) {
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[") && host.indexOf(']') > 0) {
            host = host.substring(0, host.indexOf(']') + 1);
        } else {
            int colon = host.lastIndexOf(':');
            host = colon < 0 ? host : host.substring(0, colon);
        }
        host = decode(host).toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            // Not a name IDNA can spell in ASCII (a label over 63 characters): the Unicode spelling still groups.
        }
        while ((host.startsWith("www.") || host.startsWith("m.")) && host.indexOf('.', host.indexOf('.') + 1) > 0) {
            host = host.substring(host.indexOf('.') + 1);
        }
        return host;
    }

    /** The path without empty segments, a trailing slash, or tracking segments such as "/ref=sr_1_1". */
    private static String keyPath(String path) {
        StringBuilder kept = new StringBuilder();
        for (String segment : path.split("/")) {
            if (!segment.isBlank() && !segment.toLowerCase(Locale.ROOT).startsWith("ref=")) {
                kept.append('/').append(segment.strip());
            }
        }
        return kept.toString();
    }

    /** The tracking parameters of a query, as written, in order. */
    private static List<String> tracking(String query) {
        List<String> found = new ArrayList<>();
        for (String pair : query.split("&")) {
            String name = decode(pair.split("=", 2)[0]).strip();
            String lower = name.toLowerCase(Locale.ROOT);
            boolean prefixed = TRACKING_PREFIXES.stream().anyMatch(lower::startsWith);
            if (!name.isEmpty() && (TRACKING_PARAMETERS.contains(lower) || prefixed) && !found.contains(name)) {
                found.add(name);
            }
        }
        return found;
    }

    private static boolean phoneInQuery(String query) {
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            if (nameValue.length == 2 && PHONE_PARAMETERS.contains(decode(nameValue[0]).strip().toLowerCase(Locale.ROOT))
                    && hasPhone(decode(nameValue[1]))) {
                return true;
            }
        }
        return false;
    }

    /** The listing parameters of a query, by name (lower-case), each once with its first non-empty value. */
    private static TreeMap<String, String> listingParameters(String query) {
        TreeMap<String, String> kept = new TreeMap<>();
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            String name = decode(nameValue[0]).strip().toLowerCase(Locale.ROOT);
            String value = nameValue.length == 2 ? decode(nameValue[1]).strip() : "";
            if (LISTING_PARAMETERS.contains(name) && !value.isEmpty()) {
                kept.putIfAbsent(name, value);
            }
        }
        return kept;
    }

    /** Whether the text has a run of 7 or more digits written the way phone numbers are. */
    static boolean hasPhone(String text) {
        Matcher run = DIGIT_RUN.matcher(text);
        while (run.find()) {
            if (run.group().codePoints().filter(Character::isDigit).count() >= PHONE_DIGITS) {
                return true;
            }
        }
        return false;
    }

    /** Percent-decoding of UTF-8 ("+" stays: it is a phone number's plus as often as a space); as-is when invalid. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 3;
            } else {
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return text;
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static int firstOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** At most MAX_KEY characters, never splitting a surrogate pair. */
    private static String cut(String key) {
        if (key.length() <= MAX_KEY) {
            return key;
        }
        int end = Character.isHighSurrogate(key.charAt(MAX_KEY - 1)) ? MAX_KEY - 1 : MAX_KEY;
        return key.substring(0, end);
    }
}
