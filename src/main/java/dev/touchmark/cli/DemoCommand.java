package dev.touchmark.cli;

import dev.touchmark.App;
import dev.touchmark.config.ConfigLoader;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.demo.DemoData;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** touchmark demo: starts the server with demo data created on first run. */
@Command(mixinStandardHelpOptions = true, name = "demo", description = "Start the server on the configured database with a demo brand, product and released batch.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        TouchmarkConfig config = ConfigLoader.fromEnvironment();
        App app = App.start(config, Clock.systemUTC());
        DemoData.Summary demo = DemoData.ensure(app.services());
        System.out.println("Touchmark is running at http://localhost:" + app.port() + " (codes point at " + config.publicUrl() + ")");
        System.out.println("Demo brand: " + demo.brand().name() + " (id " + demo.brand().id() + ")");
        demo.created().ifPresentOrElse(created -> {
            System.out.println("  API key (shown once, keep it): " + created.apiKey());
            System.out.println("  Admin sign-in: " + created.adminEmail() + " / " + created.adminPassword());
        }, () -> System.out.println("  (created on an earlier run; its API key was printed then. "
                + "Make another brand with: java -jar target/touchmark.jar brand create --name ... --admin-email ...)"));
        System.out.println("Released batch " + demo.batch().id() + " with " + demo.batch().quantity() + " codes. Try:");
        System.out.println("  curl -H 'Authorization: Bearer <API key>' http://localhost:" + app.port() + "/api/v1/batches/"
                + demo.batch().id() + "/labels?format=pdf -o labels.pdf");
        System.out.println("  curl http://localhost:" + app.port() + "/.well-known/jwks.json > jwks.json");
        demo.sampleUrls().forEach(url -> System.out.println("  java -jar target/touchmark.jar verify --jwks jwks.json '" + url + "'"));
        ServeCommand.awaitShutdown(app);
        return 0;
    }
}
