package dev.touchmark.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    @Test
    void embeddedH2UrlsGetTheOptionsTouchmarkNeeds() {
        String file = Database.effectiveUrl("jdbc:h2:file:/tmp/x/touchmark");
        // H2 writes its file at every commit, before the commit returns: an acknowledged scan survives kill -9
        assertTrue(file.contains(";WRITE_DELAY=0"), file);
        assertTrue(file.contains(";QUERY_CACHE_SIZE=64"), file);
        assertFalse(file.contains("AUTO_SERVER"), file);
        assertTrue(file.contains(";REUSE_SPACE=FALSE"), file);
        String mem = Database.effectiveUrl("jdbc:h2:mem:t");
        assertTrue(mem.contains(";QUERY_CACHE_SIZE=64") && mem.contains(";DB_CLOSE_DELAY=-1"), mem);
    }

    @Test
    void anOptionTheOperatorSetIsKept() {
        String url = Database.effectiveUrl("jdbc:h2:file:/tmp/x/touchmark;query_cache_size=16");
        assertTrue(url.contains(";query_cache_size=16"), url);
        assertEquals(1, url.toUpperCase(java.util.Locale.ROOT).split("QUERY_CACHE_SIZE=", -1).length - 1, url);
    }

    @Test
    void postgresUrlsGetBatchedInsertsOnly() {
        assertEquals("jdbc:postgresql://db/t?reWriteBatchedInserts=true", Database.effectiveUrl("jdbc:postgresql://db/t"));
        assertEquals("jdbc:postgresql://db/t?ssl=true&reWriteBatchedInserts=true",
                Database.effectiveUrl("jdbc:postgresql://db/t?ssl=true"));
    }

    @Test
    void h2TakesTheQueryCacheSize() throws Exception {
        try (Connection c = DriverManager.getConnection(Database.effectiveUrl("jdbc:h2:mem:query-cache-" + System.nanoTime()), "sa", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
            assertTrue(r.next());
            assertEquals("64", r.getString(1));
        }
    }
}
