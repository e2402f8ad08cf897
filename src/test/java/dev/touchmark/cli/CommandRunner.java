package dev.touchmark.cli;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Runs touchmark commands one after another in one JVM of their own, started with the packaged jar on its class path
 * (and only this class besides): each line read from standard input is a command, NUL-separated, whose first two
 * fields name the files its standard output and error go to and whose other fields are its arguments, run through
 * {@link Main#run(String...)} as {@code java -jar touchmark.jar} would; the exit code is written back as a line.
 * A test that runs many commands with the same environment pays for one JVM start instead of one per command.
 */
public final class CommandRunner {
    private CommandRunner() {
    }

    public static void main(String[] ignored) throws IOException {
        PrintStream replies = System.out;
        PrintStream ownErr = System.err;
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = requests.readLine(); line != null; line = requests.readLine()) {
            String[] fields = line.split("\0", -1);
            int exit;
            // The default charset, as the standard streams of java -jar have it.
            try (PrintStream out = new PrintStream(new FileOutputStream(fields[0]), true);
                 PrintStream err = new PrintStream(new FileOutputStream(fields[1]), true)) {
                System.setOut(out);
                System.setErr(err);
                try {
                    exit = Main.run(Arrays.copyOfRange(fields, 2, fields.length));
                } catch (RuntimeException | Error e) {
                    // What the JVM does with an exception that leaves main: print it and exit with 1.
                    e.printStackTrace();
                    exit = 1;
                }
            } finally {
                System.setOut(replies);
                System.setErr(ownErr);
            }
            replies.println(exit);
            replies.flush();
        }
    }
}
