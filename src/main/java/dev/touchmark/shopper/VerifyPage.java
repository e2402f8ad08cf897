package dev.touchmark.shopper;

import dev.touchmark.verify.VerificationResult;

import dev.touchmark.domain.BrandLink;
import dev.touchmark.domain.Branding;
import dev.touchmark.domain.Verdict;
import static dev.touchmark.shopper.Html.escape;
import static dev.touchmark.shopper.Messages.*;

import dev.touchmark.domain.ScanRole;

import dev.touchmark.i18n.Lang;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The server-rendered pages a shopper sees after scanning a label: the verdict, the thank-you page after a
 * report, and error pages. Plain HTML and one inline style sheet; the verdict needs no JavaScript (a small
 * inline script only offers to share an approximate location); no external resources except the brand's
 * product image. Every value from a result is treated as untrusted and escaped.
 */
public final class VerifyPage {
    /** Where the error pages send the shopper to scan again; the scanner's usual address. */
    static final String DEFAULT_SCAN_URL = "/scan";
    /**
     * The Content-Security-Policy of verdict and report pages: no script but the location script (by its hash), no
     * style sheet but the page's own, images from the brand's http(s) URLs, the location sent to this server only,
     * the report form posted here only, and no other site may frame the page (a verdict inside a counterfeiter's page).
     */
    public static final String CSP = "default-src 'none'; script-src " + LocationShare.SCRIPT_SOURCE
            + "; style-src 'unsafe-inline'; img-src 'self' http: https:; connect-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";
    static final int MAX_DESCRIPTION = 4000;
    private static final int MAX_NAME = 200;
    private static final int MAX_FIELD = 100;
    private static final int MAX_ERROR_DETAIL = 300;
    /** Stands for markup inside a translated sentence until the sentence is escaped; never in a text itself. */
    private static final String PLACEHOLDER = "\u0000";

    private VerifyPage() {
    }

