package dev.touchmark.code;

import java.util.Arrays;

/** RFC 4648 base32 with the uppercase alphabet and no padding, strict on decode. */
public final class Base32 {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
        }
    }

    private Base32() {
    }

    /** Encodes bytes as unpadded uppercase base32. */
    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /** Encoded length of n bytes without padding. */
    public static int encodedLength(int n) {
        return (n * 8 + 4) / 5;
    }

    /**
     * Decodes unpadded uppercase base32; throws IllegalArgumentException on any character outside
     * the alphabet, on an impossible length, or on non-zero trailing bits (so each byte string has
     * exactly one encoding).
     */
    public static byte[] decode(CharSequence text) {
        int length = text.length();
        int outLength = length * 5 / 8;
        if (encodedLength(outLength) != length) {
            throw new IllegalArgumentException("base32 text has an impossible length " + length);
        }
        byte[] out = new byte[outLength];
        int buffer = 0;
        int bits = 0;
        int pos = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int value = c < 128 ? VALUES[c] : -1;
            if (value < 0) {
                throw new IllegalArgumentException("base32 text has a character outside A-Z and 2-7");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[pos++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("base32 text has non-zero padding bits");
        }
        return out;
    }
}
