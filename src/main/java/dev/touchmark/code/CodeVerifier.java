package dev.touchmark.code;

import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Checks a scanned code's signature against the key it names; knows nothing about batches. */
public final class CodeVerifier {
    private final Function<byte[], Optional<VerificationKey>> keysByShortKid;

    /** keysByShortKid finds a key by the 8-byte key id inside codes. */
    public CodeVerifier(Function<byte[], Optional<VerificationKey>> keysByShortKid) {
        this.keysByShortKid = keysByShortKid;
    }

    /** Parses and checks the text; never throws for bad input. */
    public SignatureCheck check(String text) {
        ParsedCode code;
        try {
            code = CodeParser.parse(text);
        } catch (CodeParseException e) {
            return new SignatureCheck.Invalid(SignatureCheck.Reason.MALFORMED, e.getMessage(), null);
        }
        return check(code);
    }

    /** Checks an already parsed code. */
    public SignatureCheck check(ParsedCode code) {
        Optional<VerificationKey> found = keysByShortKid.apply(code.shortKid());
        if (found.isEmpty()) {
            return new SignatureCheck.Invalid(SignatureCheck.Reason.UNKNOWN_KEY,
                    "no published key has the key id " + code.shortKidText(), code);
        }
        VerificationKey key = found.get();
        if (key.revoked()) {
            return new SignatureCheck.Invalid(SignatureCheck.Reason.REVOKED_KEY,
                    "the key " + key.kid() + " that signed this code has been revoked", code);
        }
        byte[] message = code.message();
        boolean valid = Ed25519.verify(code.signature(), 0, key.publicKey(), 0, message, 0, message.length);
        if (!valid) {
            return new SignatureCheck.Invalid(SignatureCheck.Reason.BAD_SIGNATURE,
                    "the signature does not match the code", code);
        }
        return new SignatureCheck.Valid(code, key);
    }
}
