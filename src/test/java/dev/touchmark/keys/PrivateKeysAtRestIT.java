package dev.touchmark.keys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.config.ConfigException;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A dump of the database, or its raw file, holds no private key material; the wrong master key is refused. */
class PrivateKeysAtRestIT {

    @Test
    void anH2DumpAndTheDatabaseFileContainNoPrivateKey() throws Exception {
        Path dir = Files.createTempDirectory("touchmark-keys-");
        TouchmarkConfig config = TestDatabases.h2(dir);
        List<byte[]> seeds;
        String script;
        try (App app = App.start(config, Clock.systemUTC())) {
            app.services().brands().create("Keys A", "a@keys.example");
            app.services().keys().rotate(app.services().brands().getByName("Keys A").id());
            seeds = decryptedSeeds(app.services().database(), config);
            script = h2Script(app.services().database());
        }
        assertTrue(seeds.size() >= 2);
        for (byte[] seed : seeds) {
            assertNoTrace(script.getBytes(StandardCharsets.UTF_8), seed, "SQL dump");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".db")).toList()) {
                    assertNoTrace(Files.readAllBytes(file), seed, file.toString());
                }
            }
        }
    }

    @Test
    void aPostgresDumpContainsNoPrivateKey() throws Exception {
        try (TestDatabases.Postgres pg = TestDatabases.postgres(Files.createTempDirectory("touchmark-keys-pg-"))) {
            TouchmarkConfig config = pg.config();
            try (App app = App.start(config, Clock.systemUTC())) {
                app.services().brands().create("Keys PG", "pg@keys.example");
                List<byte[]> seeds = decryptedSeeds(app.services().database(), config);
                byte[] dump = jdbcDump(app.services().database());
                for (byte[] seed : seeds) {
                    assertNoTrace(dump, seed, "table dump");
                }
            }
        }
    }

    @Test
    void startingWithAnotherMasterKeyFailsWithAMessageSayingWhatToSet() throws Exception {
        Path dir = Files.createTempDirectory("touchmark-mk-");
        TouchmarkConfig config = TestDatabases.h2(dir);
        try (App app = App.start(config, Clock.systemUTC())) {
            app.services().brands().create("MK", "mk@keys.example");
        }
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        TouchmarkConfig wrong = new TouchmarkConfig(0, "127.0.0.1", config.publicUrl(), dir, config.dbUrl(), "sa", "",
                Optional.of(Base64.getEncoder().encodeToString(other)), config.masterKeyFile(), config.scans(), config.webhooks());
        RuntimeException e = assertThrows(RuntimeException.class, () -> App.start(wrong, Clock.systemUTC()).close());
        assertTrue(e.getMessage().contains("TOUCHMARK_MASTER_KEY"), e.getMessage());
        TouchmarkConfig malformed = new TouchmarkConfig(0, "127.0.0.1", config.publicUrl(), dir, config.dbUrl(), "sa", "",
                Optional.of("not base64!"), config.masterKeyFile(), config.scans(), config.webhooks());
        assertThrows(ConfigException.class, () -> App.start(malformed, Clock.systemUTC()).close());
    }

    private static List<byte[]> decryptedSeeds(Database database, TouchmarkConfig config) {
        MasterKey masterKey = MasterKey.load(config, new SecureRandom());
        List<byte[]> seeds = new ArrayList<>();
        database.dsl().select(dev.touchmark.db.jooq.Tables.SIGNING_KEY.KID, dev.touchmark.db.jooq.Tables.SIGNING_KEY.PRIVATE_KEY_ENCRYPTED)
                .from(dev.touchmark.db.jooq.Tables.SIGNING_KEY)
                .forEach(r -> seeds.add(masterKey.decrypt(r.value2(), r.value1())));
        return seeds;
    }

    private static String h2Script(Database database) throws Exception {
        StringBuilder script = new StringBuilder();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SCRIPT")) {
            while (rs.next()) {
                script.append(rs.getString(1)).append('\n');
            }
        }
        assertTrue(script.toString().contains("signing_key") || script.toString().contains("SIGNING_KEY"));
        return script.toString();
    }

    private static byte[] jdbcDump(Database database) throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("brand", "brand_user", "api_key", "signing_key", "product", "batch", "batch_event")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            dump.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value)).append('|');
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        assertTrue(dump.length() > 100);
        return dump.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertNoTrace(byte[] haystack, byte[] seed, String where) {
        String text = new String(haystack, StandardCharsets.ISO_8859_1);
        for (String form : List.of(new String(seed, StandardCharsets.ISO_8859_1), HexFormat.of().formatHex(seed),
                HexFormat.of().withUpperCase().formatHex(seed), Base64.getEncoder().encodeToString(seed),
                Base64.getUrlEncoder().withoutPadding().encodeToString(seed))) {
            assertFalse(text.contains(form), "private key material found in " + where);
        }
        assertFalse(text.contains(new String(seed, 0, 16, StandardCharsets.ISO_8859_1)), "half a seed found in " + where);
    }
}
