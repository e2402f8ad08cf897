package dev.touchmark.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.touchmark.error.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the operator may name an alliance and how large it may be; refused before any database work. */
class AllianceServiceTest {
    // No repository: a valid request would reach it and fail with a NullPointerException, not a ValidationException.
    private final AllianceService service = new AllianceService(null, null,
            Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

    private List<String> refused(String name, int maxMembers) {
        return assertThrows(ValidationException.class, () -> service.create(name, maxMembers, "cli:ops")).errors().stream()
                .map(e -> e.field() + " " + e.message()).toList();
    }

    @Test
    void aNameIsOneToAHundredCharactersAndNotANumber() {
        assertEquals(List.of("name must be 1 to 100 characters"), refused("   ", 20));
        assertEquals(List.of("name must be 1 to 100 characters"), refused("x".repeat(101), 20));
        assertEquals(List.of("name must not be a number, so an alliance can be named by id or name"), refused("42", 20));
    }

    @Test
    void anAllianceHoldsTwoToFiveHundredMembers() {
        assertEquals(List.of("maxMembers must be 2 to 500"), refused("Beauty", 1));
        assertEquals(List.of("maxMembers must be 2 to 500"), refused("Beauty", 501));
        assertThrows(NullPointerException.class, () -> service.create("Beauty", 500, "cli:ops"), "500 is allowed");
    }
}
