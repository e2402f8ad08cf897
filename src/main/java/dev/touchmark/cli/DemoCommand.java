package dev.touchmark.cli;

import dev.touchmark.App;
import dev.touchmark.config.ConfigLoader;
import dev.touchmark.config.PortInUseException;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.demo.DemoClock;
import dev.touchmark.demo.DemoData;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** touchmark demo: starts the server with three demo brands, a month of scans and their alliance, created on first run. */
@Command(mixinStandardHelpOptions = true, name = "demo", description = "Start the server on the configured database "
        + "(embedded H2 in ./data by default) with three demo brands, their batches, 30 days of simulated scans and their alliance.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        TouchmarkConfig config = ConfigLoader.fromEnvironment();
        DemoClock clock = new DemoClock(Clock.systemUTC());
        App app = start(config, clock);
        System.out.println("Preparing demo data (first run only: a month of scans takes a few seconds)...");
        List<DemoData.Summary> brands = DemoData.ensure(app, clock);
        String base = "http://localhost:" + app.port();
        System.out.println();
        System.out.println("Touchmark is running at " + base + " (codes point at " + config.publicUrl() + ")");
        System.out.println("Dashboard: " + base + "/dashboard");
        for (DemoData.Summary brand : brands) {
            System.out.println();
            System.out.println(brand.brand().name() + (brand.seededNow() ? " (created now, " + brand.scans() + " scans)" : ""));
            System.out.println("  Sign in: " + brand.email() + " / " + DemoData.PASSWORD);
            brand.apiKey().ifPresentOrElse(key -> System.out.println("  API key (shown once): " + key),
                    () -> System.out.println("  API key: printed on the first run; make another in the dashboard"));
            System.out.println("  Codes to try (open in a browser, or paste into Code lookup):");
            brand.codesToTry().forEach((what, url) -> System.out.println("    " + what + ": " + url));
        }
        System.out.println();
        System.out.println("Alliance: \"" + DemoData.ALLIANCE + "\" (all three brands; see Alliances in the dashboard)");
        System.out.println("More traffic: java -jar target/touchmark.jar simulate --url " + base + " --api-key <API key>");
        ServeCommand.awaitShutdown(app);
        return 0;
    }

    private static App start(TouchmarkConfig config, Clock clock) {
        try {
            return App.start(config, clock);
        } catch (PortInUseException e) {
            throw new CliException("port " + e.port() + " is already in use (is another Touchmark running?). "
                    + "Stop it, or pick a free port: TOUCHMARK_PORT=7071 scripts/demo.sh");
        }
    }
}
