package dev.touchmark.brand;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** Branded verification pages on embedded H2. */
class H2BrandingIT extends BrandingContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-branding-h2-"));
    }
}
