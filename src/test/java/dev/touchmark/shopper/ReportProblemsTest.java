package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import dev.touchmark.error.ValidationException.FieldError;
import dev.touchmark.i18n.Lang;
import dev.touchmark.report.ReportService;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportProblemsTest {
    /** check() reads and writes nothing, so the service needs no repositories here. */
    private final ReportService service = new ReportService(null, null, Clock.systemUTC(), null);

    @Test
    void theServicesOwnRefusalsBecomeTheRightSentences() {
        ReportForm.Values tooLong = new ReportForm.Values("p".repeat(201), " ", "c".repeat(2001));
        ValidationException e = assertThrows(ValidationException.class,
                () -> service.check("42", tooLong.place(), tooLong.seller(), tooLong.comment()));
        ReportProblems problems = ReportProblems.of(e, tooLong, Lang.EN);
        assertEquals(Set.of("place", "comment"), problems.fields());
        assertEquals(List.of("“Where did you buy it?” can be at most 200 characters; please shorten it.",
                "“Anything else” can be at most 2000 characters; please shorten it."), problems.texts());
        ReportForm.Values empty = new ReportForm.Values("", "  ", null);
        ValidationException none = assertThrows(ValidationException.class,
                () -> service.check("42", empty.place(), empty.seller(), empty.comment()));
        assertEquals(List.of("请至少填写一项：购买地点、卖家或其他说明。"), ReportProblems.of(none, empty, Lang.ZH).texts());
        assertThrows(NotFoundException.class, () -> service.check("not-a-number", "x", null, null));
        assertEquals(42L, service.check(" 42 ", " Market ", null, null).scanId());
    }

    @Test
    void aFieldOverItsLengthIsNamedWithItsLimitInTheShoppersLanguage() {
        ReportForm.Values values = new ReportForm.Values("x".repeat(201), null, "fine");
        ValidationException e = new ValidationException(List.of(new FieldError("place", "must be at most 200 characters")));
        ReportProblems en = ReportProblems.of(e, values, Lang.EN);
        assertEquals(Set.of("place"), en.fields());
        assertEquals(List.of("“Where did you buy it?” can be at most 200 characters; please shorten it."), en.texts());
        assertEquals(List.of("“购买地点”最多 200 个字符，请缩短。"), ReportProblems.of(e, values, Lang.ZH).texts());
    }

    @Test
    void nothingFilledInMarksEveryFieldAndAsksForOne() {
        ReportForm.Values values = new ReportForm.Values(null, "   ", null);
        ValidationException e = ValidationException.of("comment", "say where you bought it, the seller, or what is wrong");
        ReportProblems zh = ReportProblems.of(e, values, Lang.ZH);
        assertEquals(Set.of("place", "seller", "comment"), zh.fields());
        assertEquals(List.of("请至少填写一项：购买地点、卖家或其他说明。"), zh.texts());
    }

    @Test
    void twoFieldsTooLongAreBothNamed() {
        ReportForm.Values values = new ReportForm.Values(null, "s".repeat(300), "c".repeat(2001));
        ValidationException e = new ValidationException(List.of(new FieldError("seller", "too long"),
                new FieldError("comment", "too long")));
        ReportProblems en = ReportProblems.of(e, values, Lang.EN);
        assertEquals(Set.of("seller", "comment"), en.fields());
        assertEquals(List.of("“Seller” can be at most 200 characters; please shorten it.",
                "“Anything else” can be at most 2000 characters; please shorten it."), en.texts());
    }

    @Test
    void aRefusedSellerIsMarkedWithWhatToChangeAndTheOtherFieldsAreLeftAlone() {
        ReportForm.Values tracking = new ReportForm.Values("Market", "shop.example/item/7?utm_source=x&si=2", "fake");
        ValidationException e = assertThrows(ValidationException.class,
                () -> service.check("42", tracking.place(), tracking.seller(), tracking.comment()));
        assertEquals(List.of(new FieldError("seller", "the address carries tracking parameters (utm_source, si); "
                + "remove them and send the address of the shop or listing only")), e.errors());
        ReportProblems en = ReportProblems.of(e, tracking, Lang.EN);
        assertEquals(Set.of("seller"), en.fields());
        assertEquals(List.of("The seller’s address carries tracking parameters (utm_source, si). Remove them and give "
                + "the address of the shop or the listing only."), en.texts());

        ReportForm.Values phone = new ReportForm.Values(null, "138-0013-8000", null);
        ValidationException p = assertThrows(ValidationException.class,
                () -> service.check("42", phone.place(), phone.seller(), phone.comment()));
        assertEquals(List.of("卖家一栏看起来是电话号码。电话号码属于个人信息，请改填店铺、网站或商品页面的名称。"),
                ReportProblems.of(p, phone, Lang.ZH).texts());

        ReportForm.Values email = new ReportForm.Values(null, "li@mail.example", null);
        ValidationException m = assertThrows(ValidationException.class,
                () -> service.check("42", email.place(), email.seller(), email.comment()));
        assertEquals(Set.of("seller"), ReportProblems.of(m, email, Lang.EN).fields());
    }

    @Test
    void aCheckedReportCarriesTheSellersKey() {
        assertEquals("shop.example/item/7", service.check("42", null, " https://www.Shop.example/Item/7/ ", null).sellerKey());
        assertEquals(null, service.check("42", "Market", null, null).sellerKey());
    }

    @Test
    void aSellerFarOverItsLengthIsOnlyTooLongAndNotReadFurther() {
        ReportForm.Values values = new ReportForm.Values(null, "1".repeat(30_000), null);
        ValidationException e = assertThrows(ValidationException.class,
                () -> service.check("42", values.place(), values.seller(), values.comment()));
        assertEquals(List.of("“Seller” can be at most 200 characters; please shorten it."),
                ReportProblems.of(e, values, Lang.EN).texts());
    }
}
