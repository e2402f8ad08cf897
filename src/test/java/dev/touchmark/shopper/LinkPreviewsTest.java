package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LinkPreviewsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "WhatsApp/2.23.20.0 A",
        "WhatsApp/2.23",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        // iMessage's preview fetcher
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Twitterbot/1.0",
        "TelegramBot (like TwitterBot)",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
        "curl/8.4.0",
        "Wget/1.21.4",
        "python-requests/2.31.0",
        "Go-http-client/1.1",
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; YandexBot/3.0)",
        "",
        "   ",
    })
    void previewFetchersBotsAndNonBrowserClientsAreNotBrowsers(String agent) {
        assertTrue(LinkPreviews.notABrowser("GET", agent), agent);
    }

    @Test
    void aRequestWithoutUserAgentOrAHeadIsNotABrowser() {
        assertTrue(LinkPreviews.notABrowser("GET", null));
        assertTrue(LinkPreviews.notABrowser("HEAD", IPHONE));
        assertTrue(LinkPreviews.notABrowser("head", IPHONE));
    }

    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

    @ParameterizedTest
    @ValueSource(strings = {
        IPHONE,
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
        // a phone whose model ends in "bot"
        "Mozilla/5.0 (Linux; Android 11; CUBOT X50 Build/RP1A.200720.011) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0.0.0 Mobile Safari/537.36",
        // in-app browsers of chat apps are browsers: a shopper tapped the link
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2f) NetType/WIFI Language/zh_CN",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/442.0.0.38.105;FBBV/544317397]",
        "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 Instagram 312.0.0.32.112 Android",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
    })
    void phoneAndDesktopBrowsersAreBrowsers(String agent) {
        assertFalse(LinkPreviews.notABrowser("GET", agent), agent);
    }

    @Test
    void onlyTheStartOfALongUserAgentIsRead() {
        String padded = IPHONE + " " + "x".repeat(LinkPreviews.MAX_CHARS);
        assertFalse(LinkPreviews.notABrowser("GET", padded + " curl/8.4.0"), "a token past the cap is not looked for");
        assertTrue(LinkPreviews.notABrowser("GET", "curl/8.4.0 " + "x".repeat(100_000)));
    }

    @Test
    void aHugeUserAgentIsClassifiedQuickly() {
        String huge = "Mozilla/5.0 " + "b".repeat(1_000_000) + "ot";
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            for (int i = 0; i < 10_000; i++) {
                assertFalse(LinkPreviews.notABrowser("GET", huge));
            }
        });
    }
}
