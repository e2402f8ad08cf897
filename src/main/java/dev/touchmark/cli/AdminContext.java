package dev.touchmark.cli;

import dev.touchmark.Services;
import dev.touchmark.access.Principal;
import dev.touchmark.brand.Brand;
import dev.touchmark.config.ConfigLoader;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import java.time.Clock;
import java.util.Optional;

/**
 * Opens the configured database for one admin command. On embedded H2 this works while a server
 * holds the file: the server's admin port lets this process in through the server's process (Database.open), with
 * the password kept in the data folder (H2Password). Labels are printed for the installation's public URL, never for
 * a guessed one (Services.forCommand).
 */
final class AdminContext implements AutoCloseable {
    private final Services services;

    private AdminContext(Services services) {
        this.services = services;
    }

    static AdminContext open() {
        TouchmarkConfig config = ConfigLoader.fromEnvironment();
        Optional<String> configuredUrl = ConfigLoader.configuredPublicUrl(System.getenv());
        Database database = Database.open(config, 2);
        try {
            return new AdminContext(Services.forCommand(config, database, Clock.systemUTC(), configuredUrl));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    Services services() {
        return services;
    }

    /** The brand a --brand option names. */
    Brand brand(BrandOption option) {
        return brand(option.idOrName);
    }

    /** The command line acting for the brand a --brand option names. */
    Principal principal(BrandOption option) {
        return principal(option.idOrName);
    }

    /** A brand by numeric id or exact name. */
    Brand brand(String idOrName) {
        if (idOrName.matches("\\d{1,18}")) {
            return services.brands().get(Long.parseLong(idOrName));
        }
        return services.brands().getByName(idOrName);
    }

    /** The command line acting for a brand; recorded as who did what. */
    Principal principal(String idOrName) {
        return new Principal(brand(idOrName).id(), "cli:" + System.getProperty("user.name", "unknown"));
    }

    @Override
    public void close() {
        services.close();
        services.database().close();
    }
}
