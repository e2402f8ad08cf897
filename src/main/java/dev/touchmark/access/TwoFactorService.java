package dev.touchmark.access;

import dev.touchmark.code.Base32;
import dev.touchmark.error.ConflictException;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two-factor sign-in for dashboard users: enrolment with a TOTP secret (sealed with the master key) and one-time
 * recovery codes, the second factor's check at sign-in (each TOTP step and each recovery code accepted once, on any
 * node), disabling it, an admin's reset for a lost phone, and the brand's requirement that everyone enrols.
 */
public final class TwoFactorService {
    private static final Logger LOG = LoggerFactory.getLogger(TwoFactorService.class);
    /** 160 bits, as RFC 4226 recommends for HMAC-SHA1. */
    static final int SECRET_BYTES = 20;
    static final String ISSUER = "Touchmark";
    private final TwoFactorRepository store;
    private final UserRepository users;
    private final PasswordHasher passwords;
    private final SecretSealer sealer;
    private final QrImage qr;
    private final Totp totp;
    private final SecureRandom random;
    private final Clock clock;

    public TwoFactorService(TwoFactorRepository store, UserRepository users, PasswordHasher passwords, SecretSealer sealer,
                            QrImage qr, SecureRandom random, Clock clock) {
        this.store = store;
        this.users = users;
        this.passwords = passwords;
        this.sealer = sealer;
        this.qr = qr;
        this.totp = new Totp(clock);
        this.random = random;
        this.clock = clock;
    }

    /** A user's two-factor state: enabled, an enrolment waiting for its first code, the brand's requirement. */
    public record Status(boolean enabled, boolean pending, boolean required, int recoveryCodesLeft) {
    }

    /** A started enrolment: the secret in base32, the otpauth:// URI and the URI as a QR code (SVG). */
    public record Enrolment(String secret, String otpauthUri, String qrSvg) {
        @Override
        public String toString() {
            return "Enrolment[REDACTED]";
        }
    }

    /** The brand's requirement and who set it last. */
    public record Policy(boolean required, OffsetDateTime changedAt, String changedBy) {
    }

    /** The signed-in user's state. */
    public Status status(User user) {
        Optional<TwoFactorRepository.StoredTotp> stored = store.find(user.id());
        boolean enabled = stored.map(TwoFactorRepository.StoredTotp::enabled).orElse(false);
        return new Status(enabled, stored.isPresent() && !enabled, store.mandate(user.id(), user.brandId()).required(),
                enabled ? store.recoveryCodesLeft(user.id()) : 0);
    }

