package dev.touchmark.demo;

import dev.touchmark.domain.ClientKind;

import dev.touchmark.domain.Place;

import dev.touchmark.domain.Shopper;

import dev.touchmark.App;
import dev.touchmark.Services;
import dev.touchmark.access.Principal;
import dev.touchmark.brand.BrandingService;
import dev.touchmark.access.User;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.brand.Brand;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.demo.DemoScenario.City;
import dev.touchmark.product.NewProduct;
import dev.touchmark.verify.ScanInput;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Demo data: three brands with products, released and draft batches, and a month of scans played through
 * verification with the clock set back, so every dashboard page has something to show. Created once per brand.
 */
public final class DemoData {
    /** The password of every demo user; printed by `touchmark demo`, never asked to change. */
    public static final String PASSWORD = "touchmark-demo";
    /** Days of scans the demo seeds: the days before today among the dashboard's last 30. */
    public static final int DAYS = 29;
    private static final String ACTOR = "demo-setup";
    private static final City PARIS = new City("Paris", "FR", 48.857, 2.352);
    private static final City LYON = new City("Lyon", "FR", 45.764, 4.836);
    private static final City BERLIN = new City("Berlin", "DE", 52.520, 13.405);
    private static final City MUNICH = new City("Munich", "DE", 48.135, 11.582);
    private static final City MILAN = new City("Milan", "IT", 45.464, 9.190);
    private static final City MADRID = new City("Madrid", "ES", 40.417, -3.704);
    private static final City LONDON = new City("London", "GB", 51.507, -0.128);
    private static final City NEW_YORK = new City("New York", "US", 40.713, -74.006);
    private static final City CHICAGO = new City("Chicago", "US", 41.878, -87.630);
    private static final City TORONTO = new City("Toronto", "CA", 43.653, -79.383);
    private static final City ISTANBUL = new City("Istanbul", "TR", 41.008, 28.978);
    private static final City DUBAI = new City("Dubai", "AE", 25.205, 55.271);
    private static final City LAGOS = new City("Lagos", "NG", 6.524, 3.379);
    private static final City SHENZHEN = new City("Shenzhen", "CN", 22.543, 114.058);
    private static final City BANGKOK = new City("Bangkok", "TH", 13.756, 100.502);
    private static final City SAO_PAULO = new City("São Paulo", "BR", -23.551, -46.633);
    private static final City MEXICO_CITY = new City("Mexico City", "MX", 19.433, -99.133);
    private static final City AMSTERDAM = new City("Amsterdam", "NL", 52.368, 4.904);
    private static final City DUBLIN = new City("Dublin", "IE", 53.350, -6.260);
    private static final City MANCHESTER = new City("Manchester", "GB", 53.481, -2.242);
    /** The alliance the demo brands form, sharing what they see of counterfeits. */
    public static final String ALLIANCE = "Demo Anti-Counterfeiting Alliance";

    /** One demo brand: what it makes and who scans it. */
    record BrandPlan(String name, String email, String product, String gtin, List<String> markets, long seed,
                     DemoScenario.Plan scans) {
    }

    static final List<BrandPlan> BRANDS = List.of(
            new BrandPlan("Demo Cosmetics", "admin@demo-cosmetics.example", "Hydrating Serum 50 ml", "4006381333931",
                    List.of("FR", "DE", "IT", "ES"), 11,
                    new DemoScenario.Plan("L2026-10", "L2026-11", "L2026-12", List.of(PARIS, LYON, BERLIN, MUNICH, MILAN, MADRID),
                            List.of(ISTANBUL, DUBAI, LAGOS, BANGKOK), DUBAI, SHENZHEN, 900, BANGKOK,
                            "https://www.BKK-Luxury-Outlet.example/shop/12/")),
            new BrandPlan("Demo Electronics", "admin@demo-electronics.example", "Wireless Earbuds Pro", "0012345678905",
                    List.of("US", "CA", "GB"), 22,
                    new DemoScenario.Plan("EB-2026-A", "EB-2026-B", "EB-2026-C", List.of(NEW_YORK, CHICAGO, TORONTO, LONDON),
                            List.of(SAO_PAULO, MEXICO_CITY, LAGOS, BANGKOK), MEXICO_CITY, SHENZHEN, 900, BANGKOK,
                            "bkk-luxury-outlet.example/shop/12")),
            new BrandPlan("Demo Apparel", "admin@demo-apparel.example", "Merino Crew Sweater", "5012345678900",
                    List.of("GB", "IE", "NL"), 33,
                    new DemoScenario.Plan("MW-2026-09", "MW-2026-10", "MW-2026-11", List.of(LONDON, MANCHESTER, DUBLIN, AMSTERDAM),
                            List.of(ISTANBUL, DUBAI, LAGOS), ISTANBUL, SHENZHEN, 300, ISTANBUL,
                            "Grand Bazaar stall 41, grandbazaar-deals.example")));

    private DemoData() {
    }

    /** One demo brand as the demo prints it: sign-in, and codes to try. */
    public record Summary(Brand brand, String email, Optional<String> apiKey, boolean seededNow, int scans,
                          Map<String, String> codesToTry) {
    }

