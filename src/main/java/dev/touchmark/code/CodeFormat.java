package dev.touchmark.code;

import java.nio.charset.StandardCharsets;

/**
 * Code format v1: the bytes of a code and the message its Ed25519 signature covers.
 * See docs/code-format.md, which is the normative description of these constants.
 */
public final class CodeFormat {
    public static final byte VERSION = 1;
    /** Domain-separation prefix of every signed message: ASCII "touchmark/code/v1" then a zero byte. */
    public static final byte[] DOMAIN = "touchmark/code/v1\0".getBytes(StandardCharsets.US_ASCII);
    public static final int SHORT_KID_LENGTH = 8;
    public static final int SIGNATURE_LENGTH = 64;
    /** version(1) + short key id(8) + batch(4) + index(4). */
    public static final int BODY_LENGTH = 1 + SHORT_KID_LENGTH + 4 + 4;
    /** The body followed by the signature: the compact payload. */
    public static final int PAYLOAD_LENGTH = BODY_LENGTH + SIGNATURE_LENGTH;
    /** version(1) + batch(4) + index(4): the bytes behind the human-readable serial. */
    public static final int SERIAL_BYTES = 9;
    public static final int MESSAGE_LENGTH = DOMAIN.length + BODY_LENGTH;
    public static final long MAX_U32 = 0xFFFF_FFFFL;

    private CodeFormat() {
    }

    /** The exact bytes that are signed for one code. */
    public static byte[] message(byte[] shortKid, long batch, long index) {
        byte[] message = new byte[MESSAGE_LENGTH];
        writeMessage(shortKid, batch, index, message);
        return message;
    }

    /** Writes the signed message into a caller-owned buffer of MESSAGE_LENGTH bytes (no allocation). */
    public static void writeMessage(byte[] shortKid, long batch, long index, byte[] into) {
        System.arraycopy(DOMAIN, 0, into, 0, DOMAIN.length);
        writeBody(shortKid, batch, index, into, DOMAIN.length);
    }

    /** Writes version, short key id, batch and index at an offset. */
    public static void writeBody(byte[] shortKid, long batch, long index, byte[] into, int offset) {
        checkShortKid(shortKid);
        into[offset] = VERSION;
        System.arraycopy(shortKid, 0, into, offset + 1, SHORT_KID_LENGTH);
        writeU32(batch, into, offset + 1 + SHORT_KID_LENGTH, "batch");
        writeU32(index, into, offset + 1 + SHORT_KID_LENGTH + 4, "index");
    }

    /** The serial printed under the QR and used as GS1 AI (21): base32 of version, batch, index. */
    public static String serial(long batch, long index) {
        byte[] bytes = new byte[SERIAL_BYTES];
        bytes[0] = VERSION;
        writeU32(batch, bytes, 1, "batch");
        writeU32(index, bytes, 5, "index");
        return Base32.encode(bytes);
    }

    static void writeU32(long value, byte[] into, int offset, String what) {
        if (value < 0 || value > MAX_U32) {
            throw new IllegalArgumentException(what + " must be between 0 and 4294967295");
        }
        into[offset] = (byte) (value >>> 24);
        into[offset + 1] = (byte) (value >>> 16);
        into[offset + 2] = (byte) (value >>> 8);
        into[offset + 3] = (byte) value;
    }

    static long readU32(byte[] from, int offset) {
        return ((from[offset] & 0xFFL) << 24) | ((from[offset + 1] & 0xFFL) << 16)
                | ((from[offset + 2] & 0xFFL) << 8) | (from[offset + 3] & 0xFFL);
    }

    private static void checkShortKid(byte[] shortKid) {
        if (shortKid.length != SHORT_KID_LENGTH) {
            throw new IllegalArgumentException("short key id must be 8 bytes");
        }
    }
}
