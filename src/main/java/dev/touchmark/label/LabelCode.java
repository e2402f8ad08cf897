package dev.touchmark.label;

/** One code to print: its index in the batch, the human-readable serial, and the URL the QR carries. */
public record LabelCode(long index, String serial, String url) {}
