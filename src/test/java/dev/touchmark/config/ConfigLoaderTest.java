package dev.touchmark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void defaultsAreThoseTheReadmeDocuments() {
        TouchmarkConfig config = ConfigLoader.load(Map.of());
        assertEquals(7070, config.port());
        assertEquals("http://localhost:7070", config.publicUrl());
        assertTrue(config.dbUrl().startsWith("jdbc:h2:file:") && config.dbUrl().endsWith("data/touchmark"), config.dbUrl());
        assertTrue(config.masterKeyFile().toString().endsWith("data/master.key"));
        assertFalse(config.isPostgres());
    }

    @Test
    void badValuesStopWithOneLineNamingTheVariable() {
        assertMessage(Map.of("TOUCHMARK_PORT", "seventy"), "TOUCHMARK_PORT");
        assertMessage(Map.of("TOUCHMARK_PORT", "70000"), "TOUCHMARK_PORT");
        assertMessage(Map.of("TOUCHMARK_PUBLIC_URL", "ftp://x.example"), "TOUCHMARK_PUBLIC_URL");
        assertMessage(Map.of("TOUCHMARK_PUBLIC_URL", "https://x.example/?a=b"), "TOUCHMARK_PUBLIC_URL");
        assertMessage(Map.of("TOUCHMARK_PUBLIC_URL", "not a url"), "TOUCHMARK_PUBLIC_URL");
        assertMessage(Map.of("TOUCHMARK_DB_URL", "jdbc:mysql://x"), "TOUCHMARK_DB_URL");
    }

    @Test
    void aTrailingSlashIsDroppedFromThePublicUrlAndPostgresIsRecognised() {
        TouchmarkConfig config = ConfigLoader.load(Map.of("TOUCHMARK_PUBLIC_URL", "https://tm.example/",
                "TOUCHMARK_DB_URL", "jdbc:postgresql://db/tm", "TOUCHMARK_DB_PASSWORD", "hunter2"));
        assertEquals("https://tm.example", config.publicUrl());
        assertTrue(config.isPostgres());
        assertEquals("postgres", config.dbUser());
        assertFalse(config.toString().contains("hunter2"), "secrets never print");
    }

    @Test
    void webhooksToPrivateNetworksAreRefusedUnlessTurnedOn() {
        assertFalse(ConfigLoader.load(Map.of()).webhooks().allowPrivateNetworks());
        assertTrue(ConfigLoader.load(Map.of("TOUCHMARK_WEBHOOK_ALLOW_PRIVATE", "true")).webhooks().allowPrivateNetworks());
        assertFalse(ConfigLoader.load(Map.of("TOUCHMARK_WEBHOOK_ALLOW_PRIVATE", "FALSE")).webhooks().allowPrivateNetworks());
        assertMessage(Map.of("TOUCHMARK_WEBHOOK_ALLOW_PRIVATE", "yes"), "TOUCHMARK_WEBHOOK_ALLOW_PRIVATE");
    }

    @Test
    void writesAreForcedToTheDiskOnlyWhenAskedFor() {
        assertFalse(ConfigLoader.load(Map.of()).scans().syncWrites());
        assertTrue(ConfigLoader.load(Map.of("TOUCHMARK_SYNC_WRITES", "true")).scans().syncWrites());
        assertFalse(ConfigLoader.load(Map.of("TOUCHMARK_SYNC_WRITES", " false ")).scans().syncWrites());
        assertMessage(Map.of("TOUCHMARK_SYNC_WRITES", "1"), "TOUCHMARK_SYNC_WRITES");
    }

    @Test
    void theClientAddressComesFromTheTrustedHopsOfTheConfiguredHeader() {
        ScanSettings none = ConfigLoader.load(Map.of()).scans();
        assertTrue(none.clientIpHeader().isEmpty());
        assertEquals(1, none.trustedProxyHops());
        ScanSettings one = ConfigLoader.load(Map.of("TOUCHMARK_CLIENT_IP_HEADER", "X-Forwarded-For")).scans();
        assertEquals(Optional.of("X-Forwarded-For"), one.clientIpHeader());
        assertEquals(1, one.trustedProxyHops(), "one proxy unless told otherwise");
        ScanSettings two = ConfigLoader.load(Map.of("TOUCHMARK_CLIENT_IP_HEADER", "forwarded",
                "TOUCHMARK_TRUSTED_PROXY_HOPS", " 2 ")).scans();
        assertEquals(2, two.trustedProxyHops());
        assertEquals(1, ConfigLoader.load(Map.of("TOUCHMARK_CLIENT_IP_HEADER", "CF-Connecting-IP",
                "TOUCHMARK_TRUSTED_PROXY_HOPS", "1")).scans().trustedProxyHops());
    }

    @Test
    void trustedHopsThatCannotBeHonouredStopStartUp() {
        assertMessage(Map.of("TOUCHMARK_TRUSTED_PROXY_HOPS", "1"), "TOUCHMARK_CLIENT_IP_HEADER");
        assertMessage(Map.of("TOUCHMARK_CLIENT_IP_HEADER", "X-Forwarded-For", "TOUCHMARK_TRUSTED_PROXY_HOPS", "0"),
                "TOUCHMARK_TRUSTED_PROXY_HOPS");
        assertMessage(Map.of("TOUCHMARK_CLIENT_IP_HEADER", "X-Forwarded-For", "TOUCHMARK_TRUSTED_PROXY_HOPS", "-1"),
                "TOUCHMARK_TRUSTED_PROXY_HOPS");
        assertMessage(Map.of("TOUCHMARK_CLIENT_IP_HEADER", "X-Forwarded-For", "TOUCHMARK_TRUSTED_PROXY_HOPS", "two"),
                "TOUCHMARK_TRUSTED_PROXY_HOPS");
        assertMessage(Map.of("TOUCHMARK_CLIENT_IP_HEADER", "X-Real-IP", "TOUCHMARK_TRUSTED_PROXY_HOPS", "2"),
                "TOUCHMARK_TRUSTED_PROXY_HOPS");
        assertMessage(Map.of("TOUCHMARK_CLIENT_IP_HEADER", "X-Forwarded-Proto"), "TOUCHMARK_CLIENT_IP_HEADER");
        assertMessage(Map.of("TOUCHMARK_CLIENT_IP_HEADER", "Via"), "TOUCHMARK_CLIENT_IP_HEADER");
        assertMessage(Map.of("TOUCHMARK_CLIENT_IP_HEADER", "X-Forwarded-For: 2"), "TOUCHMARK_CLIENT_IP_HEADER");
    }

    @Test
    void labelExportsAreCappedByDefaultAndTheCapsCanBeSet() {
        ExportSettings defaults = ConfigLoader.load(Map.of()).exports();
        assertEquals(3, defaults.atOnce());
        assertEquals(1, defaults.perBrand());
        assertEquals(0, defaults.renderThreads(), "0: half the cores");
        ExportSettings set = ConfigLoader.load(Map.of("TOUCHMARK_EXPORTS_AT_ONCE", "6", "TOUCHMARK_EXPORTS_PER_BRAND", "2",
                "TOUCHMARK_EXPORT_THREADS", "3")).exports();
        assertEquals(new ExportSettings(3, 6, 2), set);
        assertMessage(Map.of("TOUCHMARK_EXPORTS_AT_ONCE", "0"), "TOUCHMARK_EXPORTS_AT_ONCE");
        assertMessage(Map.of("TOUCHMARK_EXPORTS_PER_BRAND", "many"), "TOUCHMARK_EXPORTS_PER_BRAND");
        assertMessage(Map.of("TOUCHMARK_EXPORTS_AT_ONCE", "2", "TOUCHMARK_EXPORTS_PER_BRAND", "3"), "TOUCHMARK_EXPORTS_PER_BRAND");
        assertMessage(Map.of("TOUCHMARK_EXPORT_THREADS", "-1"), "TOUCHMARK_EXPORT_THREADS");
    }

    private static void assertMessage(Map<String, String> env, String variable) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(env));
        assertTrue(e.getMessage().contains(variable), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
