package dev.touchmark.installation;

import static dev.touchmark.db.jooq.Tables.INSTALLATION_SETTING;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** SQL for the settings of the whole installation (one row per setting; no brand owns them). */
public final class InstallationRepository {
    private final DSLContext dsl;

    public InstallationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The value of a setting, if it was ever set. */
    public Optional<String> find(String name) {
        return dsl.select(INSTALLATION_SETTING.SETTING_VALUE).from(INSTALLATION_SETTING)
                .where(INSTALLATION_SETTING.NAME.eq(name)).fetchOptional(r -> r.value1());
    }

    /** Sets a setting, inserting its row the first time (a concurrent first insert is retried as an update). */
    public void put(String name, String value, OffsetDateTime now) {
        if (update(name, value, now) > 0) {
            return;
        }
        try {
            dsl.insertInto(INSTALLATION_SETTING)
                    .set(INSTALLATION_SETTING.NAME, name)
                    .set(INSTALLATION_SETTING.SETTING_VALUE, value)
                    .set(INSTALLATION_SETTING.UPDATED_AT, now)
                    .execute();
        } catch (DataAccessException raced) {
            if (update(name, value, now) == 0) {
                throw raced;
            }
        }
    }

    private int update(String name, String value, OffsetDateTime now) {
        return dsl.update(INSTALLATION_SETTING)
                .set(INSTALLATION_SETTING.SETTING_VALUE, value)
                .set(INSTALLATION_SETTING.UPDATED_AT, now)
                .where(INSTALLATION_SETTING.NAME.eq(name))
                .execute();
    }
}
