package dev.touchmark.verify;

import dev.touchmark.i18n.Lang;

/**
 * Every shopper-facing string, in English and Simplified Chinese. Placeholders are {0}, {1}, ...; their
 * arguments are plain text and are escaped by the page, never by the message.
 */
public enum Messages {
    SITE_NAME("Touchmark", "Touchmark"),
    TITLE_SUFFIX("{0} · Touchmark", "{0} · Touchmark"),
    SWITCH_LANGUAGE("中文", "English"),
    SCAN_ANOTHER("Scan another code", "扫描其他码"),
    WHAT_TO_DO("What to do", "接下来怎么做"),

    GENUINE_TITLE("Genuine product", "正品"),
    GENUINE_SUMMARY("This code was issued by the brand, and this product is genuine.",
            "此码由品牌方签发，该产品为正品。"),
    GENUINE_ADVICE("Nothing to do. Enjoy your purchase.", "无需任何操作，请放心使用。"),

    SEEN_BEFORE_TITLE("Genuine code, checked before", "已被验证过的正品码"),
    SEEN_BEFORE_SUMMARY("This code is genuine, but another phone checked it first: on {0}, in {1}.",
            "此码为正品码，但已于{0}在{1}被另一部手机验证过。"),
    SEEN_BEFORE_SUMMARY_NO_TIME("This code is genuine, but another phone has checked it before.",
            "此码为正品码，但此前已被另一部手机验证过。"),
    SEEN_BEFORE_ADVICE_SEALED("If you have just bought this product sealed, its label may have been copied. "
            + "Ask the seller about it, or report it below.",
            "如果您刚刚购买了这件未拆封的产品，其标签可能被复制。请向卖家询问，或在下方报告。"),
    SEEN_BEFORE_ADVICE_OWNED("If the product was already yours, or someone you know checked it, there is nothing to do.",
            "如果产品本来就是您的，或是您认识的人验证过，则无需任何操作。"),
    UNKNOWN_PLACE("an unknown place", "未知地点"),

    SUSPECT_TITLE("Suspect", "可疑"),
    SUSPECT_SUMMARY_COUNTS("This code has been checked on {0} different phones, {1} times in all. "
            + "A genuine label is rarely checked like this, so this one may have been copied.",
            "此码已在{0}部不同的手机上被验证，共{1}次。正品标签很少出现这种情况，此标签可能已被复制。"),
    SUSPECT_SUMMARY("This code has been checked in a pattern that copied labels produce, "
            + "for example in places far apart.",
            "此码的验证记录与被复制标签的特征相符，例如在相距很远的地方被验证。"),
    SUSPECT_REASON_TRAVEL("It was checked in two places too far apart for anyone to travel between them in the time between"
            + " the checks: two labels carry this code.",
            "此码在两个相距过远的地点被验证，间隔时间内不可能往返：有两个标签使用了同一个码。"),
    SUSPECT_REASON_MARKET("This product was not made to be sold in {0}, where it was just checked.",
            "该产品并非为{0}市场生产，但刚刚在那里被验证。"),
    SUSPECT_REASON_HOTSPOT("Copied labels of this brand have recently been found near here.",
            "最近在附近发现了该品牌的复制标签。"),
    SUSPECT_FIRST_SEEN("It was first checked on {0}, in {1}.", "此码首次验证于{0}，地点为{1}。"),
    SUSPECT_ADVICE_STOP("Do not use the product until this is cleared up.", "在弄清情况之前，请勿使用该产品。"),
    ADVICE_REPORT("Report it below: tell us where you bought it and from whom.",
            "请在下方报告：告诉我们您在哪里、从谁那里购买。"),
    ADVICE_RECEIPT("Keep the receipt and the packaging.", "请保留购物凭证和包装。"),

    RECALLED_TITLE("Recalled", "已召回"),
    RECALLED_SUMMARY("The brand has recalled this product's batch.", "品牌方已召回该产品所在的批次。"),
    RECALLED_ADVICE_STOP("Stop using the product.", "请立即停止使用该产品。"),
    RECALLED_ADVICE_CONTACT("Contact the brand or the seller about a refund or a replacement.",
            "请联系品牌方或卖家办理退款或更换。"),

    NOT_RELEASED_TITLE("Not released", "尚未发布"),
    NOT_RELEASED_SUMMARY("This code belongs to a batch that the brand has not released yet. "
            + "Products with these codes should not be on sale.",
            "此码所属的批次尚未由品牌方发布，带有这些码的产品不应在市面上销售。"),
    NOT_RELEASED_ADVICE_STOP("Do not use the product for now.", "暂时请勿使用该产品。"),
    ADVICE_REPORT_WHERE("Report where you bought it, below, so the brand can act.",
            "请在下方报告您的购买地点，以便品牌方处理。"),

    VOIDED_TITLE("Voided", "已作废"),
    VOIDED_SUMMARY("The brand has voided this code's batch: codes from it must not be in use.",
            "品牌方已将此码所属的批次作废，该批次的码不应再被使用。"),
    ADVICE_DO_NOT_USE("Do not use the product.", "请勿使用该产品。"),

