package dev.touchmark.alliance;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** Alliance privacy on embedded H2. */
class H2AlliancePrivacyIT extends AlliancePrivacyContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-privacy-h2-"));
    }
}
