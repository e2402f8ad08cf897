package dev.touchmark.demo;

import dev.touchmark.Services;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.brand.Brand;
import dev.touchmark.brand.BrandService;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.product.NewProduct;
import dev.touchmark.product.Product;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** First-run demo data: one brand, one product and one released batch, created once. */
public final class DemoData {
    public static final String BRAND = "Demo Cosmetics";
    private static final String ACTOR = "demo-setup";

    private DemoData() {
    }

    /** What the demo has, and the secrets if it was created just now. */
    public record Summary(Brand brand, Optional<BrandService.CreatedBrand> created, Batch batch, List<String> sampleUrls) {
    }

    /** Creates the demo brand, product and batch unless the brand exists; never duplicates. */
    public static Summary ensure(Services services) {
        Optional<Brand> existing = services.brands().list().stream().filter(b -> b.name().equals(BRAND)).findFirst();
        if (existing.isPresent()) {
            Brand brand = existing.get();
            Batch batch = services.batches().list(brand.id(), null, 1, null).stream().reduce((a, b) -> b).orElseThrow();
            return new Summary(brand, Optional.empty(), batch, samples(services, batch));
        }
        BrandService.CreatedBrand created = services.brands().create(BRAND, "admin@demo-cosmetics.example");
        Principal principal = new Principal(created.brand().id(), ACTOR);
        Product product = services.products().create(principal, new NewProduct("Hydrating Serum 50 ml", "4006381333931",
                "Hyaluronic serum, 50 ml glass bottle.", null, List.of("FR", "DE", "IT", "ES", "CN")));
        Batch batch = services.batches().create(principal, new NewBatch(product.id(), 1000L, "L2026-11",
                LocalDate.of(2028, 11, 30), null, "compact"));
        batch = services.batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, "demo release");
        return new Summary(created.brand(), Optional.of(created), batch, samples(services, batch));
    }

    private static List<String> samples(Services services, Batch batch) {
        BatchCodes codes = services.batches().codes(batch);
        return List.of(codes.url(0), codes.url(1), codes.url(2));
    }
}
