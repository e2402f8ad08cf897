package dev.touchmark.shopper;

import dev.touchmark.i18n.Lang;
import java.util.List;

/** The document shell shared by the shopper pages, and its one inline style sheet (no external resources). */
final class PageStyle {
    /** A foreground variable on a background variable that must reach a contrast ratio in both palettes. */
    record Pair(String fg, String bg, double minimum) {
    }

    /** Page colours, light then dark, as CSS custom properties. */
    static final String LIGHT = "--bg:#f4f4f2;--card:#ffffff;--text:#1b1b1b;--muted:#4d4d4d;--link:#0a58ca;"
            + "--btn-text:#ffffff;--field:#767676;--focus:#b45309";
    static final String DARK = "--bg:#121212;--card:#1e1e1e;--text:#ececec;--muted:#b5b5b5;--link:#8ab4f8;"
            + "--btn-text:#0b1a33;--field:#8a8a8a;--focus:#fbbf24";

    /** Text pairs need 4.5:1 (WCAG AA), borders and focus rings 3:1; PageStyleTest checks both palettes. */
    static final List<Pair> CONTRASTS = List.of(
            new Pair("--text", "--card", 4.5), new Pair("--text", "--bg", 4.5),
            new Pair("--muted", "--card", 4.5), new Pair("--muted", "--bg", 4.5),
            new Pair("--link", "--card", 4.5), new Pair("--link", "--bg", 4.5),
            new Pair("--btn-text", "--link", 4.5),
            new Pair("--field", "--card", 3), new Pair("--focus", "--bg", 3), new Pair("--focus", "--card", 3));

    private static final String LAYOUT = "*{box-sizing:border-box}"
            + "body{margin:0;background:var(--bg);color:var(--text);font:17px/1.55 system-ui,-apple-system,"
            + "\"Segoe UI\",Roboto,\"PingFang SC\",\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans CJK SC\","
            + "sans-serif;-webkit-text-size-adjust:100%;overflow-wrap:anywhere}"
            + "header,main{max-width:40rem;margin:0 auto;padding:0 1rem}"
            + "header{display:flex;justify-content:space-between;align-items:center;padding-top:.4rem}"
            + ".site{font-weight:700;letter-spacing:.02em}"
            + "a{color:var(--link)}"
            + ":focus-visible{outline:3px solid var(--focus);outline-offset:2px}"
            + ".lang{display:inline-block;min-width:48px;min-height:48px;padding:.7rem .8rem;font-weight:600;"
            + "text-align:center}"
            + ".card{background:var(--card);border-radius:12px;padding:1rem 1.1rem;margin:1rem 0}"
            + ".verdict{background:var(--tbg);color:var(--tfg);border-left:8px solid var(--accent);display:flex;"
            + "gap:.9rem;align-items:flex-start}"
            + ".icon{flex:none;margin-top:.2rem}.c{fill:var(--accent)}"
            + ".k{fill:none;stroke:var(--tbg);stroke-width:2.6;stroke-linecap:round;stroke-linejoin:round}"
            + "h1{font-size:1.65rem;line-height:1.25;margin:.1rem 0 .4rem}"
            + "h2{font-size:1.2rem;margin:0 0 .5rem}p{margin:.45rem 0}"
            + "ul{margin:.2rem 0;padding-left:1.3rem}li{margin:.4rem 0}"
            + ".product img{display:block;max-width:100%;height:auto;border-radius:8px;margin:.6rem 0}"
            + ".desc{white-space:pre-line}"
            + "dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:.6rem 0 0}"
            + "dt{color:var(--muted)}dd{margin:0;font-weight:600}"
            + ".meta-v{font-size:1rem;margin-top:.7rem}"
            + "label{display:block;font-weight:600;margin:.9rem 0 .3rem}"
            + "input,textarea{display:block;width:100%;font:inherit;padding:.65rem .7rem;min-height:48px;"
            + "border:2px solid var(--field);border-radius:8px;background:var(--card);color:var(--text)}"
            + "textarea{min-height:7rem;resize:vertical}"
            + ".btn{display:inline-block;min-height:48px;margin-top:1rem;padding:.7rem 1.3rem;border-radius:10px;"
            + "border:2px solid var(--link);font:inherit;font-weight:700;text-decoration:none;cursor:pointer}"
            + ".primary{background:var(--link);color:var(--btn-text)}.secondary{background:var(--card);"
            + "color:var(--link)}"
            + ".prominent{border:2px solid var(--accent)}"
            + "summary{cursor:pointer;min-height:48px;padding:.7rem 0;font-weight:600;color:var(--link)}"
            + ".nav{margin:1.5rem 0 2rem;text-align:center}"
            // A brand's bar: its colour with the text colour that contrasts with it, and its logo at half its pixels.
            + ".brandbar{min-height:3.6rem}.accented{background:var(--brand);color:var(--brand-text);"
            + "border-radius:0 0 12px 12px}.accented .lang{color:var(--brand-text)}"
            + ".accented :focus-visible{outline-color:var(--brand-text)}"
            + ".brandmark{display:flex;align-items:center;gap:.6rem;font-size:1.15rem}"
            + ".brandmark img{display:block;max-height:48px;width:auto;max-width:60vw}"
            + ".links .btn{margin:.4rem .5rem .2rem 0}"
            + ".brandbtn{background:var(--brand,var(--link));color:var(--brand-text,var(--btn-text));"
            + "border-color:var(--brand,var(--link))}"
            + ".by{color:var(--muted);font-size:.9rem;text-align:center;margin:-1rem 0 2rem}";

