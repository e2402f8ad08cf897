package dev.touchmark.domain;

/** One printed code: its batch and its index in the batch. */
public record CodeRef(long batchId, long index) {
}
