package dev.touchmark.http;

import java.util.List;

/** One page of a list, newest first; nextBefore is the id to pass as 'before' for the next page, or null. */
public record Page<T>(List<T> items, Long nextBefore) {
}
