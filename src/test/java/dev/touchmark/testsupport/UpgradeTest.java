package dev.touchmark.testsupport;

import dev.touchmark.config.TouchmarkConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade test run on a fresh embedded H2 database and on a fresh PostgreSQL database: the subclass migrates to
 * the version before its change, writes rows as that version held them and checks what the latest version made of
 * them (see {@link Upgrades}).
 */
public abstract class UpgradeTest {
    /** Migrates, writes, upgrades and checks, on one database. */
    protected abstract void upgradeAndCheck(TouchmarkConfig config, boolean postgres) throws Exception;

    @Test
    void upgradingAnH2Database(@TempDir Path dir) throws Exception {
        upgradeAndCheck(TestDatabases.h2(dir), false);
    }

    @Test
    void upgradingAPostgresDatabase(@TempDir Path dir) throws Exception {
        try (TestDatabases.Postgres pg = TestDatabases.postgres(dir)) {
            upgradeAndCheck(pg.config(), true);
        }
    }
}
