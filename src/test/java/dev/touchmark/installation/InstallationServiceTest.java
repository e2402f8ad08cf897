package dev.touchmark.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.error.ConflictException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstallationServiceTest {
    @Test
    void anAdminCommandPrintsForTheRecordedUrlOrTheConfiguredOneAndNeverGuesses() {
        assertEquals(Optional.of("https://tm.example"), InstallationService.forCommand(Optional.empty(), Optional.of("https://tm.example")));
        assertEquals(Optional.of("https://tm.example"),
                InstallationService.forCommand(Optional.of("https://tm.example"), Optional.of("https://tm.example")));
        assertEquals(Optional.of("https://cli.example"), InstallationService.forCommand(Optional.of("https://cli.example"), Optional.empty()));
        assertEquals(Optional.empty(), InstallationService.forCommand(Optional.empty(), Optional.empty()));
    }

    @Test
    void aConfiguredUrlThatDisagreesWithTheRecordedOneIsRefusedWithWhatToDo() {
        ConflictException e = assertThrows(ConflictException.class,
                () -> InstallationService.forCommand(Optional.of("http://localhost:7070"), Optional.of("https://tm.example")));
        assertTrue(e.getMessage().contains("Unset TOUCHMARK_PUBLIC_URL to print for https://tm.example"), e.getMessage());
        assertTrue(e.getMessage().contains("restart the server with TOUCHMARK_PUBLIC_URL=http://localhost:7070"), e.getMessage());
    }
}