    private PageStyle() {
    }

    /** The whole style sheet: palettes, light and dark, and the layout. */
    static String css() {
        StringBuilder css = new StringBuilder(LAYOUT.length() + 1200);
        css.append(":root{color-scheme:light dark;").append(LIGHT).append('}');
        for (Tone tone : Tone.values()) {
            css.append(tone.cssVariables(false));
        }
        css.append("@media (prefers-color-scheme:dark){:root{").append(DARK).append('}');
        for (Tone tone : Tone.values()) {
            css.append(tone.cssVariables(true));
        }
        return css.append('}').append(LAYOUT).toString();
    }

    /**
     * The brand a page speaks for: its name (plain text), its logo (path and pixel size, or null) and colour pair
     * (#rrggbb, or null for Touchmark's colours), as {@link dev.touchmark.domain.Branding} shows them (checked there).
     */
    record Brand(String name, String logoPath, int logoWidth, int logoHeight, String colour, String textColour) {
        /** True when the bar has the brand's colours. */
        boolean accented() {
            return colour != null && textColour != null;
        }

        /** True when the brand has a logo to show. */
        boolean hasLogo() {
            return logoPath != null;
        }
    }

    /**
     * A complete HTML5 document. title is plain text; header and main are HTML that the caller has escaped.
     */
    static String document(Lang lang, String title, Tone tone, String headerExtra, String main) {
        return document(lang, title, tone, headerExtra, main, null);
    }

    /** A complete HTML5 document speaking for a brand (null: for Touchmark): its bar, and who checked the code. */
    static String document(Lang lang, String title, Tone tone, String headerExtra, String main, Brand brand) {
        String css = css();
        String header = "<header><span class=\"site\">" + Html.escape(Messages.SITE_NAME.in(lang)) + "</span>";
        String footer = "";
        if (brand != null && brand.name() != null) {
            boolean accented = brand.accented();
            if (accented) {
                css += ":root{--brand:" + brand.colour() + ";--brand-text:" + brand.textColour() + "}";
            }
            String mark = brand.hasLogo()
                    ? "<img src=\"" + Html.escape(brand.logoPath()) + "\" alt=\"" + Html.escape(brand.name()) + "\" width=\""
                            + Math.max(1, brand.logoWidth() / 2) + "\" height=\"" + Math.max(1, brand.logoHeight() / 2) + "\">"
                    : Html.escape(brand.name());
            header = "<header class=\"brandbar" + (accented ? " accented" : "") + "\"><span class=\"site brandmark\">"
                    + mark + "</span>";
            footer = "<p class=\"by\">" + Html.escape(Messages.CHECKED_BY.format(lang, brand.name())) + "</p>";
        }
        return "<!DOCTYPE html>\n<html lang=\"" + lang.tag() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><meta name=\"referrer\" content=\"no-referrer\">"
                + "<meta name=\"format-detection\" content=\"telephone=no\">"
                + "<title>" + Html.escape(Messages.TITLE_SUFFIX.format(lang, title)) + "</title>"
                + "<style>" + css + "</style></head>"
                + "<body class=\"" + tone.cssClass() + "\">" + header + headerExtra + "</header>"
                + "<main>" + main + footer + "</main></body></html>\n";
    }
}
