package dev.touchmark.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.touchmark.access.Principal;
import dev.touchmark.error.ValidationException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductValidationMessagesTest {
    @Test
    void everyFieldErrorIsASentenceOfItsOwnSoNoneRunTogether() {
        ValidationException e = assertThrows(ValidationException.class, () -> new ProductService(null, Clock.systemUTC())
                .create(new Principal(1, "test"), new NewProduct("Serum", "123", null, null, List.of("XX"))));
        assertEquals(2, e.errors().size(), "the problem JSON lists each field error");
        assertEquals("gtin: must be a GTIN-8, -12, -13 or -14 with a valid check digit. markets: 'XX' is not an ISO 3166-1"
                + " alpha-2 country code such as FR or CN.", e.getMessage());
    }

    @Test
    void aMessageEndingInPunctuationKeepsIt() {
        assertEquals("reason: too long!", new ValidationException.FieldError("reason", "too long!").sentence());
        assertEquals("name: is required.", ValidationException.of("name", "is required ").getMessage());
    }
}
