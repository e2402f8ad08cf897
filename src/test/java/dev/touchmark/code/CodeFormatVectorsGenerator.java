package dev.touchmark.code;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.code.Ed25519KeyPair;
import dev.touchmark.keys.KeyIds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints docs/code-format-vectors.json from the project's own classes. Not a test: run its main method
 * (test classpath) and cross-check the output with an independent Ed25519 implementation before committing it.
 */
public final class CodeFormatVectorsGenerator {
    static final String PUBLIC_URL = "https://tm.example";
    private static final HexFormat HEX = HexFormat.of();

    private CodeFormatVectorsGenerator() {
    }

    /** The fixed seed of every vector: the 32 bytes 0x00, 0x01, ..., 0x1f. */
    static byte[] seed() {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) i;
        }
        return seed;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", "touchmark-code-v1");
        document.put("publicUrl", PUBLIC_URL);
        List<Map<String, Object>> vectors = new ArrayList<>();
        vectors.add(vector("compact-first", CodeProfile.COMPACT, 1, 0, null, null, null));
        vectors.add(vector("compact-large", CodeProfile.COMPACT, 4_000_000_000L, 9_999_999L, null, null, null));
        vectors.add(vector("gs1-lot-expiry", CodeProfile.GS1, 42, 7, "04006381333931", "L2026-11",
                LocalDate.of(2028, 11, 30)));
        vectors.add(vector("gs1-plain", CodeProfile.GS1, 1, 0, "10614141000415", null, null));
        document.put("vectors", vectors);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        System.out.println(new ObjectMapper().writer(printer).writeValueAsString(document));
    }

    static Map<String, Object> vector(String name, CodeProfile profile, long batch, long index, String gtin,
                                      String lot, LocalDate expiry) {
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(seed());
        byte[] publicKey = pair.publicKey();
        byte[] shortKid = KeyIds.shortKid(publicKey);
        CodeSigner signer = new CodeSigner(pair, shortKid);
        BatchCodes codes = new BatchCodes(signer, batch, index + 1, profile, PUBLIC_URL, gtin, lot, expiry);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("profile", profile.id());
        v.put("seed", HEX.formatHex(seed()));
        v.put("publicKey", HEX.formatHex(publicKey));
        v.put("kid", KeyIds.kid(publicKey));
        v.put("shortKid", HEX.formatHex(shortKid));
        v.put("shortKidBase32", Base32.encode(shortKid));
        v.put("batch", batch);
        v.put("index", index);
        v.put("message", HEX.formatHex(CodeFormat.message(shortKid, batch, index)));
        v.put("signature", HEX.formatHex(signer.signature(batch, index)));
        v.put("payload", profile == CodeProfile.COMPACT ? HEX.formatHex(signer.payload(batch, index)) : null);
        v.put("serial", codes.serial(index));
        v.put("url", codes.url(index));
        if (profile == CodeProfile.GS1) {
            v.put("gtin", gtin);
            v.put("lot", lot);
            v.put("expiry", expiry == null ? null : expiry.toString());
        }
        return v;
    }
}
