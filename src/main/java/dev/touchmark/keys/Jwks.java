package dev.touchmark.keys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON Web Key Set of published keys (RFC 7517, OKP keys per RFC 8037). */
public final class Jwks {
    private Jwks() {
    }

    /**
     * The document: {"keys": [...], "revoked": [kid...]}. "revoked" is an extension member (RFC 7517
     * says unknown members are ignored) so an offline verifier can tell revoked from unknown keys.
     */
    public static Map<String, Object> document(List<SigningKey> published, List<String> revokedKids) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("keys", published.stream().map(Jwks::jwk).toList());
        document.put("revoked", revokedKids);
        return document;
    }

    /** One key as a JWK. */
    public static Map<String, Object> jwk(SigningKey key) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", KeyIds.base64Url(key.publicKey()));
        jwk.put("kid", key.kid());
        jwk.put("use", "sig");
        jwk.put("alg", "Ed25519");
        return jwk;
    }
}