    NOT_GENUINE_TITLE("Not genuine", "非正品"),
    NOT_GENUINE_SUMMARY("This code could not be verified as genuine.", "无法验证此码为正品码。"),
    NOT_GENUINE_ADVICE_RESCAN("Try scanning again: a creased, dirty or badly lit label can be misread.",
            "请重新扫描：标签褶皱、脏污或光线不足都可能导致识别错误。"),
    REASON_MALFORMED("The code could not be read, or it is not a Touchmark code.",
            "无法识别此码，或者它不是 Touchmark 码。"),
    REASON_UNKNOWN_KEY("The code was not issued by any brand we know.", "此码并非由我们所知的任何品牌签发。"),
    REASON_REVOKED_KEY("The code was signed with a key that the brand has withdrawn.",
            "此码使用的签名密钥已被品牌方停用。"),
    REASON_BAD_SIGNATURE("The code has been altered or forged.", "此码已被篡改或伪造。"),
    REASON_NEVER_ISSUED("The brand never issued this code.", "品牌方从未签发过此码。"),
    REASON_DETAILS_MISMATCH("The product details printed next to the code do not match it.",
            "码旁印刷的产品信息与此码不符。"),

    PRODUCT_HEADING("About this product", "产品信息"),
    BRAND("Brand", "品牌"),
    PRODUCT("Product", "产品"),
    LOT("Lot", "批号"),
    EXPIRY("Expiry date", "有效期至"),
    EXPIRED("{0} (expired)", "{0}（已过期）"),
    SERIAL("Serial number", "序列号"),
    CHECKED_AT("Checked on {0}", "验证时间：{0}"),
    REFERENCE("Reference: {0} (quote it if you contact support)", "参考编号：{0}（联系客服时请提供此编号）"),

    REPORT_HEADING("Report a problem", "报告问题"),
    REPORT_INTRO("Tell us where you bought this product. Your report goes to the brand. "
            + "Every field is optional; please leave out personal details.",
            "请告诉我们您在哪里购买了该产品，您的报告将转交给品牌方。所有字段均为选填，请勿填写个人信息。"),
    REPORT_PLACE("Where did you buy it? (shop, website, market, city)", "购买地点（商店、网站、市场、城市）"),
    REPORT_SELLER("Seller", "卖家"),
    REPORT_COMMENT("Anything else we should know?", "其他说明"),
    REPORT_SEND("Send report", "提交报告"),

    THANKS_TITLE("Thank you", "谢谢"),
    THANKS_TEXT("Your report has been sent to the brand. It helps stop counterfeits.",
            "您的报告已发送给品牌方，这有助于打击假冒产品。"),
    THANKS_BACK("Back to the result", "返回验证结果"),
    REPORT_PLACE_SHORT("Where did you buy it?", "购买地点"),
    REPORT_COMMENT_SHORT("Anything else", "其他说明"),
    REPORT_NOT_SENT("Your report was not sent", "报告未发送"),
    REPORT_EMPTY("Fill in at least one field: where you bought it, the seller, or anything else.",
            "请至少填写一项：购买地点、卖家或其他说明。"),
    REPORT_TOO_LONG("“{0}” can be at most {1} characters; please shorten it.", "“{0}”最多 {1} 个字符，请缩短。"),
    REPORT_NO_SCAN("This report does not belong to a check we know of. Scan the label again and report from the "
            + "result page.", "找不到与此报告对应的验证记录。请重新扫描标签，然后在验证结果页提交报告。"),
    REPORT_TOO_MANY("You have sent several reports in a short time. Please send this one again in about {0} min.",
            "您在短时间内提交了多份报告。请约 {0} 分钟后再提交此报告。"),
    REPORT_UNREADABLE("The form could not be read. Go back and send it again.", "无法读取表单，请返回后重新提交。"),

    ERROR_400_TITLE("This code could not be read", "无法识别此码"),
    ERROR_400_TEXT("The link is incomplete or damaged. Try scanning the label again.",
            "链接不完整或已损坏，请重新扫描标签。"),
    ERROR_404_TITLE("Page not found", "页面不存在"),
    ERROR_404_TEXT("There is nothing at this address. Scan the label again to check your product.",
            "此地址没有内容。请重新扫描标签来验证您的产品。"),
    ERROR_429_TITLE("Too many checks", "验证过于频繁"),
    ERROR_429_TEXT("You are checking codes too fast; try again in a minute.", "您验证得太快了，请一分钟后再试。"),
    ERROR_5XX_TITLE("Something went wrong", "出了点问题"),
    ERROR_5XX_TEXT("We could not check this code just now. Please try again in a moment.",
            "我们暂时无法验证此码，请稍后再试。"),
    ERROR_OTHER_TITLE("This page could not be shown", "无法显示此页面"),
    ERROR_OTHER_TEXT("Please scan the label again.", "请重新扫描标签。"),
    ERROR_DETAIL("Details: {0}", "详细信息：{0}"),
    ERROR_STATUS("Error {0}", "错误 {0}"),
    GEO_HEADING("Help find counterfeits", "帮助打击假货"),
    GEO_TEXT("Share where you are, rounded to about 10 km, with this check. Nothing more precise leaves your phone.",
            "将您的大致位置（精确到约 10 公里）附在本次验证中。更精确的位置不会离开您的手机。"),
    GEO_BUTTON("Share my approximate location", "分享我的大致位置"),
    GEO_THANKS("Thank you: your approximate location was added to this check.", "谢谢：您的大致位置已附在本次验证中。"),
    GEO_FAILED("Your location could not be shared. Nothing was sent.", "无法分享您的位置，未发送任何信息。");

    private final String en;
    private final String zh;

    Messages(String en, String zh) {
        this.en = en;
        this.zh = zh;
    }

    /** The text in one language, placeholders left as they are. */
    public String in(Lang lang) {
        return lang == Lang.ZH ? zh : en;
    }

    /** The text in one language with {0}, {1}, ... replaced by the arguments (plain text, not escaped). */
    public String format(Lang lang, Object... args) {
        return Placeholders.fill(in(lang), args);
    }
}
