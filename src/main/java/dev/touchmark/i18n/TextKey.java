package dev.touchmark.i18n;

/**
 * A named text of {@link Texts#bundled()}; enums of keys implement it, so a page names its texts in code and a
 * misspelt key does not compile.
 */
public interface TextKey {
    /** The key in the bundles: "verify.genuine_title". */
    String key();

    /** The text in a language, placeholders left as they are. */
    default String in(Lang lang) {
        return Texts.bundled().text(lang, key());
    }

    /** The text in a language with {0}, {1}, ... filled with the arguments (plain text, not escaped). */
    default String format(Lang lang, Object... args) {
        return Texts.bundled().format(lang, key(), args);
    }
}
