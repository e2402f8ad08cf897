package dev.touchmark.keys;

import dev.touchmark.config.DataFolder;
import dev.touchmark.config.ConfigException;
import dev.touchmark.config.TouchmarkConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The AES-256 key that encrypts brand private keys at rest (AES-256-GCM, key id as associated data). */
public final class MasterKey {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);
    private static final byte FORMAT = 1;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    public MasterKey(byte[] keyBytes, SecureRandom random) {
        if (keyBytes.length != 32) {
            throw new ConfigException("TOUCHMARK_MASTER_KEY must be 32 bytes in base64 (44 characters), e.g. from 'openssl rand -base64 32'");
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.random = random;
    }

    /**
     * The master key from TOUCHMARK_MASTER_KEY, else from its file; if neither exists, generates one
     * into the file with owner-only permissions and warns, since losing it loses every signing key.
     */
    public static MasterKey load(TouchmarkConfig config, SecureRandom random) {
        if (config.masterKeyBase64().isPresent()) {
            return new MasterKey(decode(config.masterKeyBase64().get(), "TOUCHMARK_MASTER_KEY"), random);
        }
        Path file = config.masterKeyFile();
        try {
            if (!Files.exists(file)) {
                generate(file, random);
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return new MasterKey(decode(text, "the master key file " + file), random);
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the master key file " + file
                    + " (" + e.getMessage() + "): set TOUCHMARK_MASTER_KEY_FILE to a writable path or TOUCHMARK_MASTER_KEY");
        }
    }

    private static void generate(Path file, SecureRandom random) throws IOException {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            DataFolder.createOwnerOnly(file);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
        LOG.warn("Generated a new master key in {} (readable only by its owner). Back it up: without it the "
                + "signing keys in the database cannot be used. Set TOUCHMARK_MASTER_KEY or "
                + "TOUCHMARK_MASTER_KEY_FILE to manage it yourself.", file);
    }

    private static byte[] decode(String base64, String where) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + " must hold 32 bytes in base64, e.g. from 'openssl rand -base64 32'");
        }
    }

    /** Encrypts a secret bound to a context (the key id), as format byte, nonce, ciphertext and tag. */
    public byte[] encrypt(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(context));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_LENGTH + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Decrypts what encrypt produced for the same context; throws if the key or context is wrong. */
    public byte[] decrypt(byte[] sealed, String context) {
        if (sealed.length < 1 + NONCE_LENGTH + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new IllegalStateException("encrypted key material has an unknown format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_LENGTH));
            cipher.updateAAD(aad(context));
            return cipher.doFinal(sealed, 1 + NONCE_LENGTH, sealed.length - 1 - NONCE_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new MasterKeyMismatchException();
        }
    }

    /** A 32-byte key for another purpose (such as hashing IP addresses), derived with HMAC-SHA256. */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("touchmark/derive/v1|" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static byte[] aad(String context) {
        return ("touchmark/signing-key/v1|" + context).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MasterKey[REDACTED]";
    }

    /** The master key does not open a key stored in the database. */
    public static final class MasterKeyMismatchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MasterKeyMismatchException() {
            super("the master key does not decrypt this signing key: set the TOUCHMARK_MASTER_KEY or "
                    + "TOUCHMARK_MASTER_KEY_FILE this database was created with");
        }
    }
}
