package dev.touchmark.verify;

import dev.touchmark.domain.Shopper;

/** One scan as it arrives: the scanned text, and what we may know about who scanned it. */
public record ScanInput(String code, Shopper shopper) {
}