    /**
     * Creates and seeds each demo brand that does not exist yet, and their alliance; the clock must be the one the app
     * runs on.
     */
    public static List<Summary> ensure(App app, DemoClock clock) {
        List<Summary> brands = BRANDS.stream().map(plan -> ensure(app, clock, plan)).toList();
        DemoAlliance.ensure(app, brands.stream().map(s -> s.brand().id()).toList());
        return brands;
    }

    private static Summary ensure(App app, DemoClock clock, BrandPlan plan) {
        Services services = app.services();
        Optional<Brand> existing = services.brands().list().stream().filter(b -> b.name().equals(plan.name())).findFirst();
        if (existing.isPresent()) {
            Brand brand = existing.get();
            return new Summary(brand, plan.email(), Optional.empty(), false, 0, codesToTry(services, brand.id(), plan));
        }
        // The month ends as today (UTC) begins, so that every scan falls in the dashboard's last 30 days at any hour
        // the demo is seeded (those days start at midnight), and none lies ahead of the clock.
        Instant end = java.time.LocalDate.ofInstant(Instant.now(clock), java.time.ZoneOffset.UTC)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Instant start = end.minus(Duration.ofDays(DAYS));
        clock.showTime(start.minus(Duration.ofHours(1)));
        try {
            var created = services.brands().create(plan.name(), plan.email());
            long brandId = created.brand().id();
            User admin = services.users().list(brandId).get(0);
            services.users().setKnownPassword(brandId, admin.id(), PASSWORD);
            Map<String, BatchCodes> codes = createBatches(services, new Principal(brandId, ACTOR), plan);
            services.branding().change(new Principal(brandId, ACTOR), branding(plan));
            List<DemoScenario.Scan> scans = DemoScenario.generate(plan.scans(), plan.seed(), start, DAYS);
            play(app, clock, codes, scans);
            return new Summary(created.brand(), plan.email(), Optional.of(created.apiKey()), true, scans.size(),
                    codesToTry(services, brandId, plan));
        } finally {
            clock.followRealTime();
        }
    }

    /** A colour and the usual links, so the demo's verdict pages look as a brand's would (its own web site aside). */
    private static BrandingService.Change branding(BrandPlan plan) {
        String site = "https://" + plan.email().substring(plan.email().indexOf('@') + 1);
        String colour = switch ((int) plan.seed()) {
            case 11 -> "#7a1f5c";
            case 22 -> "#0b3d91";
            default -> "#2e5e3a";
        };
        return new BrandingService.Change(plan.name(), colour, site + "/care", site + "/warranty", site + "/register");
    }

    private static Map<String, BatchCodes> createBatches(Services services, Principal principal, BrandPlan plan) {
        long productId = services.products().create(principal, new NewProduct(plan.product(), plan.gtin(),
                "Demo product of " + plan.name() + ".", null, plan.markets())).id();
        Map<String, BatchCodes> codes = new LinkedHashMap<>();
        for (String key : List.of(plan.scans().released(), plan.scans().diverted(), plan.scans().draft())) {
            Batch batch = services.batches().create(principal, new NewBatch(productId, 2000L, key,
                    LocalDate.of(2028, 11, 30), null, "compact"));
            if (!key.equals(plan.scans().draft())) {
                batch = services.batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, "demo release");
            }
            codes.put(key, services.batches().codes(batch));
        }
        return codes;
    }

    /** Each scan through verification at its own time; waits for it to be recorded before moving the clock. */
    private static void play(App app, DemoClock clock, Map<String, BatchCodes> codes, List<DemoScenario.Scan> scans) {
        var verification = app.scanServices().verification();
        for (DemoScenario.Scan scan : scans) {
            clock.showTime(scan.at());
            String url = codes.get(scan.batch()).url(scan.index());
            Integer lat = scan.lat() == null ? null : (int) Math.round(scan.lat() * 10);
            Integer lon = scan.lon() == null ? null : (int) Math.round(scan.lon() * 10);
            var result = verification.verify(new ScanInput(scan.forged() ? DemoScenario.forge(url) : url,
                    new Shopper(scan.device(), scan.country(), Place.of(lat, lon), null, ClientKind.PAGE))).join();
            if (scan.reportedSeller() != null && result.scanId() != null) {
                app.scanServices().reports().report(result.scanId(), "Night market stall", scan.reportedSeller(),
                        "Sold as new at a market stall; the box looks different from the one I bought before.");
            }
        }
    }

    private static Map<String, String> codesToTry(Services services, long brandId, BrandPlan plan) {
        Map<String, BatchCodes> codes = new LinkedHashMap<>();
        services.batches().list(brandId, null, 10, null).forEach(b -> codes.put(b.lot(), services.batches().codes(b)));
        Map<String, String> tryThese = new LinkedHashMap<>();
        DemoScenario.Plan scans = plan.scans();
        Optional.ofNullable(codes.get(scans.released())).ifPresent(c -> {
            tryThese.put("genuine, never scanned", c.url(1500));
            tryThese.put("cloned (scanned by a ring of phones)", c.url(DemoScenario.CLONED_INDEX));
            tryThese.put("counterfeit (forged signature)", DemoScenario.forge(c.url(1501)));
        });
        Optional.ofNullable(codes.get(scans.draft())).ifPresent(c -> tryThese.put("leaked from the printer (draft batch)",
                c.url(40)));
        return tryThese;
    }
}
