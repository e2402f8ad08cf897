package dev.touchmark.testsupport;

import dev.touchmark.config.TouchmarkConfig;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade test run on a fresh embedded H2 database and on a fresh PostgreSQL database: it migrates to the version
 * before the subclass's change, makes a released batch, lets the subclass write rows as that version held them, runs
 * every later migration and lets the subclass check what they made of them (see {@link Upgrades}).
 */
public abstract class UpgradeTest {
    /** The last migration before the change under test. */
    protected abstract String before();

    /** Writes rows as version {@link #before()} held them, for a released batch made in that version. */
    protected abstract void writeBefore(Connection c, Upgrades.BrandBatch made) throws Exception;

    /** Checks the rows after every later migration ran. */
    protected abstract void checkAfter(Connection c, Upgrades.BrandBatch made) throws Exception;

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

    private void upgradeAndCheck(TouchmarkConfig config, boolean postgres) throws Exception {
        Upgrades.migrate(config, postgres, before());
        Upgrades.BrandBatch made;
        try (Connection c = Upgrades.connect(config)) {
            made = Upgrades.releasedBatch(c);
            writeBefore(c, made);
        }
        Upgrades.migrate(config, postgres, null);
        try (Connection c = Upgrades.connect(config)) {
            checkAfter(c, made);
        }
    }
}
