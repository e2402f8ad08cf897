package dev.touchmark.brand;

import dev.touchmark.access.ApiKeyService;
import dev.touchmark.access.PasswordHasher;
import dev.touchmark.error.ConflictException;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.Validator;
import dev.touchmark.keys.KeyService;
import dev.touchmark.keys.SigningKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/** Creates brands with everything they need to start: an admin user, an API key and a signing key. */
public final class BrandService {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private final DSLContext dsl;
    private final BrandRepository brands;
    private final ApiKeyService apiKeys;
    private final KeyService keys;
    private final PasswordHasher passwords;
    private final SecureRandom random;
    private final Clock clock;

    public BrandService(DSLContext dsl, BrandRepository brands, ApiKeyService apiKeys, KeyService keys,
                        PasswordHasher passwords, SecureRandom random, Clock clock) {
        this.dsl = dsl;
        this.brands = brands;
        this.apiKeys = apiKeys;
        this.keys = keys;
        this.passwords = passwords;
        this.random = random;
        this.clock = clock;
    }

    /** A new brand and the secrets to hand over once. */
    public record CreatedBrand(Brand brand, String adminEmail, String adminPassword, String apiKey, SigningKey signingKey) {
        @Override
        public String toString() {
            return "CreatedBrand[brand=" + brand + ", adminEmail=" + adminEmail + ", secrets=[REDACTED]]";
        }
    }

    /** Creates a brand in one transaction. */
    public CreatedBrand create(String name, String adminEmail) {
        String trimmedName = name == null ? "" : name.strip();
        String email = adminEmail == null ? "" : adminEmail.strip().toLowerCase(Locale.ROOT);
        new Validator()
                .check(!trimmedName.isEmpty() && trimmedName.length() <= 200, "name", "must be 1 to 200 characters")
                .check(email.length() <= 320 && EMAIL.matcher(email).matches(), "adminEmail", "must be an email address like ops@brand.example")
                .throwIfInvalid();
        String password = randomPassword(20);
        String passwordHash = passwords.hash(password);
        return dsl.transactionResult(() -> {
            if (brands.findByName(trimmedName).isPresent()) {
                throw new ConflictException("a brand named '" + trimmedName + "' already exists");
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            Brand brand = brands.insert(trimmedName, now);
            brands.insertUser(brand.id(), email, "admin", passwordHash, true, now);
            ApiKeyService.IssuedApiKey apiKey = apiKeys.issue(brand.id(), "initial");
            SigningKey signingKey = keys.rotate(brand.id());
            return new CreatedBrand(brand, email, password, apiKey.plaintext(), signingKey);
        });
    }

    /** A brand by id, or NotFoundException. */
    public Brand get(long brandId) {
        return brands.findById(brandId).orElseThrow(() -> new NotFoundException("no such brand"));
    }

    /** A brand by exact name. */
    public Brand getByName(String name) {
        return brands.findByName(name).orElseThrow(() -> new NotFoundException("no brand named '" + name + "'"));
    }

    /** Every brand. */
    public List<Brand> list() {
        return brands.listAll();
    }

    private String randomPassword(int length) {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
