package dev.touchmark.access;

import dev.touchmark.code.Base32;
import dev.touchmark.error.ConflictException;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** An admin's work on the brand's users: invite with a one-time password, change roles, remove. */
public final class UserService {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}$");
    private final UserRepository users;
    private final PasswordHasher passwords;
    private final SecureRandom random;
    private final Clock clock;

    public UserService(UserRepository users, PasswordHasher passwords, SecureRandom random, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.random = random;
        this.clock = clock;
    }

    /** A new user and the password to hand them, shown once; they must change it when they first sign in. */
    public record Invited(User user, String temporaryPassword) {
        @Override
        public String toString() {
            return "Invited[" + user.email() + ", temporaryPassword=[REDACTED]]";
        }
    }

    /** The brand's users. */
    public List<User> list(long brandId) {
        return users.list(brandId);
    }

    /** Invites a user to the brand with a role. */
    public Invited invite(long brandId, String email, String role) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(address).matches() || address.length() > 320) {
            throw ValidationException.of("email", "must be an email address such as ana@brand.example");
        }
        Role r = role(role);
        if (users.emailTaken(brandId, address)) {
            throw new ConflictException("this brand already has a user with the email " + address);
        }
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        String temporary = Base32.encode(bytes);
        long id = users.insert(brandId, address, r, passwords.hash(temporary), OffsetDateTime.now(clock));
        return new Invited(users.find(brandId, id).orElseThrow(), temporary);
    }

    /** Changes a user's role; the brand keeps at least one admin. */
    public User changeRole(long brandId, long userId, String role) {
        Role r = role(role);
        return users.dsl().transactionResult(() -> {
            User user = users.find(brandId, userId).orElseThrow(() -> notFound(userId));
            if (user.role() == Role.ADMIN && r != Role.ADMIN && users.admins(brandId) <= 1) {
                throw new ConflictException("this is the brand's last admin; make someone else admin first");
            }
            users.setRole(userId, r);
            return users.find(brandId, userId).orElseThrow();
        });
    }

    /**
     * Sets a password chosen by the operator, without asking for a change at next sign-in; for demo installations,
     * whose sign-in is printed for anyone to try.
     */
    public void setKnownPassword(long brandId, long userId, String password) {
        users.find(brandId, userId).orElseThrow(() -> notFound(userId));
        users.setPassword(userId, passwords.hash(password), false);
    }

    /** Removes a user and their sessions; the brand keeps at least one admin. */
    public void remove(long brandId, long userId) {
        users.dsl().transaction(() -> {
            User user = users.find(brandId, userId).orElseThrow(() -> notFound(userId));
            if (user.role() == Role.ADMIN && users.admins(brandId) <= 1) {
                throw new ConflictException("this is the brand's last admin; make someone else admin first");
            }
            users.delete(userId);
        });
    }

    private static Role role(String role) {
        return Role.of(role == null ? "" : role).orElseThrow(() -> ValidationException.of("role",
                "must be admin, operator or viewer"));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no user " + id + " in this brand");
    }
}
