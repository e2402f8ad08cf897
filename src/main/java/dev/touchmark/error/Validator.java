package dev.touchmark.error;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors so a request hears about all of its mistakes at once. */
public final class Validator {
    private final List<ValidationException.FieldError> errors = new ArrayList<>();

    /** Records an error when the condition is false. */
    public Validator check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new ValidationException.FieldError(field, message));
        }
        return this;
    }

    /** Records an error unconditionally. */
    public Validator fail(String field, String message) {
        return check(false, field, message);
    }

    /** Throws if anything was recorded. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
