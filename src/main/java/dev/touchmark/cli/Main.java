package dev.touchmark.cli;

import dev.touchmark.config.ConfigException;
import dev.touchmark.error.ConflictException;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The touchmark command: serve, demo and the admin commands. */
@Command(name = "touchmark", mixinStandardHelpOptions = true, version = "touchmark 0.1.0",
        description = "Product authentication with Ed25519-signed serial codes.",
        subcommands = {ServeCommand.class, DemoCommand.class, BrandCommand.class, KeyCommand.class,
            ProductCommand.class, BatchCommand.class, AllianceCommand.class, VerifyCommand.class, SimulateCommand.class,
            BackupCommands.Backup.class, BackupCommands.Restore.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 refused, 2 usage or configuration; verify adds 3). */
    public static int run(String... args) {
        return run(null, args);
    }

    /** Runs the command line with its error messages written to err (standard error when null). */
    static int run(PrintWriter err, String... args) {
        // H2's auto-server (which lets admin commands reach a database file a server holds) must listen on
        // loopback only; this JVM-wide property is read when H2 opens its server socket.
        System.setProperty("h2.bindAddress", "127.0.0.1");
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(Main::handle);
        if (err != null) {
            commandLine.setErr(err);
        }
        return commandLine.execute(args);
    }

    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof ConfigException) {
            err.println("touchmark: configuration: " + e.getMessage());
            return 2;
        }
        if (e instanceof ValidationException v) {
            v.errors().forEach(f -> err.println("touchmark: " + f.field() + " " + ValidationException.FieldError.punctuated(f.message())));
            return 1;
        }
        if (e instanceof CliException cli) {
            err.println("touchmark: " + e.getMessage());
            return cli.exitCode();
        }
        if (e instanceof NotFoundException || e instanceof ConflictException) {
            err.println("touchmark: " + e.getMessage());
            return 1;
        }
        err.println("touchmark: unexpected failure: " + e);
        return 1;
    }
}
