package dev.touchmark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.config.ConfigException;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDataDirTest {
    @Test
    void aDataFolderThatCannotBeCreatedStopsStartUpWithAMessageThatSaysWhatToDo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        TouchmarkConfig config = TestDatabases.h2(file.resolve("data"));
        ConfigException e = assertThrows(ConfigException.class, () -> App.checkDataDir(config));
        assertTrue(e.getMessage().contains("TOUCHMARK_DATA_DIR"), e.getMessage());
        assertTrue(e.getMessage().contains("point TOUCHMARK_DATA_DIR at a folder"), e.getMessage());
    }

    @Test
    void aMissingDataFolderIsCreated(@TempDir Path dir) {
        Path data = dir.resolve("a/b/data");
        App.checkDataDir(TestDatabases.h2(data));
        assertTrue(Files.isDirectory(data));
    }
}
