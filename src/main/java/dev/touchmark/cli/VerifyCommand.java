package dev.touchmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.code.Base32;
import dev.touchmark.code.CodeFormat;
import dev.touchmark.code.CodeVerifier;
import dev.touchmark.code.SignatureCheck;
import dev.touchmark.code.PublishedKey;
import dev.touchmark.keys.KeyIds;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** touchmark verify: checks a code offline against a JWKS, with no database. */
@Command(mixinStandardHelpOptions = true, name = "verify", description = "Check a code's signature against a JWKS file or URL, offline.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the code is genuine (valid signature by a published key)",
            "1:the code is not genuine (forged, malformed, unknown or revoked key)",
            "2:usage or input error (missing option, missing or empty JWKS file, not a JWKS)",
            "3:the JWKS URL could not be fetched (unreachable, timed out, not HTTP 200): nothing was checked"})
final class VerifyCommand implements Callable<Integer> {
    /** Exit code for a usage or input error: nothing was checked. */
    static final int BAD_INPUT = 2;
    /** Exit code when the JWKS URL cannot be fetched: nothing was checked. */
    static final int JWKS_UNAVAILABLE = 3;

    @Parameters(index = "0", description = "The URL from the QR (either profile) or a bare compact payload.")
    String code;
    @Option(names = "--jwks", required = true, description = "A JWKS file, or an http(s) URL such as https://tm.example/.well-known/jwks.json.")
    String jwks;

    @Override
    public Integer call() {
        Map<String, PublishedKey> keys = parseJwks(loadJwks(jwks));
        CodeVerifier<PublishedKey> verifier = new CodeVerifier<>(shortKid -> Optional.ofNullable(keys.get(Base32.encode(shortKid))));
        SignatureCheck<PublishedKey> result = verifier.check(code);
        if (result instanceof SignatureCheck.Valid<PublishedKey> valid) {
            System.out.println("GENUINE: valid Ed25519 signature by key " + valid.key().kid() + "; batch "
                    + valid.code().batch() + ", index " + valid.code().index() + ", serial " + valid.code().serial());
            System.out.println("(the signature is genuine; whether the batch is released, recalled or the index is "
                    + "inside the batch is known only to the server)");
            return 0;
        }
        SignatureCheck.Invalid<PublishedKey> invalid = (SignatureCheck.Invalid<PublishedKey>) result;
        System.out.println("NOT GENUINE (" + invalid.reason().name().toLowerCase().replace('_', ' ') + "): " + invalid.detail());
        return 1;
    }

    private static String loadJwks(String source) {
        String text = source.startsWith("http://") || source.startsWith("https://") ? fetch(source) : read(source);
        if (text.isBlank()) {
            throw new CliException("the JWKS at " + source + " is empty: pass the file saved from"
                    + " <server>/.well-known/jwks.json, or that URL", BAD_INPUT);
        }
        return text;
    }

    private static String read(String source) {
        Path path;
        try {
            path = Path.of(source);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CliException("--jwks " + source + " is neither a file path nor an http(s) URL", BAD_INPUT);
        }
        if (Files.isDirectory(path)) {
            throw new CliException(source + " is a folder, not a JWKS file: pass the file saved from"
                    + " <server>/.well-known/jwks.json, or that URL", BAD_INPUT);
        }
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new CliException("no JWKS file at " + source + ": pass a file path or an http(s) URL to --jwks", BAD_INPUT);
        } catch (IOException e) {
            throw new CliException("cannot read the JWKS file " + source + " (" + reason(e) + ")", BAD_INPUT);
        }
    }

    private static String fetch(String source) {
        URI uri;
        try {
            uri = URI.create(source);
        } catch (IllegalArgumentException e) {
            throw new CliException("--jwks " + source + " is not a valid URL", BAD_INPUT);
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CliException("fetching the JWKS from " + source + " answered HTTP " + response.statusCode()
                        + ": nothing was checked", JWKS_UNAVAILABLE);
            }
            return response.body();
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException("cannot fetch the JWKS from " + source + " (" + reason(e) + "): nothing was checked;"
                    + " check the address and the network, or pass a saved JWKS file", JWKS_UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while fetching the JWKS", JWKS_UNAVAILABLE);
        }
    }

    /** What went wrong, in words: many I/O failures carry no message of their own. */
    static String reason(Exception e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException || e instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused or unreachable";
        }
        if (e instanceof java.nio.channels.UnresolvedAddressException || e.getCause() instanceof java.nio.channels.UnresolvedAddressException
                || e instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Keys by short key id; revoked kids are marked as such so the answer can say "revoked". */
    static Map<String, PublishedKey> parseJwks(String text) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new CliException("the JWKS is not valid JSON: pass the file saved from <server>/.well-known/jwks.json", BAD_INPUT);
        }
        if (root == null || !root.path("keys").isArray()) {
            throw new CliException("the JWKS has no \"keys\" array: pass the file saved from <server>/.well-known/jwks.json", BAD_INPUT);
        }
        Map<String, PublishedKey> keys = new HashMap<>();
        for (JsonNode jwk : root.path("keys")) {
            if (!"OKP".equals(jwk.path("kty").asText()) || !"Ed25519".equals(jwk.path("crv").asText())) {
                continue;
            }
            byte[] publicKey;
            try {
                publicKey = Base64.getUrlDecoder().decode(jwk.path("x").asText());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (publicKey.length == 32) {
                keys.put(Base32.encode(KeyIds.shortKid(publicKey)), PublishedKey.of(KeyIds.kid(publicKey), publicKey, false));
            }
        }
        for (JsonNode revoked : root.path("revoked")) {
            try {
                byte[] thumbprint = Base64.getUrlDecoder().decode(revoked.asText());
                if (thumbprint.length == 32) {
                    String shortKid = Base32.encode(Arrays.copyOf(thumbprint, CodeFormat.SHORT_KID_LENGTH));
                    keys.put(shortKid, new PublishedKey(revoked.asText(), true, null));
                }
            } catch (IllegalArgumentException e) {
                // not a thumbprint: ignore, as unknown members are ignored
            }
        }
        if (keys.isEmpty()) {
            throw new CliException("the JWKS holds no Ed25519 keys, so no code can be checked against it: pass the"
                    + " file saved from <server>/.well-known/jwks.json of the server that signed the code", BAD_INPUT);
        }
        return keys;
    }
}
