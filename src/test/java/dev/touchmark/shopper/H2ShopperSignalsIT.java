package dev.touchmark.shopper;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** Seller keys and label hosts on embedded H2. */
class H2ShopperSignalsIT extends ShopperSignalsContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-signals-h2-"));
    }
}
