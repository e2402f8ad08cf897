package dev.touchmark.alliance;

/** A current member sharing one signal class, and how; for the alliance's own correlation, never sent to other brands. */
public record SharingMember(long brandId, String brandName, SharingLevel level) {
}
