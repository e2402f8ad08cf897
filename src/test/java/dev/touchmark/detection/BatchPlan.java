package dev.touchmark.detection;

import java.util.List;

/**
 * A batch of the scenario, named by a key until the server gives it an id.
 *
 * @param key      the scenario's name for the batch
 * @param product  the product's name (batches of one product share it)
 * @param markets  the countries the batch is meant for
 * @param released false for a draft batch (never released)
 * @param quantity codes printed; more than the scenario sells, as in life
 */
public record BatchPlan(String key, String product, List<String> markets, boolean released, long quantity) {
}
