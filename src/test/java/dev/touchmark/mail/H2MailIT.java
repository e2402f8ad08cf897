package dev.touchmark.mail;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** Staff mail on embedded H2. */
class H2MailIT extends MailContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-mail-h2-"));
    }
}
