package dev.touchmark.cli;

import dev.touchmark.App;
import dev.touchmark.config.ConfigLoader;
import dev.touchmark.config.TouchmarkConfig;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** touchmark serve: runs the server until stopped. */
@Command(mixinStandardHelpOptions = true, name = "serve", description = "Start the Touchmark server (configured by TOUCHMARK_* environment variables).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", description = "Port to listen on (default: TOUCHMARK_PORT, else 7070).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        TouchmarkConfig config = ConfigLoader.fromEnvironment();
        if (port != null) {
            if (port < 0 || port > 65535) {
                throw new CliException("--port must be a number between 0 and 65535", 2);
            }
            config = config.withPort(port);
            if (ConfigLoader.configuredPublicUrl(System.getenv()).isEmpty()) {
                config = config.withPublicUrl("http://localhost:" + port);
            }
        }
        App app = App.start(config, Clock.systemUTC());
        System.out.println("Touchmark listening on port " + app.port() + "; codes point at " + config.publicUrl());
        if (ConfigLoader.configuredPublicUrl(System.getenv()).isEmpty()) {
            System.err.println("touchmark: TOUCHMARK_PUBLIC_URL is not set, so labels point at " + config.publicUrl()
                    + ", which only this machine opens: set it to the address shoppers' phones open before printing labels");
        }
        awaitShutdown(app);
        return 0;
    }

    static void awaitShutdown(App app) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "touchmark-shutdown"));
        stopped.await();
    }
}
