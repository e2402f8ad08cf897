package dev.touchmark.alert;

import dev.touchmark.i18n.Lang;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentences (and parts of sentences) that explain alerts and their evidence, in English and Simplified Chinese.
 * Placeholders name {@link Fact}s: {@code {batch}}. A message's id is stored with the facts of every alert, so a
 * message may be reworded but never renamed or removed (old rows would fall back to their stored English).
 */
enum AlertMessage {
    CLONED("Code {code} of batch {batch} has been verified on {devices} different phones (the threshold is {threshold})."
            + " Genuine labels are scanned by one buyer and perhaps their family; this label has most likely been copied"
            + " onto counterfeits.",
            "批次 {batch} 的码 {code} 已在 {devices} 部不同的手机上被验证（阈值为 {threshold} 部）。正品标签通常只由一位买家"
            + "及其家人扫描，此标签很可能已被复制到假冒产品上。"),
    CLONED_NOTE("Verified on phone number {devices}.", "在第 {devices} 部手机上验证。"),
    CLONED_NOTE_IN("Verified on phone number {devices} in {country}.", "在{country}的第 {devices} 部手机上验证。"),

    TRAVEL("Code {code} of batch {batch} was scanned {km} km from its previous located scan, {minutes} later: {kmh} km/h,"
            + " faster than the {threshold} km/h anyone can travel. Two labels carry the same code.",
            "批次 {batch} 的码 {code} 在距上一次有位置的扫码 {km} 公里处被扫描，相隔仅 {minutes}：时速 {kmh} 公里，超过了"
            + "任何人可能达到的 {threshold} 公里/小时。有两个标签使用了同一个码。"),
    TRAVEL_NOTE("Located {km} km from the previous located scan {minutes} before ({kmh} km/h).",
            "距 {minutes}前的上一次有位置的扫码 {km} 公里（时速 {kmh} 公里）。"),

    MARKET("{codes} codes of batch {batch} were scanned in {country} in the last 30 days, which is not one of its markets"
            + " ({markets}): the goods may have been diverted to a grey market.",
            "过去 30 天内，批次 {batch} 有 {codes} 个码在{country}被扫描，而该地不在其销售市场（{markets}）之内：这些货品"
            + "可能被转卖到了灰色市场。"),

    UNRELEASED("Codes of batch {batch}, which has not been released, are being scanned: its labels may have leaked from"
            + " the printer onto goods that are not yours.",
            "尚未发布的批次 {batch} 的码正在被扫描：其标签可能已从印刷环节流出，被贴在了并非贵品牌的货品上。"),
    RECALLED("Codes of recalled batch {batch} are still being scanned: recalled goods are in circulation.",
            "已召回批次 {batch} 的码仍在被扫描：已召回的货品仍在流通。"),
    VOIDED("Codes of voided batch {batch} are being scanned: labels that should have been destroyed are in circulation.",
            "已作废批次 {batch} 的码正在被扫描：本应销毁的标签正在流通。"),

    FORGED("Codes claiming batch {batch} failed verification ({reason}): someone is printing labels in your name that"
            + " were not made with your key.",
            "声称属于批次 {batch} 的码未通过验证（{reason}）：有人在以贵品牌的名义印刷并非用贵品牌密钥生成的标签。"),
    FORGED_ANY("Codes claiming your keys failed verification ({reason}): someone is printing labels in your name that"
            + " were not made with your key.",
            "声称由贵品牌密钥签发的码未通过验证（{reason}）：有人在以贵品牌的名义印刷并非用贵品牌密钥生成的标签。"),
    REASON(" Reason: {reason}.", "原因：{reason}。"),

