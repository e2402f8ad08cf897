package dev.touchmark.scan;

/** The verdict and reason (null unless not genuine) stored with a scan, as API ids. */
public record Outcome(String verdict, String reason) {
}
