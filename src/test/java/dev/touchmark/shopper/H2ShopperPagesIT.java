package dev.touchmark.shopper;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** The home page, error pages and verdict wording on embedded H2. */
class H2ShopperPagesIT extends ShopperPagesContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-pages-h2-"));
    }
}
