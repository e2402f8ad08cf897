package dev.touchmark.installation;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** The label address contract on embedded H2. */
class H2LabelAddressIT extends LabelAddressContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-address-"));
    }
}
