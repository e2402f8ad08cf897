package dev.touchmark.code;

import dev.touchmark.code.Ed25519KeyPair;

/** Signs codes of format v1 with one brand key; safe to share between threads. */
public final class CodeSigner {
    private final Ed25519KeyPair keyPair;
    private final byte[] shortKid;

    public CodeSigner(Ed25519KeyPair keyPair, byte[] shortKid) {
        if (shortKid.length != CodeFormat.SHORT_KID_LENGTH) {
            throw new IllegalArgumentException("short key id must be 8 bytes");
        }
        this.keyPair = keyPair;
        this.shortKid = shortKid.clone();
    }

    /** The 81-byte compact payload: body then signature. */
    public byte[] payload(long batch, long index) {
        byte[] payload = new byte[CodeFormat.PAYLOAD_LENGTH];
        byte[] message = new byte[CodeFormat.MESSAGE_LENGTH];
        CodeFormat.writeMessage(shortKid, batch, index, message);
        System.arraycopy(message, CodeFormat.DOMAIN.length, payload, 0, CodeFormat.BODY_LENGTH);
        byte[] signature = new byte[CodeFormat.SIGNATURE_LENGTH];
        keyPair.sign(message, message.length, signature);
        System.arraycopy(signature, 0, payload, CodeFormat.BODY_LENGTH, signature.length);
        return payload;
    }

    /** The 64-byte signature of one code. */
    public byte[] signature(long batch, long index) {
        byte[] message = CodeFormat.message(shortKid, batch, index);
        byte[] signature = new byte[CodeFormat.SIGNATURE_LENGTH];
        keyPair.sign(message, message.length, signature);
        return signature;
    }

    /** The short key id this signer writes into codes. */
    public byte[] shortKid() {
        return shortKid.clone();
    }
}
