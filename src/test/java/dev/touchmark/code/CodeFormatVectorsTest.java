package dev.touchmark.code;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.code.Ed25519KeyPair;
import dev.touchmark.keys.KeyIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/code-format-vectors.json is reproduced byte for byte by the project code. */
class CodeFormatVectorsTest {
    private static final Path FILE = Path.of("docs", "code-format-vectors.json");
    private static final HexFormat HEX = HexFormat.of();
    private static JsonNode document;

    @BeforeAll
    static void readVectors() throws IOException {
        document = new ObjectMapper().readTree(Files.readString(FILE));
    }

    static Stream<String> vectorNames() throws IOException {
        readVectors();
        List<String> names = new ArrayList<>();
        document.path("vectors").forEach(v -> names.add(v.path("name").asText()));
        return names.stream();
    }

    private static JsonNode vector(String name) {
        for (JsonNode v : document.path("vectors")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no vector " + name);
    }

    @Test
    void theFileDescribesFormatV1WithVectorsOfBothProfiles() {
        assertEquals("touchmark-code-v1", document.path("format").asText());
        assertEquals("https://tm.example", document.path("publicUrl").asText());
        Set<String> profiles = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (JsonNode v : document.path("vectors")) {
            profiles.add(v.path("profile").asText());
            assertTrue(names.add(v.path("name").asText()), "vector names are unique");
        }
        assertTrue(names.size() >= 3, "at least three vectors");
        assertEquals(Set.of("compact", "gs1"), profiles);
    }

    @ParameterizedTest(name = "vector {0}")
    @MethodSource("vectorNames")
    void everyFieldIsReproducedExactlyByTheProjectCode(String name) {
        JsonNode v = vector(name);
        byte[] seed = HEX.parseHex(v.path("seed").asText());
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(seed);
        byte[] publicKey = pair.publicKey();
        assertEquals(v.path("publicKey").asText(), HEX.formatHex(publicKey), "publicKey");
        assertEquals(v.path("kid").asText(), KeyIds.kid(publicKey), "kid");
        byte[] shortKid = KeyIds.shortKid(publicKey);
        assertEquals(v.path("shortKid").asText(), HEX.formatHex(shortKid), "shortKid");
        assertEquals(v.path("shortKidBase32").asText(), Base32.encode(shortKid), "shortKidBase32");

        long batch = v.path("batch").asLong();
        long index = v.path("index").asLong();
        assertEquals(v.path("message").asText(), HEX.formatHex(CodeFormat.message(shortKid, batch, index)), "message");
        CodeSigner signer = new CodeSigner(pair, shortKid);
        assertEquals(v.path("signature").asText(), HEX.formatHex(signer.signature(batch, index)), "signature");

        CodeProfile profile = CodeProfile.parse(v.path("profile").asText());
        String gtin = textOrNull(v, "gtin");
        String lot = textOrNull(v, "lot");
        String expiry = textOrNull(v, "expiry");
        BatchCodes codes = new BatchCodes(signer, batch, index + 1, profile, document.path("publicUrl").asText(), gtin,
                lot, expiry == null ? null : LocalDate.parse(expiry));
        if (profile == CodeProfile.COMPACT) {
            assertEquals(v.path("payload").asText(), HEX.formatHex(signer.payload(batch, index)), "payload");
        } else {
            assertTrue(v.path("payload").isNull(), "a GS1 vector has a null payload");
        }
        assertEquals(v.path("serial").asText(), codes.serial(index), "serial");
        assertEquals(v.path("serial").asText(), CodeFormat.serial(batch, index), "serial");
        assertEquals(v.path("url").asText(), codes.url(index), "url");
    }

    @ParameterizedTest(name = "vector {0}")
    @MethodSource("vectorNames")
    void theVerifierAcceptsTheUrlWithADirectoryHoldingThePublicKey(String name) {
        JsonNode v = vector(name);
        byte[] publicKey = HEX.parseHex(v.path("publicKey").asText());
        byte[] shortKid = HEX.parseHex(v.path("shortKid").asText());
        PublishedKey key = PublishedKey.of(v.path("kid").asText(), publicKey, false);
        CodeVerifier<PublishedKey> verifier = new CodeVerifier<>(id -> Arrays.equals(id, shortKid) ? Optional.of(key) : Optional.empty());

        SignatureCheck<PublishedKey> result = verifier.check(v.path("url").asText());

        SignatureCheck.Valid valid = assertInstanceOf(SignatureCheck.Valid.class, result);
        ParsedCode code = valid.code();
        assertEquals(v.path("profile").asText(), code.profile().id());
        assertEquals(v.path("batch").asLong(), code.batch());
        assertEquals(v.path("index").asLong(), code.index());
        assertEquals(v.path("serial").asText(), code.serial());
        assertArrayEquals(shortKid, code.shortKid());
        assertArrayEquals(HEX.parseHex(v.path("signature").asText()), code.signature());
        assertEquals(v.path("message").asText(), HEX.formatHex(code.message()));
        assertEquals(textOrNull(v, "gtin"), code.gtin());
        assertEquals(textOrNull(v, "lot"), code.lot());
        String expiry = textOrNull(v, "expiry");
        assertEquals(expiry == null ? null : LocalDate.parse(expiry), code.expiry());
        if (code.profile() == CodeProfile.COMPACT) {
            assertNull(code.gtin());
        }
    }

    @Test
    void theSameCodeHasTheSameSignatureInBothProfiles() {
        List<JsonNode> all = new ArrayList<>();
        document.path("vectors").forEach(all::add);
        int pairs = 0;
        for (JsonNode a : all) {
            for (JsonNode b : all) {
                if (a.path("profile").asText().equals("compact") && b.path("profile").asText().equals("gs1")
                        && a.path("batch").asLong() == b.path("batch").asLong()
                        && a.path("index").asLong() == b.path("index").asLong()) {
                    assertEquals(a.path("signature").asText(), b.path("signature").asText());
                    assertEquals(a.path("serial").asText(), b.path("serial").asText());
                    pairs++;
                }
            }
        }
        assertTrue(pairs > 0, "the vectors include one code in both profiles");
    }

    private static String textOrNull(JsonNode v, String field) {
        JsonNode node = v.path(field);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