    /** Starts enrolment with a fresh secret (replacing one not yet confirmed); 409 if already enabled. */
    public Enrolment begin(User user) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        try {
            if (!store.startEnrolment(user.id(), user.brandId(), sealer.seal(secret, context(user.id())), now())) {
                throw new ConflictException("two-factor sign-in is already on; turn it off first to enrol another device");
            }
            String base32 = Base32.encode(secret);
            String uri = otpauthUri(base32, user.email(), store.brandName(user.brandId()));
            return new Enrolment(base32, uri, qr.svg(uri));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Confirms enrolment with a current code; answers the recovery codes, shown this once (only hashes are kept). */
    public List<String> confirm(User user, String code) {
        TwoFactorRepository.StoredTotp stored = store.find(user.id()).filter(s -> !s.enabled())
                .orElseThrow(() -> new ConflictException("no enrolment is waiting for a code; start one first"));
        OptionalLong step = match(user.id(), stored, code);
        if (step.isEmpty()) {
            throw ValidationException.of("code", "is not the current code of your authenticator app; check its clock and try again");
        }
        List<String> codes = RecoveryCodes.generate(random);
        List<String> hashes = codes.stream().map(c -> RecoveryCodes.hashOfGenerated(user.id(), c)).toList();
        if (!store.enable(user.id(), step.getAsLong(), hashes, now())) {
            throw new ConflictException("this enrolment was confirmed or replaced meanwhile; reload and try again");
        }
        LOG.info("two-factor sign-in enabled for user {} of brand {}", user.id(), user.brandId());
        return codes;
    }

    /**
     * New recovery codes in place of the old ones (all of them, used or not), given a current code of the authenticator
     * app: whoever renews them holds the phone, not only the session. Wrong codes count towards the account's lock.
     */
    public List<String> renewRecoveryCodes(User user, String code) {
        TwoFactorRepository.StoredTotp stored = store.find(user.id()).filter(TwoFactorRepository.StoredTotp::enabled)
                .orElseThrow(() -> new ConflictException("two-factor sign-in is not on"));
        OffsetDateTime now = now();
        int failures = users.countAttempt(user.id(), now, SessionService.locks(now))
                .orElseThrow(() -> SessionService.lockedUntil(users, user.id(), now));
        OptionalLong step = match(user.id(), stored, code);
        if (step.isEmpty() || !store.useStep(user.id(), step.getAsLong())) {
            if (failures >= SessionService.FREE_FAILURES) {
                throw SessionService.locked(SessionService.lockFor(failures));
            }
            throw ValidationException.of("code", "is not the current code of your authenticator app (a recovery code"
                    + " cannot renew recovery codes)");
        }
        users.recordSuccess(user.id());
        List<String> codes = RecoveryCodes.generate(random);
        if (!store.renewRecoveryCodes(user.id(), codes.stream().map(c -> RecoveryCodes.hashOfGenerated(user.id(), c)).toList())) {
            throw new ConflictException("two-factor sign-in was turned off meanwhile");
        }
        LOG.info("recovery codes renewed by user {} of brand {}", user.id(), user.brandId());
        return codes;
    }

    /**
     * Turns two-factor sign-in off, given the password and a current code (or a recovery code); wrong answers count
     * towards the account's lock like wrong passwords.
     */
    public void disable(User user, String password, String code) {
        if (store.mandate(user.id(), user.brandId()).required()) {
            throw new ConflictException("your brand requires two-factor sign-in; an admin can reset it for a new device");
        }
        TwoFactorRepository.StoredTotp stored = store.find(user.id()).filter(TwoFactorRepository.StoredTotp::enabled)
                .orElseThrow(() -> new ConflictException("two-factor sign-in is not on"));
        if (password == null || password.isEmpty() || password.length() > 1000) {
            throw ValidationException.of("password", "is required");
        }
        OffsetDateTime now = now();
        int failures = users.countAttempt(user.id(), now, SessionService.locks(now))
                .orElseThrow(() -> SessionService.lockedUntil(users, user.id(), now));
        UserRepository.Credentials credentials = users.credentials(user.id()).orElseThrow();
        boolean passwordRight = passwords.matches(password, credentials.passwordHash());
        boolean codeRight = passwordRight && secondFactor(user.id(), stored, code);
        if (!codeRight) {
            if (failures >= SessionService.FREE_FAILURES) {
                throw SessionService.locked(SessionService.lockFor(failures));
            }
            throw ValidationException.of(passwordRight ? "code" : "password", passwordRight
                    ? "is not a current code of your authenticator app or an unused recovery code" : "is not your password");
        }
        users.recordSuccess(user.id());
        store.remove(user.id());
        LOG.info("two-factor sign-in turned off by user {} of brand {}", user.id(), user.brandId());
    }

    /** True if the user has two-factor sign-in on. */
    boolean enabled(long userId) {
        return store.find(userId).map(TwoFactorRepository.StoredTotp::enabled).orElse(false);
    }

    /**
     * Checks a sign-in's second factor: a TOTP code (whose step is then used up) or else a recovery code (then used
     * up). False for a wrong, replayed or used code.
     */
    boolean verify(long userId, String code, String recoveryCode) {
        Optional<TwoFactorRepository.StoredTotp> stored = store.find(userId).filter(TwoFactorRepository.StoredTotp::enabled);
        if (stored.isEmpty()) {
            return false;
        }
        if (code != null && !code.isBlank()) {
            return secondFactor(userId, stored.get(), code);
        }
        return RecoveryCodes.normalise(recoveryCode)
                .map(canonical -> store.useRecoveryCode(userId, RecoveryCodes.hash(userId, canonical), now()))
                .orElse(false);
    }

    private boolean secondFactor(long userId, TwoFactorRepository.StoredTotp stored, String code) {
        OptionalLong step = match(userId, stored, code);
        if (step.isPresent()) {
            return store.useStep(userId, step.getAsLong());
        }
        return RecoveryCodes.normalise(code)
                .map(canonical -> store.useRecoveryCode(userId, RecoveryCodes.hash(userId, canonical), now()))
                .orElse(false);
    }

    private OptionalLong match(long userId, TwoFactorRepository.StoredTotp stored, String code) {
        String digits = code == null ? "" : code.replace(" ", "").strip();
        byte[] secret = sealer.open(stored.secretSealed(), context(userId));
        try {
            OptionalLong step = totp.match(secret, digits);
            return step.isPresent() && step.getAsLong() > stored.lastStep() ? step : OptionalLong.empty();
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Whether a user has two-factor sign-in and whether their brand requires it. */
    TwoFactorRepository.Mandate mandate(User user) {
        return store.mandate(user.id(), user.brandId());
    }

    /** Ids of the brand's users who have two-factor sign-in on. */
    public Set<Long> enabledUsers(long brandId) {
        return store.enabledUsers(brandId);
    }

    /** An admin's reset of a user's two-factor sign-in (a lost phone): the user enrols again; recorded and logged. */
    public void reset(long brandId, long userId, String actor) {
        users.find(brandId, userId).orElseThrow(() -> new NotFoundException("no user " + userId + " in this brand"));
        store.reset(userId, actor, now());
        LOG.info("two-factor sign-in of user {} of brand {} reset by {}", userId, brandId, actor);
    }

    /** The brand's requirement (off until an admin turns it on). */
    public Policy policy(long brandId) {
        return store.policy(brandId).map(p -> new Policy(p.required(), p.changedAt(), p.changedBy()))
                .orElse(new Policy(false, null, null));
    }

    /** Requires two-factor sign-in of every user of the brand, or stops requiring it. */
    public Policy setPolicy(long brandId, Boolean required, String actor) {
        if (required == null) {
            throw ValidationException.of("required", "must be true or false");
        }
        store.setPolicy(brandId, required, actor, now());
        LOG.info("two-factor sign-in {} for brand {} by {}", required ? "required" : "no longer required", brandId, actor);
        return policy(brandId);
    }

    /** The URI authenticator apps read (Google Authenticator's Key Uri Format). */
    static String otpauthUri(String base32Secret, String email, String brandName) {
        String account = brandName.isBlank() ? email : email + " (" + brandName + ")";
        return "otpauth://totp/" + encode(ISSUER) + ":" + encode(account) + "?secret=" + base32Secret
                + "&issuer=" + encode(ISSUER) + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.PERIOD_SECONDS;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String context(long userId) {
        return "totp-secret|user=" + userId;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
