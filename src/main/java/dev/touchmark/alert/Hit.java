package dev.touchmark.alert;

import dev.touchmark.domain.Place;

import java.time.OffsetDateTime;

/**
 * One occurrence of a signal: it opens an alert for its brand, rule and subject, or adds to the open one.
 * summary describes the alert as it now stands; note describes this occurrence (kept as evidence).
 */
public record Hit(long brandId, Rule rule, String subject, Severity severity, AlertText summary, Long batchId,
                  Long codeIndex, String country, Place place, OffsetDateTime at, Long scanId,
                  AlertText note) {
}
