package dev.touchmark.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.touchmark.code.Ed25519KeyPair;
import dev.touchmark.keys.KeyIds;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Any change to the signed bytes or the signature makes a genuine code fail verification. */
class CodeTamperTest {
    private static final String PUBLIC_URL = "https://tm.example";
    private static final int[] MASKS = {0x01, 0x80};
    private static final Ed25519KeyPair PAIR = Ed25519KeyPair.fromSeed(seed());
    private static final byte[] SHORT_KID = KeyIds.shortKid(PAIR.publicKey());
    private static final CodeSigner SIGNER = new CodeSigner(PAIR, SHORT_KID);
    private static final PublishedKey KEY = PublishedKey.of(KeyIds.kid(PAIR.publicKey()), PAIR.publicKey(), false);
    private static final CodeVerifier<PublishedKey> VERIFIER = verifierWith(KEY);
    private static final long BATCH = 123_456;
    private static final long INDEX = 654_321;
    private static final String COMPACT_PREFIX = PUBLIC_URL.toUpperCase() + "/V/";
    private static final String GS1_PREFIX = PUBLIC_URL + "/01/04006381333931/10/L2026-11/21/";
    private static final String GS1_QUERY = "?17=281130&k=";

    private static byte[] seed() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 0x5a);
        return seed;
    }

    private static CodeVerifier<PublishedKey> verifierWith(PublishedKey key) {
        return new CodeVerifier<>(id -> Arrays.equals(id, SHORT_KID) ? Optional.of(key) : Optional.empty());
    }

    private static String gs1Url(byte[] serialBytes, byte[] shortKid, byte[] signature) {
        return GS1_PREFIX + Base32.encode(serialBytes) + GS1_QUERY + Base32.encode(shortKid) + "&s="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static byte[] serialBytes() {
        return Base32.decode(CodeFormat.serial(BATCH, INDEX));
    }

    private static SignatureCheck.Reason reasonOf(SignatureCheck<?> check, String what) {
        return assertInstanceOf(SignatureCheck.Invalid.class, check, what + " must not verify").reason();
    }

    @Test
    void theUntamperedCodesAreValidInBothProfiles() {
        String compact = COMPACT_PREFIX + Base32.encode(SIGNER.payload(BATCH, INDEX));
        String gs1 = gs1Url(serialBytes(), SHORT_KID, SIGNER.signature(BATCH, INDEX));
        assertEquals(compact, new BatchCodes(SIGNER, BATCH, INDEX + 1, CodeProfile.COMPACT, PUBLIC_URL, null, null, null)
                .url(INDEX));
        assertEquals(gs1, new BatchCodes(SIGNER, BATCH, INDEX + 1, CodeProfile.GS1, PUBLIC_URL, "04006381333931",
                "L2026-11", LocalDate.of(2028, 11, 30)).url(INDEX));
        assertInstanceOf(SignatureCheck.Valid.class, VERIFIER.check(compact));
        assertInstanceOf(SignatureCheck.Valid.class, VERIFIER.check(gs1));
    }

    @Test
    void changingAnySingleByteOfTheCompactPayloadMakesItInvalid() {
        byte[] payload = SIGNER.payload(BATCH, INDEX);
        assertEquals(81, payload.length);
        for (int i = 0; i < payload.length; i++) {
            for (int mask : MASKS) {
                byte[] tampered = payload.clone();
                tampered[i] ^= (byte) mask;
                String what = "payload byte " + i + " xor 0x" + Integer.toHexString(mask);
                SignatureCheck.Reason reason = reasonOf(VERIFIER.check(COMPACT_PREFIX + Base32.encode(tampered)), what);
                SignatureCheck.Reason expected = i == 0 ? SignatureCheck.Reason.MALFORMED      // version
                        : i <= 8 ? SignatureCheck.Reason.UNKNOWN_KEY                            // short key id
                        : SignatureCheck.Reason.BAD_SIGNATURE;                                  // batch, index, signature
                assertEquals(expected, reason, what);
            }
        }
    }

    @Test
    void changingAnyByteOfTheGs1SignatureMakesItInvalid() {
        byte[] signature = SIGNER.signature(BATCH, INDEX);
        for (int i = 0; i < signature.length; i++) {
            for (int mask : MASKS) {
                byte[] tampered = signature.clone();
                tampered[i] ^= (byte) mask;
                String what = "signature byte " + i + " xor 0x" + Integer.toHexString(mask);
                assertEquals(SignatureCheck.Reason.BAD_SIGNATURE,
                        reasonOf(VERIFIER.check(gs1Url(serialBytes(), SHORT_KID, tampered)), what), what);
            }
        }
    }

    @Test
    void changingAnyByteOfTheGs1SerialMakesItInvalid() {
        byte[] signature = SIGNER.signature(BATCH, INDEX);
        byte[] serial = serialBytes();
        for (int i = 0; i < serial.length; i++) {
            for (int mask : MASKS) {
                byte[] tampered = serial.clone();
                tampered[i] ^= (byte) mask;
                String what = "serial byte " + i + " xor 0x" + Integer.toHexString(mask);
                SignatureCheck.Reason expected = i == 0 ? SignatureCheck.Reason.MALFORMED : SignatureCheck.Reason.BAD_SIGNATURE;
                assertEquals(expected, reasonOf(VERIFIER.check(gs1Url(tampered, SHORT_KID, signature)), what), what);
            }
        }
    }

    @Test
    void changingAnyByteOfTheGs1KeyIdMakesItInvalid() {
        byte[] signature = SIGNER.signature(BATCH, INDEX);
        for (int i = 0; i < SHORT_KID.length; i++) {
            for (int mask : MASKS) {
                byte[] tampered = SHORT_KID.clone();
                tampered[i] ^= (byte) mask;
                String what = "key id byte " + i + " xor 0x" + Integer.toHexString(mask);
                assertEquals(SignatureCheck.Reason.UNKNOWN_KEY,
                        reasonOf(VERIFIER.check(gs1Url(serialBytes(), tampered, signature)), what), what);
                // even a directory that answers every key id with this key rejects it: the key id is signed
                CodeVerifier<PublishedKey> anyId = new CodeVerifier<>(id -> Optional.of(KEY));
                assertEquals(SignatureCheck.Reason.BAD_SIGNATURE,
                        reasonOf(anyId.check(gs1Url(serialBytes(), tampered, signature)), what), what);
            }
        }
    }

    @Test
    void aSignatureFromAnotherCodeOrAnotherKeyIsRejected() {
        byte[] otherIndex = SIGNER.signature(BATCH, INDEX + 1);
        assertEquals(SignatureCheck.Reason.BAD_SIGNATURE,
                reasonOf(VERIFIER.check(gs1Url(serialBytes(), SHORT_KID, otherIndex)), "signature of the next index"));
        Ed25519KeyPair other = Ed25519KeyPair.fromSeed(new byte[32]);
        byte[] forged = new CodeSigner(other, SHORT_KID).signature(BATCH, INDEX);
        assertEquals(SignatureCheck.Reason.BAD_SIGNATURE,
                reasonOf(VERIFIER.check(gs1Url(serialBytes(), SHORT_KID, forged)), "signature by another key"));
    }

    @Test
    void gtinLotAndExpiryAreNotSignedSoChangingThemLeavesTheSignatureValid() {
        String url = new BatchCodes(SIGNER, BATCH, INDEX + 1, CodeProfile.GS1, PUBLIC_URL, "10614141000415", "OTHER", null)
                .url(INDEX);
        SignatureCheck.Valid valid = assertInstanceOf(SignatureCheck.Valid.class, VERIFIER.check(url));
        assertEquals("10614141000415", valid.code().gtin());
        assertEquals("OTHER", valid.code().lot());
    }

    @Test
    void aValidCodeFromARevokedKeyGivesRevokedKey() {
        CodeVerifier<PublishedKey> revoked = verifierWith(PublishedKey.of(KEY.kid(), PAIR.publicKey(), true));
        String compact = COMPACT_PREFIX + Base32.encode(SIGNER.payload(BATCH, INDEX));
        String gs1 = gs1Url(serialBytes(), SHORT_KID, SIGNER.signature(BATCH, INDEX));
        assertEquals(SignatureCheck.Reason.REVOKED_KEY, reasonOf(revoked.check(compact), "compact, revoked key"));
        assertEquals(SignatureCheck.Reason.REVOKED_KEY, reasonOf(revoked.check(gs1), "gs1, revoked key"));
    }

    @Test
    void aValidCodeCheckedAgainstAnEmptyDirectoryGivesUnknownKey() {
        CodeVerifier<PublishedKey> empty = new CodeVerifier<>(id -> Optional.empty());
        String compact = COMPACT_PREFIX + Base32.encode(SIGNER.payload(BATCH, INDEX));
        String gs1 = gs1Url(serialBytes(), SHORT_KID, SIGNER.signature(BATCH, INDEX));
        assertEquals(SignatureCheck.Reason.UNKNOWN_KEY, reasonOf(empty.check(compact), "compact, empty directory"));
        assertEquals(SignatureCheck.Reason.UNKNOWN_KEY, reasonOf(empty.check(gs1), "gs1, empty directory"));
    }
}
