package dev.touchmark.access;

import dev.touchmark.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Signing in to the dashboard: Argon2id passwords, sessions kept in the database (only a hash of the cookie's
 * token), a CSRF token per session, lockout with back-off after repeated failures, password changes.
 */
public final class SessionService {
    /** Failed sign-ins in a row before the account locks. */
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    static final Duration IDLE = Duration.ofHours(12);
    static final Duration LIFETIME = Duration.ofDays(7);
    /** How long a right password waits for its second factor, and how many codes it may try. */
    static final Duration SECOND_STEP = Duration.ofMinutes(5);
    static final int SECOND_STEP_ATTEMPTS = 5;
    private final UserRepository users;
    private final TwoFactorRepository twoFactorStore;
    private final TwoFactorService twoFactor;
    private final PasswordHasher passwords;
    private final SecureRandom random;
    private final Clock clock;
    private final String dummyHash;

    public SessionService(UserRepository users, TwoFactorRepository twoFactorStore, TwoFactorService twoFactor,
                          PasswordHasher passwords, SecureRandom random, Clock clock) {
        this.users = users;
        this.twoFactorStore = twoFactorStore;
        this.twoFactor = twoFactor;
        this.passwords = passwords;
        this.random = random;
        this.clock = clock;
        // Checked against when the email is unknown, so both failures take the same time.
        this.dummyHash = passwords.hash(token());
    }

    /** What a right password leads to: a session, or (with two-factor sign-in on) a second step. */
    public sealed interface SignInResult permits SignedIn, SecondStep {
    }

    /** A new session: the cookie's token (never stored), its CSRF token and the user. */
    public record SignedIn(String token, String csrfToken, User user) implements SignInResult {
        @Override
        public String toString() {
            return "SignedIn[token=[REDACTED], user=" + user.email() + "]";
        }
    }

    /** The password was right; the challenge token, with a code, completes the sign-in within the given time. */
    public record SecondStep(String challenge, Duration expiresIn) implements SignInResult {
        @Override
        public String toString() {
            return "SecondStep[challenge=[REDACTED]]";
        }
    }

    /**
     * A request's session: who, the CSRF token its changes must carry, and whether the user must enrol in two-factor
     * sign-in (their brand requires it) before anything else.
     */
    public record Current(Principal principal, User user, String csrfToken, String tokenHash, boolean twoFactorEnabled,
                          boolean twoFactorRequired) {
        /** True if the brand requires two-factor sign-in and this user has not turned it on. */
        public boolean mustEnrolTwoFactor() {
            return twoFactorRequired && !twoFactorEnabled;
        }
    }

    /** Signing in failed; lockedForSeconds is set when the account is locked. */
    public static final class SignInRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long lockedForSeconds;

        SignInRefused(String message, long lockedForSeconds) {
            super(message);
            this.lockedForSeconds = lockedForSeconds;
        }

