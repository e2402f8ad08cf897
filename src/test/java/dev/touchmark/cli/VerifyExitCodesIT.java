package dev.touchmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * touchmark verify in this process: exit 1 means "not genuine" only; a JWKS that is missing, empty or not one is a
 * usage error (2), and one that cannot be fetched is 3, each with a message that says what is wrong.
 */
class VerifyExitCodesIT {
    private static final String CODE = "HTTPS://TM.EXAMPLE/V/AAAA";

    record Result(int exit, String err) {
    }

    private static Result verify(String jwks) {
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(err, true), "verify", CODE, "--jwks", jwks);
        return new Result(exit, err.toString());
    }

    private static void assertClear(Result result, int exit, String says) {
        assertEquals(exit, result.exit(), result.err());
        assertTrue(result.err().contains(says), result.err());
        assertFalse(result.err().contains("null"), result.err());
        assertFalse(result.err().contains("Exception"), result.err());
    }

    @Test
    void aMissingEmptyOrForeignJwksIsAnInputErrorNotAVerdict(@TempDir Path dir) throws Exception {
        assertClear(verify(dir.resolve("missing.json").toString()), 2, "no JWKS file at");
        assertClear(verify(Files.writeString(dir.resolve("empty.json"), "").toString()), 2, "is empty");
        assertClear(verify(Files.writeString(dir.resolve("page.html"), "<html>").toString()), 2, "not valid JSON");
        assertClear(verify(Files.writeString(dir.resolve("none.json"), "{\"keys\":[]}").toString()), 2, "holds no Ed25519 keys");
        assertClear(verify(dir.toString()), 2, "is a folder");
    }

    @Test
    void anUnreachableJwksUrlHasItsOwnExitCodeAndSaysWhy() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result unreachable = verify("http://127.0.0.1:" + port + "/.well-known/jwks.json");
        assertClear(unreachable, 3, "cannot fetch the JWKS from http://127.0.0.1:" + port);
        assertTrue(unreachable.err().contains("connection refused"), unreachable.err());
    }

    @Test
    void theHelpListsTheExitCodes() {
        StringWriter out = new StringWriter();
        picocli.CommandLine command = new picocli.CommandLine(new Main());
        command.setOut(new PrintWriter(out, true));
        command.execute("verify", "--help");
        assertTrue(out.toString().contains("3   the JWKS URL could not be fetched"), out.toString());
        assertTrue(out.toString().contains("2   usage or input error"), out.toString());
    }
}
