package dev.touchmark.error;

import java.util.List;

/** Input that breaks a rule; each error names the field and says what is allowed. */
public class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid input" : sentences(errors));
        this.errors = List.copyOf(errors);
    }

    /** One broken field. */
    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Every error as a sentence of its own ("gtin: must be .... markets: 'XX' is not ...."), so none run together. */
    private static String sentences(List<FieldError> errors) {
        StringBuilder text = new StringBuilder();
        for (FieldError error : errors) {
            text.append(text.length() == 0 ? "" : " ").append(error.sentence());
        }
        return text.toString();
    }

    /** A field and what is wrong with it. */
    public record FieldError(String field, String message) {
        /** "field: message." ending in punctuation, to stand beside other errors. */
        public String sentence() {
            return field + ": " + punctuated(message);
        }

        /** The message ending in punctuation (a full stop unless it ends in one already). */
        public static String punctuated(String message) {
            String text = message.strip();
            return text.isEmpty() || ".!?".indexOf(text.charAt(text.length() - 1)) >= 0 ? text : text + ".";
        }
    }
}
