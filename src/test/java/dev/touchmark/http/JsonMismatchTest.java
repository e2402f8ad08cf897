package dev.touchmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonMismatchTest {
    record Sheet(Integer columns, Boolean border) {
    }

    record Body(String name, Long quantity, Double weight, LocalDate expiry, List<String> markets, Sheet sheet) {
    }

    private final Json json = new Json();

    private MismatchedInputException mismatch(String body) {
        return assertThrows(MismatchedInputException.class, () -> json.mapper().readValue(body, Body.class));
    }

    private String said(String body) {
        MismatchedInputException e = mismatch(body);
        return JsonMismatch.field(e) + " " + JsonMismatch.expected(e.getTargetType());
    }

    @Test
    void aNumberForAStringNamesTheFieldAndSaysAString() {
        assertEquals("name a string", said("{\"name\": 5}"));
    }

    @Test
    void aStringForANumberIsRefusedAsAWholeNumberNotCoerced() {
        assertEquals("quantity a whole number", said("{\"quantity\": \"5\"}"));
        assertEquals("quantity a whole number", said("{\"quantity\": 5.9}"));
        assertEquals("weight a number", said("{\"weight\": \"heavy\"}"));
    }

    @Test
    void nestedFieldsAndListItemsAreNamedByTheirPath() {
        assertEquals("sheet.columns a whole number", said("{\"sheet\": {\"columns\": \"3\"}}"));
        assertEquals("sheet.border true or false", said("{\"sheet\": {\"border\": \"yes\"}}"));
        assertEquals("markets[1] a string", said("{\"markets\": [\"FR\", {}]}"));
        assertEquals("markets an array", said("{\"markets\": {\"a\": 1}}"));
        assertEquals("sheet an object", said("{\"sheet\": [1]}"));
    }

    @Test
    void aDateThatIsNotACalendarDateSaysHowToWriteIt() {
        assertEquals("expiry a date as a string, YYYY-MM-DD", said("{\"expiry\": \"2028-13-01\"}"));
    }

    @Test
    void aBodyThatIsNotAnObjectHasNoFieldName() {
        assertEquals(" an object", said("[]"));
    }
}
