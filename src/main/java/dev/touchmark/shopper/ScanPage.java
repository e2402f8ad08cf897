package dev.touchmark.shopper;

import static dev.touchmark.shopper.Html.escape;
import static dev.touchmark.shopper.ScanMessages.*;

import dev.touchmark.i18n.Lang;
import java.util.Objects;

/**
 * The in-browser scanner page and the pages that answer a photo upload. Server-rendered in the shopper's
 * language with the verdict pages' look ({@link PageStyle}); the live camera is added by /assets/scan.js with
 * the html5-qrcode library, and the photo form works without JavaScript. Decoded content is shown as text,
 * never as a link.
 */
public final class ScanPage {
    /** The html5-qrcode bundle inside its WebJar, served by Javalin's WebJar support. */
    public static final String LIBRARY_PATH = "/webjars/html5-qrcode/2.2.1/html5-qrcode.min.js";
    static final String UPLOAD_PATH = "/scan/upload";
    private static final int MAX_SHOWN = 500;

    private ScanPage() {
    }

    /**
     * The page of GET /scan.
     *
     * @param origin       our public origin, which scan.js compares decoded URLs with
     * @param explicitLang the ?lang= the page was asked with (carried to the verdict and the upload), or null
     * @param switchUrl    this page in the other language
     */
    public static String scanner(Lang lang, String origin, Lang explicitLang, String switchUrl) {
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(origin, "origin");
        String host = ScanTarget.hostOf(origin);
        String langAttr = explicitLang == null ? "" : " data-lang=\"" + param(explicitLang) + "\"";
        String main = "<h1>" + escape(PAGE_TITLE.in(lang)) + "</h1>"
                + "<p>" + escape(INTRO.in(lang)) + "</p>"
                + foreignCard(lang, host, "<code id=\"foreign-url\" class=\"url\"></code>", " id=\"foreign\" hidden", "h2")
                + notOursCard(lang, "<code id=\"not-ours-text\" class=\"url\"></code>", " id=\"not-ours\" hidden", "h2")
                + "<section class=\"card\" id=\"scanner\" aria-labelledby=\"cam-h\" data-origin=\"" + escape(origin)
                + "\"" + langAttr
                + data("ready", STATUS_READY, lang) + data("starting", STATUS_STARTING, lang)
                + data("scanning", STATUS_SCANNING, lang) + data("slow", STATUS_SLOW, lang)
                + data("opening", STATUS_OPENING, lang)
                + data("stopped", STATUS_STOPPED, lang) + data("denied", CAMERA_DENIED, lang)
                + data("missing", CAMERA_MISSING, lang) + data("unsupported", CAMERA_UNSUPPORTED, lang)
                + data("failed", CAMERA_FAILED, lang) + ">"
                + "<h2 id=\"cam-h\">" + escape(CAMERA_HEADING.in(lang)) + "</h2>"
                + "<div id=\"reader\" class=\"reader\" role=\"img\" aria-label=\"" + attr(CAMERA_VIEW, lang)
                + "\" hidden></div>"
                + "<p id=\"cam-status\" class=\"status\" role=\"status\" aria-live=\"polite\">"
                + "<noscript>" + escape(NOSCRIPT.in(lang)) + "</noscript></p>"
                + "<p class=\"buttons\">" + button("start", "primary", START_CAMERA, lang)
                + button("again", "primary", SCAN_AGAIN, lang) + button("stop", "secondary", STOP_CAMERA, lang)
                + "</p></section>"
                + uploadForm(lang, explicitLang);
        String head = "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"
                + "<link rel=\"stylesheet\" href=\"/assets/scan.css\">"
                + "<script defer src=\"" + LIBRARY_PATH + "\"></script>"
                + "<script type=\"module\" src=\"/assets/scan.js\"></script>";
        return withHead(PageStyle.document(lang, PAGE_TITLE.in(lang), Tone.BLUE, languageSwitch(lang, switchUrl), main),
                head);
    }

    /** The answer to a photo whose QR leads to another website: a warning, the address as text only. */
    public static String foreign(Lang lang, String origin, String url, String scanUrl) {
        String shown = "<code class=\"url\">" + escape(Html.clean(url, MAX_SHOWN)) + "</code>";
        return result(lang, FOREIGN_TITLE.in(lang), Tone.RED,
                foreignCard(lang, ScanTarget.hostOf(origin), shown, "", "h1") + nav(scanUrl, SCAN_AGAIN.in(lang)));
    }

