package dev.touchmark.code;

/** The outcome of checking a code's signature: valid, or invalid with a reason a person can read. */
public sealed interface SignatureCheck {

    /** Why a code is not genuine. */
    enum Reason { MALFORMED, UNKNOWN_KEY, REVOKED_KEY, BAD_SIGNATURE }

    /** The signature is valid under a key that is not revoked. */
    record Valid(ParsedCode code, VerificationKey key) implements SignatureCheck {
    }

    /** The code is not genuine; code is null when it could not even be parsed. */
    record Invalid(Reason reason, String detail, ParsedCode code) implements SignatureCheck {
    }
}