        public long lockedForSeconds() {
            return lockedForSeconds;
        }
    }

    /** Checks an email and password and opens a session, or asks for the second factor. */
    public SignInResult signIn(String email, String password) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.isEmpty() || password == null || password.isEmpty() || password.length() > 1000) {
            throw ValidationException.of(address.isEmpty() ? "email" : "password", "is required");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<UserRepository.Credentials> accounts = users.credentials(address);
        if (accounts.isEmpty()) {
            passwords.matches(password, dummyHash);
            throw new SignInRefused("the email or the password is wrong", 0);
        }
        // An email may have an account in several brands; the password picks the one it opens. Each attempt is
        // counted before the (slow) password check, so concurrent guesses cannot all pass a check of the count made
        // before any of them was recorded; the account a right password opens is cleared, and the attempt is taken
        // back from the others of that email that it was counted on.
        SignInRefused refused = null;
        int lockedAccounts = 0;
        List<Long> counted = new ArrayList<>();
        for (UserRepository.Credentials c : accounts) {
            Optional<Integer> failures = users.countAttempt(c.user().id(), now, locks(now));
            if (failures.isEmpty()) {
                refused = lockedNow(c.user().id(), now);
                lockedAccounts++;
                continue;
            }
            if (passwords.matches(password, c.passwordHash())) {
                counted.forEach(users::uncountAttempt);
                // With two-factor sign-in on, the attempt stays counted until the second factor is right too, so
                // a stolen password does not buy unlimited code guesses.
                return twoFactor.enabled(c.user().id()) ? secondStep(c.user(), now) : open(c.user(), now);
            }
            counted.add(c.user().id());
            if (failures.get() >= FREE_FAILURES) {
                refused = locked(lockFor(failures.get()));
                lockedAccounts++;
            }
        }
        throw lockedAccounts == accounts.size() ? refused : new SignInRefused("the email or the password is wrong", 0);
    }

    private SecondStep secondStep(User user, OffsetDateTime now) {
        String challenge = token();
        twoFactorStore.insertChallenge(hash(challenge), user.id(), now, now.plus(SECOND_STEP));
        return new SecondStep(challenge, SECOND_STEP);
    }

    /**
     * Completes a sign-in with its second factor: a current TOTP code, or else a recovery code. Each try counts
     * towards the challenge's few attempts and the account's lock, as a wrong password does; a right code clears both.
     */
    public SignedIn completeSignIn(String challenge, String code, String recoveryCode) {
        boolean hasCode = code != null && !code.isBlank();
        boolean hasRecovery = recoveryCode != null && !recoveryCode.isBlank();
        if (challenge == null || challenge.length() != 43) {
            throw ValidationException.of("challenge", "is required: the challenge that POST /api/v1/session answered");
        }
        if (hasCode == hasRecovery) {
            throw ValidationException.of("code", "send either a code from your authenticator app or a recovery code");
        }
        if (hasCode && (code.length() > 20 || !code.strip().replace(" ", "").matches("[0-9]{6}"))) {
            throw ValidationException.of("code", "must be the 6 digits your authenticator app shows");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String challengeHash = hash(challenge);
        TwoFactorRepository.Challenge pending = twoFactorStore.attemptChallenge(challengeHash, now, SECOND_STEP_ATTEMPTS)
                .orElseThrow(() -> new SignInRefused("this sign-in has expired or had too many wrong codes; "
                        + "sign in again with your password", 0));
        int failures = users.countAttempt(pending.userId(), now, locks(now))
                .orElseThrow(() -> lockedNow(pending.userId(), now));
        if (!twoFactor.verify(pending.userId(), code, recoveryCode)) {
            if (failures >= FREE_FAILURES) {
                twoFactorStore.deleteChallenge(challengeHash);
                throw locked(lockFor(failures));
            }
            throw new SignInRefused("the code is wrong, or was already used", 0);
        }
        if (!twoFactorStore.deleteChallenge(challengeHash)) {
            throw new SignInRefused("this sign-in was completed or ended meanwhile; sign in again", 0);
        }
        return open(users.credentials(pending.userId()).orElseThrow().user(), now);
    }

    private SignedIn open(User user, OffsetDateTime now) {
        users.recordSuccess(user.id());
        String token = token();
        String csrf = token();
        users.insertSession(hash(token), user.id(), user.brandId(), csrf, now, now.plus(LIFETIME));
        return new SignedIn(token, csrf, user);
    }

    private SignInRefused lockedNow(long userId, OffsetDateTime now) {
        return lockedUntil(users, userId, now);
    }

    /** The refusal for an account locked now, with the time left. */
    static SignInRefused lockedUntil(UserRepository users, long userId, OffsetDateTime now) {
        OffsetDateTime until = users.credentials(userId).map(UserRepository.Credentials::lockedUntil).orElse(null);
        return locked(until == null ? Duration.ZERO : Duration.between(now, until));
    }

    /** How long the account locks after this many failures in a row: 30 s, doubling, at most 15 minutes. */
    static Duration lockFor(int failures) {
        int doublings = Math.min(20, Math.max(0, failures - FREE_FAILURES));
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    /** The lock each count of failures brings, from {@link #FREE_FAILURES} to the first that locks the longest. */
    static NavigableMap<Integer, OffsetDateTime> locks(OffsetDateTime now) {
        NavigableMap<Integer, OffsetDateTime> locks = new TreeMap<>();
        for (int failures = FREE_FAILURES; ; failures++) {
            locks.put(failures, now.plus(lockFor(failures)));
            if (lockFor(failures).equals(LONGEST_LOCK)) {
                return locks;
            }
        }
    }

    static SignInRefused locked(Duration left) {
        long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
        return new SignInRefused("too many failed sign-ins: this account is locked; try again in " + seconds + " s", seconds);
    }

    /** The live session a cookie's token opens, if any (expired and idle sessions are removed). */
    public Optional<Current> authenticate(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        String tokenHash = hash(token);
        Optional<UserRepository.StoredSession> stored = users.session(tokenHash);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        UserRepository.StoredSession s = stored.get();
        if (s.expiresAt().isBefore(now) || s.lastSeenAt().plus(IDLE).isBefore(now)) {
            users.deleteSession(tokenHash);
            return Optional.empty();
        }
        Optional<UserRepository.Credentials> user = users.credentials(s.userId());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (Duration.between(s.lastSeenAt(), now).toMinutes() >= 1) {
            users.touchSession(tokenHash, now);
        }
        User u = user.get().user();
        TwoFactorRepository.Mandate mandate = twoFactor.mandate(u);
        return Optional.of(new Current(new Principal(u.brandId(), "user:" + u.email(), u.role()), u, s.csrfToken(), tokenHash,
                mandate.enabled(), mandate.required()));
    }

    /** Ends a session. */
    public void signOut(Current session) {
        users.deleteSession(session.tokenHash());
    }

    /** Changes the signed-in user's password and ends their other sessions. */
    public void changePassword(Current session, String current, String next) {
        UserRepository.Credentials c = users.credentials(session.user().id()).orElseThrow();
        if (current == null || !passwords.matches(current, c.passwordHash())) {
            throw ValidationException.of("currentPassword", "is not your current password");
        }
        checkNewPassword(next, c.user().email());
        users.dsl().transaction(() -> {
            users.setPassword(c.user().id(), passwords.hash(next), false);
            users.deleteSessionsOf(c.user().id(), session.tokenHash());
        });
    }

    /** A password people can live with and attackers cannot guess: 12 to 200 characters, not the email. */
    static void checkNewPassword(String password, String email) {
        if (password == null || password.length() < 12) {
            throw ValidationException.of("newPassword", "must be at least 12 characters");
        }
        if (password.length() > 200) {
            throw ValidationException.of("newPassword", "must be at most 200 characters");
        }
        if (password.equalsIgnoreCase(email)) {
            throw ValidationException.of("newPassword", "must not be your email address");
        }
    }

    /** True if two CSRF tokens are equal, compared in constant time. */
    public static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
