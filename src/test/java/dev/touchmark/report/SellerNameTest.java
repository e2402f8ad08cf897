package dev.touchmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SellerNameTest {
    private static String key(String seller) {
        SellerName.Result result = SellerName.of(seller);
        return assertInstanceOf(SellerName.Key.class, result, seller + " gave " + result).key();
    }

    private static SellerName.Refused refused(String seller) {
        SellerName.Result result = SellerName.of(seller);
        return assertInstanceOf(SellerName.Refused.class, result, seller + " gave " + result);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Best Deals|best deals",
        "  best   DEALS  |best deals",
        "Best\u3000Deals|best deals",
        "Ｂｅｓｔ Ｄｅａｌｓ|best deals",
        "Be\u200bst Deals|best deals",
        "ÉLÉGANCE Boutique|élégance boutique",
        "美妆小店|美妆小店",
        "美妆　小店|美妆 小店",
        "Shop 2000|shop 2000",
        "Stall 12 at the night market|stall 12 at the night market",
        "İstanbul Çarşı|i̇stanbul çarşı",
    })
    void namesAreTrimmedCollapsedAndLowerCased(String seller, String expected) {
        assertEquals(expected, key(seller));
    }

    @Test
    void tabsLineBreaksAndNoBreakSpacesAreSpaces() {
        assertEquals("best deals outlet", key("Best\tDeals\r\n Outlet"));
        assertEquals("best deals", key("Best\u00a0Deals"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "www.Shop.example/Item/7?x=1|shop.example/item/7",
        "https://m.shop.example/item/7/|shop.example/item/7",
        "http://shop.example/item/7|shop.example/item/7",
        "HTTPS://WWW.SHOP.EXAMPLE/ITEM/7#reviews|shop.example/item/7",
        "https://user:secret@shop.example:8443/item/7|shop.example/item/7",
        "shop.example|shop.example",
        "https://shop.example/|shop.example",
        "https://shop.example.|shop.example",
        "Shop.Example:8080/a//b/|shop.example/a/b",
        "https://www.m.shop.example/x|shop.example/x",
        "https://m.shop|m.shop",
        "https://item.taobao.com/item.htm?ID=6543210987&lang=en&abbucket=3|item.taobao.com/item.htm?id=6543210987",
        "https://shop.example/p?product=77&item=5&colour=red|shop.example/p?item=5&product=77",
        "https://shop.example/p?product=&id=9|shop.example/p?id=9",
        "https://www.amazon.example/Serum-Bright/dp/B08N5WRWNW/ref=sr_1_1|amazon.example/serum-bright/dp/b08n5wrwnw",
        "https://shop.example/%E5%BA%97/7|shop.example/店/7",
        "https://shop.example/bad%ZZ|shop.example/bad%zz",
        "https://bücher.example/Seite|xn--bcher-kva.example/seite",
        "店铺.中国/商品/8|xn--hxtq42j.xn--fiqs8s/商品/8",
        "https://shop.example/item/123456789012|shop.example/item/123456789012",
    })
    void addressesAreKeyedByHostPathAndListingParameters(String seller, String expected) {
        assertEquals(expected, key(seller));
    }

    @Test
    void oneListingSpelledFourWaysHasOneKey() {
        List<String> spellings = List.of("www.Shop.example/Item/7?x=1", "https://m.shop.example/item/7/",
                "shop.example/item/7", "HTTP://SHOP.EXAMPLE/ITEM/7/#top");
        for (String spelling : spellings) {
            assertEquals("shop.example/item/7", key(spelling), spelling);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://shop.example/item/7?utm_source=fb&utm_medium=social|utm_source, utm_medium",
        "shop.example/item/7?id=7&fbclid=IwAR0abc|fbclid",
        "https://shop.example/item/7?gclid=x&GCLID=y|gclid, GCLID",
        "https://shop.example/item/7?mc_eid=1|mc_eid",
        "https://shop.example/item/7?igshid=MzRl|igshid",
        "https://shop.example/item/7?ref=home|ref",
        "https://shop.example/item/7?ref_=nav|ref_",
        "https://item.taobao.com/item.htm?id=1&spm=a21bo.jianhua|spm",
        "https://item.taobao.com/item.htm?id=1&spm=|spm",
        "https://open.music.example/track/1?si=abc|si",
        "https://shop.example/x?UTM_Campaign=spring|UTM_Campaign",
        "https://shop.example/x?utm%5Fsource=a|utm_source",
        "https://shop.example/x?msclkid=1&ttclid=2|msclkid, ttclid",
        "bought at https://shop.example/x?utm_source=a yesterday|utm_source",
        "stall near shop.example/x?fbclid=1|fbclid",
    })
    void trackingParametersAreRefusedAndNamed(String seller, String parameters) {
        SellerName.Refused refused = refused(seller);
        assertEquals(SellerName.Reason.TRACKING, refused.reason());
        assertEquals(List.of(parameters.split(", ")), refused.parameters());
        for (String parameter : refused.parameters()) {
            assertTrue(refused.message().contains(parameter), refused.message());
        }
        assertTrue(refused.message().contains("remove"), refused.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "+33 6 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78", "(020) 7946 0958",
        "+1 (415) 555-0100", "138 0013 8000", "Call 13800138000 on WeChat", "＋８６ １３８ ００１３ ８０００",
        "seller +44 20 7946 0958 London", "tel:+8613800138000", "https://wa.me/8613800138000",
        "https://api.whatsapp.example/send?phone=8613800138000", "shop 123 4567", "٠٦١٢٣٤٥٦٧٨",
    })
    void phoneNumbersAreRefusedAsPersonalData(String seller) {
        SellerName.Refused refused = refused(seller);
        assertEquals(SellerName.Reason.PHONE, refused.reason());
        assertTrue(refused.message().contains("phone number"), refused.message());
        assertEquals(List.of(), refused.parameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Shop 2000", "Stall 123456", "shop.example/item/1234567890", "Shop 12-34 Building 5",
        "Unit 3, 45 Market Street"})
    void sixDigitsOrANumberInAnAddressPathAreNotPhoneNumbers(String seller) {
        assertInstanceOf(SellerName.Key.class, SellerName.of(seller));
    }

    @ParameterizedTest
    @ValueSource(strings = {"seller@shop.example", "Contact: Li.Wei+shop@mail.example please", "mailto:x@shop.example",
        "https://shop.example/contact?email=li%40mail.example", "张三@邮件.中国", "https://shop.example/li@mail.example"})
    void emailAddressesAreRefusedAsPersonalData(String seller) {
        SellerName.Refused refused = refused(seller);
        assertEquals(SellerName.Reason.EMAIL, refused.reason());
        assertTrue(refused.message().contains("e-mail"), refused.message());
    }

    @Test
    void theUserOfAnAddressIsDroppedNotRefused() {
        assertEquals("shop.example/item", key("https://seller@shop.example/item"));
    }

    @Test
    void keysAreCutAtTheColumnsLengthWithoutSplittingACharacter() {
        String path = "𝔘".repeat(200);
        String key = key("https://shop.example/" + path);
        assertTrue(key.length() <= SellerName.MAX_KEY, "length " + key.length());
        assertTrue(!Character.isHighSurrogate(key.charAt(key.length() - 1)));
        assertEquals("x".repeat(SellerName.MAX_KEY), key("X".repeat(SellerName.MAX_KEY + 10)));
        assertEquals(SellerName.MAX_KEY, key("a b".repeat(200)).length());
    }

    @Test
    void blankNamesAreTheCallersToHandle() {
        assertThrows(IllegalArgumentException.class, () -> SellerName.of("  "));
        assertThrows(IllegalArgumentException.class, () -> SellerName.of(null));
        assertThrows(IllegalArgumentException.class, () -> SellerName.of("x".repeat(SellerName.MAX_INPUT + 1)));
    }

    @Test
    void hostsAreLowerCasedWithoutPortUserOrWww() {
        assertEquals("shop.example", SellerName.host("u:p@WWW.Shop.Example:443"));
        assertEquals("[2001:db8::1]", SellerName.host("[2001:DB8::1]:8443"));
        assertEquals("www.example", SellerName.host("www.example"));
    }
}
