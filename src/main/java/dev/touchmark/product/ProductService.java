package dev.touchmark.product;

import dev.touchmark.access.Principal;
import dev.touchmark.code.CodeParseException;
import dev.touchmark.code.Gtin;
import dev.touchmark.error.ConflictException;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.Validator;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** Creates and reads a brand's products. */
public final class ProductService {
    private final ProductRepository repository;
    private final Clock clock;

    public ProductService(ProductRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Validates and stores a product. */
    public Product create(Principal principal, NewProduct request) {
        Validator validator = new Validator();
        String name = request.name() == null ? "" : request.name().strip();
        validator.check(!name.isEmpty() && name.length() <= 200, "name", "must be 1 to 200 characters");
        String gtin = null;
        if (request.gtin() != null && !request.gtin().isBlank()) {
            try {
                gtin = Gtin.normalize(request.gtin().strip());
            } catch (CodeParseException e) {
                validator.fail("gtin", "must be a GTIN-8, -12, -13 or -14 with a valid check digit");
            }
        }
        String description = blankToNull(request.description());
        validator.check(description == null || description.length() <= 4000, "description", "must be at most 4000 characters");
        String imageUrl = blankToNull(request.imageUrl());
        validator.check(imageUrl == null || isHttpUrl(imageUrl), "imageUrl", "must be an http(s) URL of at most 2000 characters");
        List<String> markets = Markets.normalize(request.markets(), "markets", validator);
        validator.throwIfInvalid();
        try {
            long id = repository.insert(principal.brandId(), name, gtin, description, imageUrl, markets, OffsetDateTime.now(clock));
            return get(principal.brandId(), id);
        } catch (ProductRepository.GtinTaken e) {
            Product other = e.holder();
            throw new ConflictException("GTIN " + other.gtin() + " is already the GTIN of product " + other.id() + " ('"
                    + other.name() + "'); a brand's products each need their own");
        }
    }

    /** A product of the brand, or NotFoundException. */
    public Product get(long brandId, long id) {
        return repository.find(brandId, id).orElseThrow(() -> new NotFoundException("no product with id " + id));
    }

    /** A page of the brand's products, newest first; pass the last id seen to get the next page. */
    public List<Product> list(long brandId, int limit, Long beforeId) {
        return repository.list(brandId, limit, beforeId == null ? Long.MAX_VALUE : beforeId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean isHttpUrl(String value) {
        if (value.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
