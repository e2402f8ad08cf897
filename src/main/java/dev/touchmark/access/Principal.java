package dev.touchmark.access;

/** Who is calling: a brand, through one of its API keys (or the command line). */
public record Principal(long brandId, String actor) {
}
