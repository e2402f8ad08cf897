package dev.touchmark.code;

import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Checks a scanned code's signature against the key it names; knows nothing about batches. The one place a code's
 * signature is checked: shoppers' verification, brands' look-ups, the offline CLI and the tests all come here.
 */
public final class CodeVerifier<K extends VerificationKey> {
    private final Function<byte[], Optional<K>> keysByShortKid;

    /** keysByShortKid finds a key by the 8-byte key id inside codes. */
    public CodeVerifier(Function<byte[], Optional<K>> keysByShortKid) {
        this.keysByShortKid = keysByShortKid;
    }

    /** Parses and checks the text; never throws for bad input. */
    public SignatureCheck<K> check(String text) {
        ParsedCode code;
        try {
            code = CodeParser.parse(text);
        } catch (CodeParseException e) {
            return new SignatureCheck.Invalid<>(SignatureCheck.Reason.MALFORMED, e.getMessage(), null, null);
        }
        return check(code);
    }

    /** Checks an already parsed code. */
    public SignatureCheck<K> check(ParsedCode code) {
        Optional<K> found = keysByShortKid.apply(code.shortKid());
        if (found.isEmpty()) {
            return new SignatureCheck.Invalid<>(SignatureCheck.Reason.UNKNOWN_KEY,
                    "no published key has the key id " + code.shortKidText(), code, null);
        }
        K key = found.get();
        if (key.revoked()) {
            return new SignatureCheck.Invalid<>(SignatureCheck.Reason.REVOKED_KEY,
                    "the key " + key.kid() + " that signed this code has been revoked", code, key);
        }
        byte[] message = code.message();
        Ed25519.PublicPoint point = key.point();
        if (point == null || !Ed25519.verify(code.signature(), 0, point, message, 0, message.length)) {
            return new SignatureCheck.Invalid<>(SignatureCheck.Reason.BAD_SIGNATURE,
                    "the signature does not match the code", code, key);
        }
        return new SignatureCheck.Valid<>(code, key);
    }
}
