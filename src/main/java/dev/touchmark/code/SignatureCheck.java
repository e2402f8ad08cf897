package dev.touchmark.code;

/**
 * The outcome of checking a code's signature: valid, or invalid with a reason a person can read. K is the kind of
 * key the caller looks codes up with, so it gets back its own key (with whatever else it knows about it).
 */
public sealed interface SignatureCheck<K extends VerificationKey> {

    /** Why a code is not genuine. */
    enum Reason { MALFORMED, UNKNOWN_KEY, REVOKED_KEY, BAD_SIGNATURE }

    /** The signature is valid under a key that is not revoked. */
    record Valid<K extends VerificationKey>(ParsedCode code, K key) implements SignatureCheck<K> {
    }

    /**
     * The code is not genuine; code is null when it could not even be parsed, key when the code names no known key.
     */
    record Invalid<K extends VerificationKey>(Reason reason, String detail, ParsedCode code, K key)
            implements SignatureCheck<K> {
    }
}
