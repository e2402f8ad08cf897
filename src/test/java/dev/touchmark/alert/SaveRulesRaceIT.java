package dev.touchmark.alert;

import static dev.touchmark.db.jooq.Tables.BRAND;
import static dev.touchmark.db.jooq.Tables.BRAND_RULES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A brand's first thresholds saved from many connections at once, as admins on several nodes might (db/Upsert): every
 * save gets through (no broken key), one row stands, holding one of the saves. On H2 and on PostgreSQL.
 */
class SaveRulesRaceIT {
    private static final int SAVERS = 8;
    private static final int ROUNDS = 15;

    @Test
    void firstSavesRacingOnH2AllGetThroughAndOneStands(@TempDir Path dir) throws Exception {
        race(TestDatabases.h2(dir));
    }

    @Test
    void firstSavesRacingOnPostgresAllGetThroughAndOneStands(@TempDir Path dir) throws Exception {
        try (TestDatabases.Postgres pg = TestDatabases.postgres(dir)) {
            race(pg.config());
        }
    }

    private static void race(TouchmarkConfig config) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SAVERS);
        try (Database database = Database.open(config, SAVERS + 1)) {
            for (int round = 0; round < ROUNDS; round++) {
                long brand = database.dsl().insertInto(BRAND).set(BRAND.NAME, "Racing " + round)
                        .set(BRAND.CREATED_AT, OffsetDateTime.now(ZoneOffset.UTC)).returning(BRAND.ID).fetchOne(BRAND.ID);
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<Void>> saves = new ArrayList<>();
                for (int saver = 0; saver < SAVERS; saver++) {
                    int clones = 2 + saver;
                    saves.add(CompletableFuture.runAsync(() -> {
                        await(go);
                        new DetectionRepository(database.dsl()).saveRules(brand, RuleSettings.defaults(clones), "saver",
                                OffsetDateTime.now(ZoneOffset.UTC));
                    }, pool));
                }
                go.countDown();
                CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                List<Integer> stored = database.dsl().select(BRAND_RULES.CLONE_DEVICES).from(BRAND_RULES)
                        .where(BRAND_RULES.BRAND_ID.eq(brand)).fetch(BRAND_RULES.CLONE_DEVICES);
                assertEquals(1, stored.size(), "one row per brand");
                assertTrue(stored.get(0) >= 2 && stored.get(0) < 2 + SAVERS, "the row holds one of the saves: " + stored);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
