package dev.touchmark.keys;

import dev.touchmark.code.CodeFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** Key ids: the RFC 7638 JWK thumbprint of an Ed25519 public key, and its 8-byte prefix used in codes. */
public final class KeyIds {
    private KeyIds() {
    }

    /** The RFC 7638 thumbprint input for an OKP Ed25519 key: required members in lexicographic order. */
    public static String thumbprintInput(byte[] publicKey) {
        return "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + base64Url(publicKey) + "\"}";
    }

    /** SHA-256 of the thumbprint input. */
    public static byte[] thumbprint(byte[] publicKey) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(thumbprintInput(publicKey).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    /** The JWKS kid: the thumbprint in unpadded base64url (43 characters). */
    public static String kid(byte[] publicKey) {
        return base64Url(thumbprint(publicKey));
    }

    /** The first 8 bytes of the thumbprint: the key id carried inside every code. */
    public static byte[] shortKid(byte[] publicKey) {
        return Arrays.copyOf(thumbprint(publicKey), CodeFormat.SHORT_KID_LENGTH);
    }

    /** Unpadded base64url. */
    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
