package dev.touchmark.code;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 private seed and its public key, checked to match when built (RFC 8032). */
public final class Ed25519KeyPair {
    private final byte[] seed;
    private final byte[] publicKey;

    private Ed25519KeyPair(byte[] seed, byte[] publicKey) {
        this.seed = seed;
        this.publicKey = publicKey;
    }

    /** A fresh key pair from a secure random source. */
    public static Ed25519KeyPair generate(SecureRandom random) {
        byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
        Ed25519.generatePrivateKey(random, seed);
        return fromSeed(seed);
    }

    /** Rebuilds the pair from a 32-byte seed. */
    public static Ed25519KeyPair fromSeed(byte[] seed) {
        if (seed.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
        }
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        return new Ed25519KeyPair(seed.clone(), publicKey);
    }

    /** Rebuilds the pair and checks that the seed belongs to the expected public key. */
    public static Ed25519KeyPair fromSeed(byte[] seed, byte[] expectedPublicKey) {
        Ed25519KeyPair pair = fromSeed(seed);
        if (!Arrays.equals(pair.publicKey, expectedPublicKey)) {
            throw new IllegalStateException("private key does not match its public key");
        }
        return pair;
    }

    /** Signs a message, passing the public key so Bouncy Castle does not re-derive it. */
    public void sign(byte[] message, int length, byte[] signatureOut) {
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, length, signatureOut, 0);
    }

    /** A copy of the 32-byte seed, for encryption at rest. */
    public byte[] seed() {
        return seed.clone();
    }

    /** A copy of the 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[seed=[REDACTED]]";
    }
}