    /** The verification page for one scan, as a complete UTF-8 HTML5 document. */
    public static String render(VerificationResult result, Lang lang, PageLinks links) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(links, "links");
        VerdictTexts texts = VerdictTexts.of(result, lang, VerdictTexts.Where.of(links));
        boolean genuine = result.verdict() == Verdict.GENUINE;
        boolean showProduct = result.verdict() != null && result.verdict() != Verdict.NOT_GENUINE;
        // Nothing of a brand on a forged code's page: a forger must not borrow the brand's look or its links.
        Branding branding = showProduct ? result.branding() : Branding.NONE;
        String brandName = showProduct ? Html.clean(branding.nameOr(result.brandName()), MAX_NAME) : null;
        boolean afterSale = result.verdict() == Verdict.GENUINE || result.verdict() == Verdict.SEEN_BEFORE;
        StringBuilder main = new StringBuilder(8192)
                .append(verdictCard(texts, result, lang))
                .append(staffCheckNote(result, lang))
                .append(adviceCard(texts.advice(), lang));
        if (showProduct && !afterSale) {
            // A suspect or recalled product: the brand's support is where the shopper goes next.
            main.append(brandLinks(branding, brandName, false, lang));
        }
        if (links.reportUrl() != null && !genuine) {
            main.append(ReportForm.prominent(result.scanId(), lang, links.reportUrl()));
        }
        if (showProduct) {
            main.append(productCard(result, brandName, lang));
        }
        if (afterSale) {
            main.append(brandLinks(branding, brandName, true, lang));
        }
        if (links.reportUrl() != null && genuine) {
            main.append(ReportForm.secondary(result.scanId(), lang, links.reportUrl()));
        }
        // Forged codes too: where forgeries are scanned is what the brand (and its alliance) needs to find them.
        if (result.scanId() != null) {
            main.append(LocationShare.section(result.scanId(), lang));
        }
        main.append(navLink(links.scanPageUrl(), SCAN_ANOTHER.in(lang), genuine || VerdictTexts.isUnreadable(result)));
        PageStyle.Brand brand = brandName == null ? null : new PageStyle.Brand(brandName, branding.shownLogoPath(),
                branding.logoWidth(), branding.logoHeight(), branding.shownColour(), branding.accentText());
        return PageStyle.document(lang, texts.title(), texts.tone(), languageSwitch(lang, links), main.toString(), brand);
    }

    /**
     * Where to go next, as the brand set it: registration and warranty after a sale (all), or support alone for a
     * product in doubt. Nothing when the brand set none of them.
     */
    private static String brandLinks(Branding b, String brandName, boolean afterSale, Lang lang) {
        StringBuilder buttons = new StringBuilder(256);
        if (afterSale) {
            link(buttons, b.shownLink(BrandLink.REGISTRATION), BRAND_REGISTER.in(lang), "brand-register", true);
            link(buttons, b.shownLink(BrandLink.WARRANTY), BRAND_WARRANTY.in(lang), "brand-warranty", false);
        }
        link(buttons, b.shownLink(BrandLink.SUPPORT), BRAND_SUPPORT.format(lang, brandName == null ? "" : brandName),
                "brand-support", !afterSale);
        if (buttons.length() == 0) {
            return "";
        }
        return "<section class=\"card links\" id=\"brand-links\" aria-labelledby=\"brand-links-heading\">"
                + "<h2 id=\"brand-links-heading\">" + escape(BRAND_LINKS_HEADING.format(lang, brandName == null ? "" : brandName))
                + "</h2><p>" + buttons + "</p></section>";
    }

    /** A button for the link; none for a link the dashboard would refuse, since a stored value ends up in an href. */
    private static void link(StringBuilder buttons, String url, String text, String id, boolean primary) {
        if (url == null) {
            return;
        }
        buttons.append("<a class=\"btn ").append(primary ? "brandbtn" : "secondary").append("\" id=\"").append(id)
                .append("\" href=\"").append(escape(url)).append("\" rel=\"noopener noreferrer\">").append(escape(text))
                .append("</a>");
    }

    /** The page shown after a report was received; backUrl (the result page) may be null to hide the link. */
    public static String renderReportThanks(Lang lang, String backUrl) {
        Objects.requireNonNull(lang, "lang");
        String card = statusCard(Tone.GREEN, THANKS_TITLE.in(lang), List.of(THANKS_TEXT.in(lang)), "");
        return PageStyle.document(lang, THANKS_TITLE.in(lang), Tone.GREEN, "",
                card + navLink(backUrl, THANKS_BACK.in(lang), true));
    }

    /**
     * A report that was not taken, sent back to the shopper: what to change (problems, in their language) above
     * the form filled with what they typed, the fields named in invalid marked as such.
     */
    static String renderReportRetry(Lang lang, String scanId, String action, ReportForm.Values values, Set<String> invalid,
                                    List<String> problems) {
        Objects.requireNonNull(lang, "lang");
        String card = notSentCard(lang, problems, "report-problem");
        return PageStyle.document(lang, REPORT_NOT_SENT.in(lang), Tone.ORANGE, "",
                card + ReportForm.retry(scanId, lang, action, values, invalid, "report-problem")
                        + navLink(DEFAULT_SCAN_URL + "?lang=" + lang.param(), SCAN_ANOTHER.in(lang), false));
    }

    /** A report that cannot be sent again from here (its scan is unknown, or the form was unreadable). */
    static String renderReportNotSent(Lang lang, String problem) {
        Objects.requireNonNull(lang, "lang");
        return PageStyle.document(lang, REPORT_NOT_SENT.in(lang), Tone.ORANGE, "",
                notSentCard(lang, List.of(problem), "report-problem")
                        + navLink(DEFAULT_SCAN_URL + "?lang=" + lang.param(), SCAN_ANOTHER.in(lang), true));
    }

    private static String notSentCard(Lang lang, List<String> problems, String id) {
        StringBuilder card = new StringBuilder(512).append("<section class=\"card verdict\" role=\"alert\" id=\"")
                .append(escape(id)).append("\">").append(Tone.ORANGE.icon()).append("<div>")
                .append(Html.tag("h1", REPORT_NOT_SENT.in(lang)));
        problems.forEach(p -> card.append(Html.tag("p", p)));
        return card.append("</div></section>").toString();
    }

    /**
     * A readable error page for a status such as 400, 404, 429 or 500. message is an optional detail (plain
     * text, escaped, shortened); the headline and advice come from the status.
     */
    public static String renderError(Lang lang, int status, String message) {
        Objects.requireNonNull(lang, "lang");
        Messages[] keys = errorTexts(status);
        Tone tone = status >= 500 ? Tone.RED : Tone.ORANGE;
        String detail = Html.clean(message, MAX_ERROR_DETAIL);
        String meta = "<p class=\"meta-v\">" + escape(ERROR_STATUS.format(lang, status))
                + (detail == null ? "" : "<br>" + escape(ERROR_DETAIL.format(lang, detail))) + "</p>";
        String card = statusCard(tone, keys[0].in(lang), List.of(keys[1].in(lang)), meta);
        return PageStyle.document(lang, keys[0].in(lang), tone, "",
                card + navLink(DEFAULT_SCAN_URL + "?lang=" + lang.param(), SCAN_ANOTHER.in(lang), true)
                        + navLink("/?lang=" + lang.param(), ERROR_HOME.in(lang), false));
    }

    private static Messages[] errorTexts(int status) {
        if (status == 400) {
            return new Messages[] {ERROR_400_TITLE, ERROR_400_TEXT};
        } else if (status == 404) {
            return new Messages[] {ERROR_404_TITLE, ERROR_404_TEXT};
        } else if (status == 429) {
            return new Messages[] {ERROR_429_TITLE, ERROR_429_TEXT};
        } else if (status >= 500) {
            return new Messages[] {ERROR_5XX_TITLE, ERROR_5XX_TEXT};
        }
        return new Messages[] {ERROR_OTHER_TITLE, ERROR_OTHER_TEXT};
    }

    private static String verdictCard(VerdictTexts texts, VerificationResult r, Lang lang) {
        StringBuilder meta = new StringBuilder();
        if (r.checkedAt() != null) {
            // Said relative to now, in the shopper's words; the exact instant stays in the markup for machines.
            String when = "<time datetime=\"" + r.checkedAt().withOffsetSameInstant(java.time.ZoneOffset.UTC)
                    .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\">"
                    + escape(RelativeTime.ago(r.checkedAt(), r.checkedAt(), lang)) + "</time>";
            meta.append(escape(CHECKED_AT.format(lang, PLACEHOLDER)).replace(PLACEHOLDER, when));
        }
        String scanId = Html.clean(r.scanId(), MAX_FIELD);
        if (scanId != null) {
            meta.append(meta.length() > 0 ? "<br>" : "").append(escape(REFERENCE.format(lang, scanId)));
        }
        String metaHtml = meta.length() == 0 ? "" : "<p class=\"meta-v\">" + meta + "</p>";
        return statusCard(texts.tone(), texts.title(), texts.explanation(), metaHtml);
    }

    /** The coloured card with icon, headline and explanation; role="status" so screen readers announce it. */
    private static String statusCard(Tone tone, String title, List<String> paragraphs, String extraHtml) {
        StringBuilder card = new StringBuilder(512)
                .append("<section class=\"card verdict\" role=\"status\">").append(tone.icon())
                .append("<div>").append(Html.tag("h1", title));
        paragraphs.forEach(p -> card.append(Html.tag("p", p)));
        return card.append(extraHtml).append("</div></section>").toString();
    }

    /** For a staff check (signed in to the code's brand): a note that it was not counted; nothing otherwise. */
    private static String staffCheckNote(VerificationResult r, Lang lang) {
        if (r.countedAs() != ScanRole.STAFF) {
            return "";
        }
        return "<section class=\"card\" id=\"staff-check\" aria-labelledby=\"staff-check-heading\">"
                + "<h2 id=\"staff-check-heading\">" + escape(STAFF_CHECK_HEADING.in(lang)) + "</h2>"
                + Html.tag("p", STAFF_CHECK_TEXT.in(lang)) + "</section>";
    }

    private static String adviceCard(List<String> advice, Lang lang) {
        StringBuilder card = new StringBuilder(512).append("<section class=\"card\" aria-labelledby=\"todo\">")
                .append("<h2 id=\"todo\">").append(escape(WHAT_TO_DO.in(lang))).append("</h2><ul>");
        advice.forEach(a -> card.append(Html.tag("li", a)));
        return card.append("</ul></section>").toString();
    }

    private static String productCard(VerificationResult r, String brand, Lang lang) {
        String product = Html.clean(r.productName(), MAX_NAME);
        String description = Html.clean(r.productDescription(), MAX_DESCRIPTION);
        StringBuilder rows = new StringBuilder(256);
        row(rows, BRAND.in(lang), brand);
        row(rows, PRODUCT.in(lang), product);
        row(rows, LOT.in(lang), Html.clean(r.lot(), MAX_FIELD));
        row(rows, EXPIRY.in(lang), expiry(r.expiry(), r, lang));
        row(rows, SERIAL.in(lang), Html.clean(r.serial(), MAX_FIELD));
        String image = image(r.productImageUrl(), product != null ? product : brand);
        if (rows.length() == 0 && description == null && image.isEmpty()) {
            return "";
        }
        return "<section class=\"card product\" aria-labelledby=\"about\"><h2 id=\"about\">"
                + escape(PRODUCT_HEADING.in(lang)) + "</h2>" + image
                + (rows.length() == 0 ? "" : "<dl>" + rows + "</dl>")
                + (description == null ? "" : Html.tag("p", "desc", description)) + "</section>";
    }

    private static void row(StringBuilder rows, String label, String value) {
        if (value != null) {
            rows.append(Html.tag("dt", label)).append(Html.tag("dd", value));
        }
    }

    /** The expiry date, marked as expired when it is before the day of the check (UTC). */
    private static String expiry(LocalDate expiry, VerificationResult r, Lang lang) {
        if (expiry == null) {
            return null;
        }
        String date = Formats.date(expiry, lang);
        return VerdictTexts.isExpired(r) ? EXPIRED.format(lang, date) : date;
    }

    /** The product image, only for an absolute http(s) URL; lazy, without a referrer, with a fixed box. */
    private static String image(String url, String alt) {
        if (!Html.isSafeImageUrl(url)) {
            return "";
        }
        return "<img src=\"" + escape(url) + "\" alt=\"" + escape(alt) + "\" width=\"320\" height=\"320\""
                + " loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\">";
    }

    private static String languageSwitch(Lang lang, PageLinks links) {
        if (links.switchLanguageUrl() == null) {
            return "";
        }
        String other = lang.other().tag();
        return "<a class=\"lang\" href=\"" + escape(links.switchLanguageUrl()) + "\" hreflang=\"" + other
                + "\" lang=\"" + other + "\">" + escape(SWITCH_LANGUAGE.in(lang)) + "</a>";
    }

    private static String navLink(String url, String text, boolean primary) {
        if (url == null) {
            return "";
        }
        return "<p class=\"nav\"><a class=\"btn " + (primary ? "primary" : "secondary") + "\" href=\""
                + escape(url) + "\">" + escape(text) + "</a></p>";
    }
}
