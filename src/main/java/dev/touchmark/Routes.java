package dev.touchmark;

import dev.touchmark.metrics.HealthController;

import dev.touchmark.access.ApiAuth;

import dev.touchmark.http.RequestLog;
import dev.touchmark.http.ErrorMapper;
import dev.touchmark.http.AssetController;
import dev.touchmark.http.SecurityHeaders;
import dev.touchmark.http.Drain;

import static dev.touchmark.access.Role.ADMIN;
import static dev.touchmark.access.Role.OPERATOR;
import static dev.touchmark.access.Role.VIEWER;
import static dev.touchmark.access.ApiAuth.requires;

import dev.touchmark.access.AccessController;
import dev.touchmark.access.TwoFactorController;
import dev.touchmark.alert.AlertController;
import dev.touchmark.alliance.AllianceController;
import dev.touchmark.dashboard.DashboardController;
import dev.touchmark.export.ExportController;
import dev.touchmark.batch.BatchController;
import dev.touchmark.brand.BrandController;
import dev.touchmark.brand.BrandingController;
import dev.touchmark.keys.KeyController;
import dev.touchmark.label.LabelController;
import dev.touchmark.mail.MailController;
import dev.touchmark.metrics.MetricsController;
import dev.touchmark.periodic.PeriodicReportController;
import dev.touchmark.product.ProductController;
import dev.touchmark.report.ReportController;
import dev.touchmark.shopper.HomeController;
import dev.touchmark.shopper.ScanController;
import dev.touchmark.shopper.VerifyPage;
import dev.touchmark.shopper.VerifyController;
import dev.touchmark.webhook.WebhookController;
import io.javalin.config.RoutesConfig;

/** Every path of Touchmark in one table. */
public final class Routes {
    private Routes() {
    }

    /** The controllers the table points at. */
    public record Controllers(Drain drain, ApiAuth auth, HealthController health, BrandController brand, KeyController keys,
                              ProductController products, BatchController batches, LabelController labels,
                              VerifyController verify, ReportController reports, ScanController scan,
                              AssetController assets, WebhookController webhooks, AlertController alerts,
                              AccessController access, DashboardController dashboard, MetricsController metrics,
                              SecurityHeaders headers, AllianceController alliances,
                              PeriodicReportController periodicReports, MailController mail, HomeController home,
                              TwoFactorController twoFactor, ExportController exports,
                              BrandingController branding) {
    }

    /** Long-lived streams, which a graceful shutdown does not wait for. */
    public static final java.util.Set<String> STREAMS = java.util.Set.of("/api/v1/events");

    /** Paths that take bodies larger than SlowClientGuard reads ahead, and cap how many they receive at once. */
    public static final java.util.Set<String> LARGE_BODIES = java.util.Set.of("/scan/upload");

