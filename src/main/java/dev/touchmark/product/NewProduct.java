package dev.touchmark.product;

import java.util.List;

/** What a brand sends to create a product. */
public record NewProduct(String name, String gtin, String description, String imageUrl, List<String> markets) {
}