    /** The answer to a photo whose QR holds text that is not a web address. */
    public static String notOurs(Lang lang, String text, String scanUrl) {
        String shown = "<code class=\"url\">" + escape(Html.clean(text, MAX_SHOWN)) + "</code>";
        return result(lang, NOT_OURS_TITLE.in(lang), Tone.ORANGE,
                notOursCard(lang, shown, "", "h1") + nav(scanUrl, SCAN_AGAIN.in(lang)));
    }

    /** A problem with the photo itself (no QR found, not an image, too large, too many, busy). */
    public static String problem(Lang lang, ScanMessages title, String text, String scanUrl) {
        String card = "<section class=\"card verdict tone-orange\" role=\"alert\">" + Tone.ORANGE.icon() + "<div>"
                + Html.tag("h1", title.in(lang)) + Html.tag("p", text) + "</div></section>";
        return result(lang, title.in(lang), Tone.ORANGE, card + nav(scanUrl, TRY_ANOTHER.in(lang)));
    }

    private static String foreignCard(Lang lang, String host, String urlHtml, String attributes, String heading) {
        return "<section class=\"card verdict tone-red\" role=\"alert\"" + attributes + ">" + Tone.RED.icon()
                + "<div>" + Html.tag(heading, FOREIGN_TITLE.in(lang)) + Html.tag("p", FOREIGN_TEXT.format(lang, host))
                + Html.tag("p", FOREIGN_ADDRESS.in(lang)) + "<p>" + urlHtml + "</p>"
                + Html.tag("p", FOREIGN_ADVICE.in(lang)) + "</div></section>";
    }

    private static String notOursCard(Lang lang, String textHtml, String attributes, String heading) {
        return "<section class=\"card verdict tone-orange\" role=\"alert\"" + attributes + ">" + Tone.ORANGE.icon()
                + "<div>" + Html.tag(heading, NOT_OURS_TITLE.in(lang)) + Html.tag("p", NOT_OURS_TEXT.in(lang))
                + Html.tag("p", NOT_OURS_CONTENT.in(lang)) + "<p>" + textHtml + "</p></div></section>";
    }

    private static String uploadForm(Lang lang, Lang explicitLang) {
        String action = UPLOAD_PATH + (explicitLang == null ? "" : "?lang=" + param(explicitLang));
        return "<section class=\"card\" aria-labelledby=\"up-h\"><h2 id=\"up-h\">" + escape(UPLOAD_HEADING.in(lang))
                + "</h2><p>" + escape(UPLOAD_INTRO.in(lang)) + "</p>"
                + "<form method=\"post\" action=\"" + escape(action) + "\" enctype=\"multipart/form-data\">"
                + "<label for=\"photo\">" + escape(UPLOAD_LABEL.in(lang)) + "</label>"
                + "<input id=\"photo\" name=\"photo\" type=\"file\" accept=\"image/*\" capture=\"environment\" required"
                + " aria-describedby=\"photo-hint\">"
                + "<p id=\"photo-hint\" class=\"hint\">" + escape(UPLOAD_HINT.in(lang)) + "</p>"
                + "<button type=\"submit\" class=\"btn primary\">" + escape(UPLOAD_SEND.in(lang)) + "</button>"
                + "</form></section>";
    }

    private static String result(Lang lang, String title, Tone tone, String main) {
        return withHead(PageStyle.document(lang, title, tone, "", main),
                "<link rel=\"stylesheet\" href=\"/assets/scan.css\">");
    }

    private static String nav(String url, String text) {
        return "<p class=\"nav\"><a class=\"btn primary\" href=\"" + escape(url) + "\">" + escape(text) + "</a></p>";
    }

    private static String languageSwitch(Lang lang, String switchUrl) {
        String other = lang.other().tag();
        return "<a class=\"lang\" href=\"" + escape(switchUrl) + "\" hreflang=\"" + other + "\" lang=\"" + other + "\">"
                + escape(Messages.SWITCH_LANGUAGE.in(lang)) + "</a>";
    }

    /** Inserts extra head elements into a document from {@link PageStyle#document}. */
    private static String withHead(String document, String head) {
        int end = document.indexOf("</head>");
        return document.substring(0, end) + head + document.substring(end);
    }

    /** A hidden button that scan.js shows when it applies. */
    private static String button(String id, String kind, ScanMessages text, Lang lang) {
        return "<button type=\"button\" id=\"" + id + "\" class=\"btn " + kind + "\" hidden>" + escape(text.in(lang))
                + "</button>";
    }

    /** A data-msg-* attribute with a text for scan.js. */
    private static String data(String name, ScanMessages message, Lang lang) {
        return " data-msg-" + name + "=\"" + attr(message, lang) + "\"";
    }

    private static String attr(ScanMessages message, Lang lang) {
        return escape(message.in(lang));
    }

    static String param(Lang lang) {
        return lang.param();
    }
}