    /** Registers every route. */
    public static void register(RoutesConfig routes, Controllers c) {
        RequestLog requestLog = new RequestLog();
        routes.before(requestLog::before);
        routes.before(c.drain()::before);
        routes.before(c.headers());
        routes.after(c.drain()::after);
        routes.after(requestLog::after);
        routes.get("/healthz", c.health()::health);
        routes.get("/readyz", c.health()::ready);
        // Operators only: not under /api/v1 (no API key), so keep it off the public network (docs/operations.md).
        routes.get("/metrics", c.metrics()::scrape);
        routes.get("/.well-known/jwks.json", c.keys()::jwks);

        // The address the server is known by: what Touchmark is, the way to the scanner and to the dashboard.
        routes.get("/", c.home()::page);

        // What a shopper's phone opens: the compact profile, any case, and GS1 Digital Link.
        routes.get("/V/{payload}", c.verify()::page);
        routes.get("/v/{payload}", c.verify()::page);
        routes.get("/01/<rest>", c.verify()::page);
        routes.post("/report", c.verify()::report);
        routes.post("/api/v1/verify", c.verify()::api);
        routes.post("/api/v1/scans/{id}/location", c.verify()::location);

        // The in-browser scanner for phones whose camera app does not open links, and its photo fallback.
        routes.get("/scan", c.scan()::page);
        routes.get("/scan/upload", c.scan()::uploadForm);
        routes.post("/scan/upload", c.scan()::upload);
        routes.post("/scan/foreign", c.scan()::foreign);
        routes.get("/assets/{name}", c.assets()::asset);
        // Brands' logos on their verification pages, by the SHA-256 of the file.
        routes.get("/logos/{file}", c.branding()::logo);
        routes.get("/favicon.ico", c.assets()::favicon);
        routes.get("/webjars/<path>", c.assets()::webjar);
        routes.get("/api/docs", c.assets()::apiDocs);
        routes.get("/api/openapi.yaml", c.assets()::openApi);
        // The brand dashboard: one page and its modules; it uses the API below like any other client.
        routes.get("/dashboard", c.assets()::dashboard);
        routes.get("/dashboard/{name}", c.assets()::dashboardFile);

        routes.before("/api/v1/*", c.auth());
        // Signing in to the dashboard; everything below needs a session or an API key, and a role:
        // viewers read, operators also make and print codes and triage alerts, admins also manage access.
        routes.post("/api/v1/session", c.access()::signIn);
        routes.get("/api/v1/session", requires(VIEWER, c.access()::current));
        routes.delete("/api/v1/session", requires(VIEWER, c.access()::signOut));
        routes.post("/api/v1/session/password", requires(VIEWER, c.access()::changePassword));
        // Which mail the signed-in person wants (alerts at once, a daily digest), in which language.
        routes.get("/api/v1/session/notifications", requires(VIEWER, c.mail()::get));
        routes.put("/api/v1/session/notifications", requires(VIEWER, c.mail()::change));
        // Two-factor sign-in (TOTP): the second step of signing in, and each user's own enrolment.
        routes.post("/api/v1/session/second-factor", c.access()::secondFactor);
        routes.get("/api/v1/session/two-factor", requires(VIEWER, c.twoFactor()::status));
        routes.post("/api/v1/session/two-factor", requires(VIEWER, c.twoFactor()::begin));
        routes.post("/api/v1/session/two-factor/confirm", requires(VIEWER, c.twoFactor()::confirm));
        routes.post("/api/v1/session/two-factor/recovery-codes", requires(VIEWER, c.twoFactor()::renewRecoveryCodes));
        routes.post("/api/v1/session/two-factor/disable", requires(VIEWER, c.twoFactor()::disable));

        routes.get("/api/v1/brand", requires(VIEWER, c.brand()::current));
        // How the brand's verification pages look: name, colour, links and logo; its admin sets them.
        routes.get("/api/v1/brand/branding", requires(VIEWER, c.branding()::get));
        routes.put("/api/v1/brand/branding", requires(ADMIN, c.branding()::change));
        routes.put("/api/v1/brand/logo", requires(ADMIN, c.branding()::changeLogo));
        routes.delete("/api/v1/brand/logo", requires(ADMIN, c.branding()::removeLogo));

        routes.get("/api/v1/keys", requires(VIEWER, c.keys()::list));
        routes.post("/api/v1/keys/rotate", requires(ADMIN, c.keys()::rotate));
        routes.post("/api/v1/keys/{kid}/revoke", requires(ADMIN, c.keys()::revoke));

        routes.get("/api/v1/products", requires(VIEWER, c.products()::list));
        routes.post("/api/v1/products", requires(OPERATOR, c.products()::create));
        routes.get("/api/v1/products/{id}", requires(VIEWER, c.products()::get));

        routes.get("/api/v1/batches", requires(VIEWER, c.batches()::list));
        routes.post("/api/v1/batches", requires(OPERATOR, c.batches()::create));
        routes.get("/api/v1/batches/{id}", requires(VIEWER, c.batches()::get));
        routes.get("/api/v1/batches/{id}/history", requires(VIEWER, c.batches()::history));
        routes.get("/api/v1/batches/{id}/progress", requires(VIEWER, c.dashboard()::batchProgress));
        routes.post("/api/v1/batches/{id}/release", requires(OPERATOR, c.batches()::release));
        routes.post("/api/v1/batches/{id}/recall", requires(OPERATOR, c.batches()::recall));
        routes.post("/api/v1/batches/{id}/void", requires(OPERATOR, c.batches()::voidBatch));
        routes.get("/api/v1/batches/{id}/codes/{index}", requires(VIEWER, c.batches()::code));
        routes.get("/api/v1/batches/{id}/codes/{index}/label.png", requires(OPERATOR, c.labels()::png));
        routes.get("/api/v1/batches/{id}/codes/{index}/label.svg", requires(OPERATOR, c.labels()::svg));
        routes.get("/api/v1/batches/{id}/labels", requires(OPERATOR, c.labels()::export));

        routes.get("/api/v1/reports", requires(VIEWER, c.reports()::list));

        // A brand's weekly and monthly reports (UTC periods); its admin chooses which ones the schedule makes.
        routes.get("/api/v1/periodic-reports", requires(VIEWER, c.periodicReports()::list));
        routes.post("/api/v1/periodic-reports", requires(VIEWER, c.periodicReports()::generate));
        routes.get("/api/v1/periodic-reports/schedule", requires(VIEWER, c.periodicReports()::schedule));
        routes.put("/api/v1/periodic-reports/schedule", requires(ADMIN, c.periodicReports()::changeSchedule));
        routes.get("/api/v1/periodic-reports/{id}.pdf", requires(VIEWER, c.periodicReports()::pdf));
        routes.get("/api/v1/periodic-reports/{id}.csv", requires(VIEWER, c.periodicReports()::csv));
        routes.get("/api/v1/periodic-reports/{id}", requires(VIEWER, c.periodicReports()::get));

        routes.get("/api/v1/stats/overview", requires(VIEWER, c.dashboard()::overview));
        routes.get("/api/v1/stats/map", requires(VIEWER, c.dashboard()::map));
        routes.get("/api/v1/stats/batches", requires(VIEWER, c.dashboard()::batches));
        routes.get("/api/v1/codes/lookup", requires(VIEWER, c.dashboard()::lookUp));

        // CSV files of the lists above, with the same filters, streamed from the database however many rows match.
        routes.get("/api/v1/exports/alerts.csv", requires(VIEWER, c.exports()::alerts));
        routes.get("/api/v1/exports/reports.csv", requires(VIEWER, c.exports()::reports));
        routes.get("/api/v1/exports/scans.csv", requires(VIEWER, c.exports()::scans));

        routes.get("/api/v1/alerts", requires(VIEWER, c.alerts()::list));
        routes.get("/api/v1/alerts/{id}", requires(VIEWER, c.alerts()::get));
        routes.post("/api/v1/alerts/{id}/status", requires(OPERATOR, c.alerts()::changeStatus));
        routes.get("/api/v1/rules", requires(VIEWER, c.alerts()::getRules));
        routes.put("/api/v1/rules", requires(ADMIN, c.alerts()::updateRules));
        routes.get("/api/v1/events", requires(VIEWER, c.alerts().events()));

        // Alliances are created and filled by the operator (CLI); a brand's admin answers its invitations.
        routes.get("/api/v1/alliances", requires(VIEWER, c.alliances()::list));
        routes.post("/api/v1/alliances/{id}/accept", requires(ADMIN, c.alliances()::accept));
        routes.post("/api/v1/alliances/{id}/decline", requires(ADMIN, c.alliances()::decline));
        routes.post("/api/v1/alliances/{id}/leave", requires(ADMIN, c.alliances()::leave));
        // A member's viewers read what it shares; only its admin changes it.
        routes.get("/api/v1/alliances/{id}/sharing", requires(VIEWER, c.alliances()::sharing));
        routes.put("/api/v1/alliances/{id}/sharing", requires(ADMIN, c.alliances()::changeSharing));
        // What members share, as each member may see it (JSON, or a STIX 2.1 bundle by Accept).
        routes.get("/api/v1/alliances/{id}/intel", requires(VIEWER, c.alliances()::intel));
        routes.get("/api/v1/alliances/{id}/reports/{month}.pdf", requires(VIEWER, c.alliances()::reportPdf));
        routes.get("/api/v1/alliances/{id}/reports/{month}.csv", requires(VIEWER, c.alliances()::reportCsv));

        routes.get("/api/v1/webhooks", requires(ADMIN, c.webhooks()::list));
        routes.post("/api/v1/webhooks", requires(ADMIN, c.webhooks()::create));
        routes.get("/api/v1/webhooks/{id}", requires(ADMIN, c.webhooks()::get));
        routes.patch("/api/v1/webhooks/{id}", requires(ADMIN, c.webhooks()::update));
        routes.delete("/api/v1/webhooks/{id}", requires(ADMIN, c.webhooks()::delete));
        routes.post("/api/v1/webhooks/{id}/rotate-secret", requires(ADMIN, c.webhooks()::rotateSecret));
        routes.post("/api/v1/webhooks/{id}/test", requires(ADMIN, c.webhooks()::test));
        routes.get("/api/v1/webhooks/{id}/deliveries", requires(ADMIN, c.webhooks()::deliveries));

        routes.get("/api/v1/users", requires(ADMIN, c.access()::listUsers));
        routes.post("/api/v1/users", requires(ADMIN, c.access()::invite));
        routes.patch("/api/v1/users/{id}", requires(ADMIN, c.access()::changeRole));
        routes.delete("/api/v1/users/{id}", requires(ADMIN, c.access()::removeUser));
        // The brand's requirement of two-factor sign-in, and a user's reset (a lost phone).
        routes.get("/api/v1/users/two-factor", requires(ADMIN, c.twoFactor()::policy));
        routes.put("/api/v1/users/two-factor", requires(ADMIN, c.twoFactor()::changePolicy));
        routes.delete("/api/v1/users/{id}/two-factor", requires(ADMIN, c.twoFactor()::reset));
        routes.get("/api/v1/api-keys", requires(ADMIN, c.access()::listApiKeys));
        routes.post("/api/v1/api-keys", requires(ADMIN, c.access()::createApiKey));
        routes.delete("/api/v1/api-keys/{id}", requires(ADMIN, c.access()::revokeApiKey));

        ErrorMapper.register(routes, VerifyPage::renderError);
    }
}
