package dev.touchmark.shopper;

import java.util.Locale;

/**
 * Tells a shopper's browser from a fetch that is not one: a chat app's link preview (WhatsApp, Facebook and Messenger,
 * iMessage, Slack, X, Telegram, Discord, LinkedIn, Skype), a crawler, a command-line or library client (curl, wget,
 * python-requests, Go's http client, ...), a HEAD request, or a request with no user agent. Such a fetch gets the page
 * but is not counted as a phone (see domain.ScanRole.PREVIEW).
 *
 * <p>On the verification page's hot path: a few substring searches over at most the first {@value #MAX_CHARS}
 * characters of the user agent, no regular expression, nothing allocated but one lower-case copy.
 */
final class LinkPreviews {
    /** Every token below sits near the start of the user agents that carry it; the rest of a long one is not read. */
    static final int MAX_CHARS = 512;
    /** Lower case; matched anywhere in the (capped, lower-cased) user agent. */
    private static final String[] TOKENS = {
        // link previews of chat and social apps (iMessage's fetcher calls itself facebookexternalhit and Twitterbot)
        "whatsapp", "facebookexternalhit", "facebot", "meta-externalagent", "slackbot", "slack-imgproxy", "twitterbot",
        "telegrambot", "discordbot", "linkedinbot", "skypeuripreview", "skype", "applebot", "bingpreview", "embedly",
        "vkshare", "redditbot",
        // command-line tools and HTTP libraries
        "curl/", "wget/", "python-requests", "python-urllib", "python-httpx", "aiohttp", "go-http-client", "okhttp",
        "apache-httpclient", "libwww-perl", "node-fetch", "axios/", "httpie", "postmanruntime",
        // bots and crawlers in general: a name ending in "bot" with a version or in a comment, or a "+http" contact URL
        "bot/", "bot;", "bot)", "crawler", "spider", "+http",
    };

    private LinkPreviews() {
    }

    /** True when a request with this method and user agent is not a shopper's browser opening the page. */
    static boolean notABrowser(String method, String userAgent) {
        if ("HEAD".equalsIgnoreCase(method)) {
            return true;
        }
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String agent = (userAgent.length() > MAX_CHARS ? userAgent.substring(0, MAX_CHARS) : userAgent).toLowerCase(Locale.ROOT);
        for (String token : TOKENS) {
            if (agent.contains(token)) {
                return true;
            }
        }
        return false;
    }
}