    BURST("Batch {batch} had {scans} scans in one hour ({baseline} per hour on average last week; the alert fires at"
            + " {factor} times the average): a sudden flood of one batch often means copied labels reached the market.",
            "批次 {batch} 在一小时内被扫码 {scans} 次（上周平均每小时 {baseline} 次；达到平均值的 {factor} 倍即触发警报）："
            + "单个批次的扫码突然激增，通常意味着复制的标签已流入市场。"),
    BURST_FROM_NOTHING("Batch {batch} had {scans} scans in one hour (almost none before; the alert fires at {factor}"
            + " times the average): a sudden flood of one batch often means copied labels reached the market.",
            "批次 {batch} 在一小时内被扫码 {scans} 次（此前几乎没有扫码；达到平均值的 {factor} 倍即触发警报）：单个批次的"
            + "扫码突然激增，通常意味着复制的标签已流入市场。"),
    BURST_NOTE("{scans} scans of batch {batch} in the hour from {hour} UTC.",
            "批次 {batch} 在 UTC {hour} 起的一小时内被扫码 {scans} 次。"),

    HOTSPOT("{codes} suspect codes were scanned in the last {days} days within the same area of about 50 km around"
            + " {lat}, {lon}: counterfeits of your products are probably sold there.",
            "过去 {days} 天内，在 {lat}, {lon} 周围约 50 公里的同一区域内扫描到 {codes} 个可疑码：那里很可能在销售"
            + "贵品牌的假冒产品。"),
    HOTSPOT_NOTE("Suspect code {code} of batch {batch} seen in this area.", "在此区域发现批次 {batch} 的可疑码 {code}。"),

    SCAN_NOTE("Scan with verdict {verdict}.", "扫码结论：{verdict}。"),
    SCAN_NOTE_IN("Scan with verdict {verdict} in {country}.", "扫码结论：{verdict}，地点：{country}。"),
    SCAN_NOTE_NEAR("Scan with verdict {verdict} near {lat}, {lon}.", "扫码结论：{verdict}，位置：{lat}, {lon} 附近。"),

    REPORT_CODE("Code {code} of batch {batch}: ", "批次 {batch} 的码 {code}："),
    REPORT("A shopper reported a problem", "一位消费者报告了问题"),
    REPORT_SELLER(" with the seller \"{seller}\"", "，卖家：“{seller}”"),
    REPORT_PLACE(" at \"{place}\"", "，地点：“{place}”"),
    REPORT_COMMENT(": \"{comment}\"", "，说明：“{comment}”"),
    REPORT_END(".", "。"),
    REPORT_NUMBER(" (report {report})", "（举报 {report}）");

    private final String en;
    private final String zh;
    private final Set<Fact> facts;

    AlertMessage(String en, String zh) {
        this.en = en;
        this.zh = zh;
        this.facts = Collections.unmodifiableSet(placeholders(en));
        if (!facts.equals(placeholders(zh))) {
            throw new IllegalStateException(name() + ": the English and Chinese texts use different placeholders");
        }
    }

    /** The id kept in the stored facts: "cloned_note_in". */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The message with an id, if any. */
    static Optional<AlertMessage> of(String id) {
        for (AlertMessage message : values()) {
            if (message.id().equals(id)) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    /** The facts its placeholders name (the same in both languages). */
    Set<Fact> facts() {
        return facts;
    }

    /** The template in a language, placeholders unfilled. */
    String template(Lang lang) {
        return lang == Lang.ZH ? zh : en;
    }

    /** Appends the text in a language with each placeholder replaced by its fact's value, written for that language. */
    void appendTo(StringBuilder out, Lang lang, Map<Fact, Object> values) {
        String template = template(lang);
        Matcher m = Placeholder.PATTERN.matcher(template);
        int from = 0;
        while (m.find()) {
            Fact fact = Fact.of(m.group(1)).orElseThrow();
            out.append(template, from, m.start()).append(fact.format(values.get(fact), lang));
            from = m.end();
        }
        out.append(template, from, template.length());
    }

    private Set<Fact> placeholders(String template) {
        Set<Fact> found = EnumSet.noneOf(Fact.class);
        Matcher m = Placeholder.PATTERN.matcher(template);
        while (m.find()) {
            String key = m.group(1);
            found.add(Fact.of(key).orElseThrow(() -> new IllegalStateException(name() + ": no fact named {" + key + "}")));
        }
        return found;
    }

    /** Holds the pattern apart, as an enum's own static fields are not yet set while its constants are made. */
    private static final class Placeholder {
        static final Pattern PATTERN = Pattern.compile("\\{([a-z]+)}");
    }
}
