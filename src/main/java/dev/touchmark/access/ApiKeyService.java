package dev.touchmark.access;

import dev.touchmark.code.Base32;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API keys look like tm_&lt;lookup id&gt;_&lt;secret&gt;. The lookup id finds the row; only a SHA-256 of
 * the secret is stored, compared in constant time. The full key is shown once, at creation.
 */
public final class ApiKeyService {
    private static final String PREFIX = "tm_";
    private final ApiKeyRepository repository;
    private final SecureRandom random;
    private final Clock clock;

    public ApiKeyService(ApiKeyRepository repository, SecureRandom random, Clock clock) {
        this.repository = repository;
        this.random = random;
        this.clock = clock;
    }

    /** A new key and the plain text to hand over once. */
    public record IssuedApiKey(long id, String name, String plaintext, OffsetDateTime createdAt) {
        @Override
        public String toString() {
            return "IssuedApiKey[id=" + id + ", name=" + name + ", plaintext=[REDACTED], createdAt=" + createdAt + "]";
        }

        /** What the key starts with (tm_ and its lookup id), to tell keys apart without the secret. */
        public String prefix() {
            return plaintext.substring(0, plaintext.lastIndexOf('_') + 1);
        }
    }

    /** Creates a key for a brand. */
    public IssuedApiKey issue(long brandId, String name) {
        return issue(brandId, name, Role.ADMIN);
    }

    /** Creates a key for a brand with a role. */
    public IssuedApiKey issue(long brandId, String name, Role role) {
        String lookupId = Base32.encode(randomBytes(10)).substring(0, 16);
        String secret = Base32.encode(randomBytes(20));
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = repository.insert(brandId, name, role, lookupId, sha256Hex(secret), now);
        return new IssuedApiKey(id, name, PREFIX + lookupId + "_" + secret, now);
    }

    /** A brand's keys, newest first, revoked ones included. */
    public List<ApiKeyRepository.StoredApiKey> list(long brandId) {
        return repository.listByBrand(brandId);
    }

    /** Revokes a live key of the brand; false when the brand has no such live key. */
    public boolean revoke(long brandId, long id) {
        return repository.revoke(brandId, id, OffsetDateTime.now(clock));
    }

    /** The caller a bearer token stands for, if it is a live key. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        int split = token.indexOf('_', PREFIX.length());
        if (split < 0) {
            return Optional.empty();
        }
        String lookupId = token.substring(PREFIX.length(), split);
        String secret = token.substring(split + 1);
        return repository.findByLookupId(lookupId)
                .filter(key -> key.revokedAt() == null)
                .filter(key -> MessageDigest.isEqual(key.secretHash().getBytes(StandardCharsets.US_ASCII),
                        sha256Hex(secret).getBytes(StandardCharsets.US_ASCII)))
                .map(key -> new Principal(key.brandId(), "api-key:" + key.name() + "#" + key.id(), key.role()));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
