package dev.touchmark;

import dev.touchmark.batch.BatchController;
import dev.touchmark.brand.BrandController;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.http.ApiAuth;
import dev.touchmark.http.HealthController;
import dev.touchmark.http.Json;
import dev.touchmark.http.Routes;
import dev.touchmark.keys.KeyController;
import dev.touchmark.label.LabelController;
import dev.touchmark.product.ProductController;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.json.JavalinJackson;
import java.time.Clock;

/** Composition root: config -> database -> migrations -> services -> Javalin. */
public final class App implements AutoCloseable {
    private final Services services;
    private final Javalin javalin;

    private App(Services services, Javalin javalin) {
        this.services = services;
        this.javalin = javalin;
    }

    /** Opens the database, wires everything and starts listening. */
    public static App start(TouchmarkConfig config, Clock clock) {
        Database database = Database.open(config, 16);
        try {
            Services services = Services.create(config, database, clock);
            Javalin javalin = createServer(services);
            javalin.start(config.host(), config.port());
            return new App(services, javalin);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static Javalin createServer(Services services) {
        Json json = new Json();
        Routes.Controllers controllers = new Routes.Controllers(
                new ApiAuth(services.apiKeys()),
                new HealthController(services.database()),
                new BrandController(services.brands()),
                new KeyController(services.keys(), json),
                new ProductController(services.products(), json),
                new BatchController(services.batches(), json),
                new LabelController(services.batches()));
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json.mapper(), false));
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.maxRequestSize = 1_000_000L;
            config.http.prefer405over404 = true;
            Routes.register(config.routes, controllers);
        });
    }

    /** The port the server listens on. */
    public int port() {
        return javalin.port();
    }

    /** The wired services. */
    public Services services() {
        return services;
    }

    @Override
    public void close() {
        javalin.stop();
        services.database().close();
    }
}
