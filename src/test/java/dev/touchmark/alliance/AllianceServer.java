package dev.touchmark.alliance;

import dev.touchmark.App;
import dev.touchmark.brand.BrandService;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.SimulatedClock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A real server on H2 or PostgreSQL for the alliance contracts; the operator acts through the service, brands over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AllianceServer {
    static final String OPERATOR = "cli:operator";
    final SimulatedClock clock = new SimulatedClock(Instant.now());
    App app;
    Http http;

    protected abstract TouchmarkConfig config() throws Exception;

    @BeforeAll
    void start() throws Exception {
        app = App.start(config(), clock);
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    AllianceService alliances() {
        return app.services().alliances();
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new brand named "{name} {suffix}", its admin at admin-{suffix}@{name}.example. */
    BrandService.CreatedBrand brand(String name) {
        String suffix = suffix();
        return app.services().brands().create(name + " " + suffix, "admin-" + suffix + "@" + name.toLowerCase() + ".example");
    }
}
