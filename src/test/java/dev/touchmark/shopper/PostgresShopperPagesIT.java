package dev.touchmark.shopper;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AutoClose;

/** The home page, error pages and verdict wording on PostgreSQL (skipped if unreachable, except under CI=true). */
class PostgresShopperPagesIT extends ShopperPagesContract {
    /** Dropped after the contract's @AfterAll has stopped the server (JUnit closes it at the instance's end). */
    @AutoClose
    private TestDatabases.Postgres postgres;

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-pages-pg-"));
        return postgres.config();
    }
}
