package dev.touchmark.shopper;

import dev.touchmark.domain.BrandLink;
import dev.touchmark.verify.ScanInput;
import dev.touchmark.verify.VerificationResult;
import dev.touchmark.verify.VerificationService;

import dev.touchmark.domain.ClientKind;

import dev.touchmark.domain.Place;

import dev.touchmark.domain.Shopper;

import dev.touchmark.domain.Verdict;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import dev.touchmark.http.Json;
import dev.touchmark.http.Negotiation;
import dev.touchmark.http.Params;
import dev.touchmark.http.Replies;
import dev.touchmark.http.Problem;
import dev.touchmark.http.RateLimiter;
import dev.touchmark.i18n.Lang;
import dev.touchmark.report.ReportService;
import dev.touchmark.scan.DeviceIds;
import dev.touchmark.scan.ScanLocations;
import dev.touchmark.scan.ScanRecorder;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** HTTP for shoppers: the page a QR opens, the JSON verify API, and problem reports. */
public final class VerifyController {
    /**
     * Largest report form: every field at its longest in Chinese, percent-encoded (9 bytes a character), is about
     * 22 KB. Below {@link dev.touchmark.http.SlowClientGuard#READ_AHEAD_BYTES}, so a report's body is always in
     * memory before this controller reads it.
     */
    static final long MAX_REPORT_BYTES = 32 * 1024;
    private final VerificationService verification;
    private final ReportService reports;
    private final ScanLocations locations;
    private final RequestFacts facts;
    private final RateLimiter verifyLimit;
    private final RateLimiter reportLimit;
    private final Json json;
    private final Replies replies;
    private final String publicUrl;

    public VerifyController(VerificationService verification, ReportService reports, ScanLocations locations, RequestFacts facts,
                            RateLimiter verifyLimit, RateLimiter reportLimit, Json json, String publicUrl) {
        this.verification = verification;
        this.reports = reports;
        this.locations = locations;
        this.facts = facts;
        this.verifyLimit = verifyLimit;
        this.reportLimit = reportLimit;
        this.json = json;
        this.replies = new Replies(json);
        this.publicUrl = publicUrl;
    }

    /**
     * A verdict as the JSON API shows it; expired says the product is past its expiry date, advice what a shopper
     * should do, in the language asked for.
     */
    public record VerificationView(String verdict, String reason, String scanId, String brand, String product,
                                   String productDescription, String productImageUrl, String lot, LocalDate expiry,
                                   boolean expired, String serial, OffsetDateTime firstScanAt, String firstScanCountry,
                                   long scanCount, int deviceCount, OffsetDateTime checkedAt, int risk,
                                   List<String> riskReasons, List<String> advice, String countedAs,
                                   BrandingView branding) {
        static VerificationView of(VerificationResult r, Lang lang) {
            return new VerificationView(r.verdict().id(), r.reason() == null ? null : r.reason().id(), r.scanId(),
                    r.brandName(), r.productName(), r.productDescription(), r.productImageUrl(), r.lot(), r.expiry(),
                    VerdictTexts.isExpired(r), r.serial(), r.firstScanAt(), r.firstScanCountry(), r.scanCount(),
                    r.deviceCount(), r.checkedAt(), r.risk(), r.riskReasons(),
                    VerdictTexts.of(r, lang, VerdictTexts.Where.API).advice(), r.countedAs().id(), BrandingView.of(r));
        }
    }

    /**
     * How the brand presents itself, for apps that draw their own page: null when the code is not genuine or the brand
     * set nothing. logoUrl is a path on this server.
     */
    public record BrandingView(String name, String logoUrl, String accentColour, String supportUrl, String warrantyUrl,
                               String registrationUrl) {
        static BrandingView of(VerificationResult r) {
            dev.touchmark.domain.Branding b = r.branding();
            if (b.isEmpty() || r.verdict() == dev.touchmark.domain.Verdict.NOT_GENUINE) {
                return null;
            }
            // Apps draw these as the page does (a colour in a style, links in an href): only what the page would show.
            return new BrandingView(b.nameOr(r.brandName()), b.shownLogoPath(), b.shownColour(),
                    b.shownLink(BrandLink.SUPPORT), b.shownLink(BrandLink.WARRANTY), b.shownLink(BrandLink.REGISTRATION));
        }
    }

    /** Body of POST /api/v1/verify. */
    public record VerifyRequest(String code, String deviceId, String client, Double lat, Double lon) {
    }

    /** GET on a code's URL: the verdict page, or JSON for Accept: application/json. */
    public void page(Context ctx) {
        boolean wantsJson = wantsJson(ctx);
        Lang lang = Params.lang(ctx);
        String ipHash = facts.ipHash(ctx);
        try {
            verifyLimit.acquire(ipHash);
        } catch (RateLimiter.TooManyRequests e) {
            tooMany(ctx, e, wantsJson, lang);
            return;
        }
        String scanned = publicUrl + ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        ScanInput input = new ScanInput(scanned, new Shopper(facts.deviceFromCookie(ctx), facts.country(ctx), null, ipHash,
                ClientKind.PAGE, facts.pageRole(ctx)), facts.staffBrand(ctx));
        pageHeaders(ctx).header("Vary", "Accept, Accept-Language, Cookie");
        ctx.future(() -> verify(input).handle((result, failure) -> {
            if (failure != null) {
                unavailable(ctx, wantsJson, lang, failure);
            } else if (wantsJson) {
                replies.json(ctx, VerificationView.of(result, lang));
            } else {
                replies.html(ctx, VerifyPage.render(result, lang, links(ctx, lang, result)));
            }
            return null;
        }));
    }

    /** POST /api/v1/verify: the same verdict for apps and partners; no API key. */
    public void api(Context ctx) {
        String ipHash = facts.ipHash(ctx);
        verifyLimit.acquire(ipHash);
        VerifyRequest request = json.read(ctx, VerifyRequest.class);
        if (request.code() == null || request.code().isBlank()) {
            throw ValidationException.of("code", "is required: the scanned URL or payload");
        }
        if (request.deviceId() != null && !DeviceIds.isValid(request.deviceId())) {
            throw ValidationException.of("deviceId", "must be 26 characters A-Z and 2-7, as issued in the tm_device cookie");
        }
        if ((request.lat() == null) != (request.lon() == null)) {
            throw ValidationException.of(request.lat() == null ? "lat" : "lon", "lat and lon come together, or not at all");
        }
        if (request.lat() != null && (request.lat() < -90 || request.lat() > 90 || request.lat().isNaN())) {
            throw ValidationException.of("lat", "must be a latitude from -90 to 90");
        }
        if (request.lon() != null && (request.lon() < -180 || request.lon() > 180 || request.lon().isNaN())) {
            throw ValidationException.of("lon", "must be a longitude from -180 to 180");
        }
        Lang lang = Params.lang(ctx);
        ClientKind kind = "scanner".equals(request.client()) ? ClientKind.SCANNER : ClientKind.API;
        String device = request.deviceId() != null ? request.deviceId() : cookieDevice(ctx);
        // Stored like a shared location: rounded to a tenth of a degree (about 10 km).
        Integer lat = request.lat() == null ? null : (int) Math.round(request.lat() * 10);
        Integer lon = request.lon() == null ? null : (int) Math.round(request.lon() * 10);
        ScanInput input = new ScanInput(request.code(),
                new Shopper(device, facts.country(ctx), Place.of(lat, lon), ipHash, kind), facts.staffBrand(ctx));
        ctx.future(() -> verify(input).handle((result, failure) -> {
            if (failure != null) {
                unavailable(ctx, true, Lang.EN, failure);
            } else {
                replies.json(ctx, VerificationView.of(result, lang));
            }
            return null;
        }));
    }

    /** Body of POST /api/v1/scans/{id}/location. */
    public record LocationRequest(Double lat, Double lon) {
    }

    /** POST /api/v1/scans/{id}/location: the phone that made a scan adds its approximate location. */
    public void location(Context ctx) {
        verifyLimit.acquire(facts.ipHash(ctx));
        LocationRequest request = json.read(ctx, LocationRequest.class);
        locations.share(ctx.pathParam("id"), cookieDevice(ctx), request.lat(), request.lon());
        ctx.status(204);
    }

    /**
     * POST /report: a shopper's report from the verdict page. A report that is not taken comes back as a page in
     * the shopper's language saying what to change, with the form still holding what they typed.
     */
    public void report(Context ctx) {
        pageHeaders(ctx);
        Lang lang = Lang.fromAcceptLanguage(ctx.header("Accept-Language"));
        if (ctx.req().getContentLengthLong() > MAX_REPORT_BYTES) {
            // Refused unread: no report form is this large (SlowClientGuard does not read ahead bodies this size).
            ctx.header("Connection", "close");
            ctx.status(413).html(VerifyPage.renderReportNotSent(lang, Messages.REPORT_UNREADABLE.in(lang)));
            return;
        }
        Map<String, List<String>> form;
        try {
            form = ctx.formParamMap();
        } catch (Exception e) {
            // Jetty throws these for a form it cannot read (a bad charset, a malformed or multipart body),
            // some as checked servlet exceptions.
            ctx.status(400).html(VerifyPage.renderReportNotSent(lang, Messages.REPORT_UNREADABLE.in(lang)));
            return;
        }
        lang = Lang.fromParam(first(form, "lang")).orElse(lang);
        String scanId = first(form, "scanId");
        ReportForm.Values values = new ReportForm.Values(first(form, "place"), first(form, "seller"), first(form, "comment"));
        try {
            // Checked first, so a shopper correcting their form does not use up the rate limit.
            ReportService.Draft draft = reports.check(scanId, values.place(), values.seller(), values.comment());
            reportLimit.acquire(facts.ipHash(ctx));
            reports.report(draft);
            ctx.html(VerifyPage.renderReportThanks(lang, "/scan?lang=" + lang.param()));
        } catch (RateLimiter.TooManyRequests e) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            long minutes = Math.max(1, (e.retryAfterSeconds() + 59) / 60);
            ctx.status(429).html(VerifyPage.renderReportRetry(lang, scanId, "/report", values, Set.of(),
                    List.of(Messages.REPORT_TOO_MANY.format(lang, minutes))));
        } catch (ValidationException e) {
            ReportProblems problems = ReportProblems.of(e, values, lang);
            ctx.status(400).html(VerifyPage.renderReportRetry(lang, scanId, "/report", values, problems.fields(),
                    problems.texts()));
        } catch (NotFoundException e) {
            ctx.status(404).html(VerifyPage.renderReportNotSent(lang, Messages.REPORT_NO_SCAN.in(lang)));
        }
    }

    /** Verdict and report pages: never cached, and the pages' own policy (see VerifyPage.CSP). */
    private static Context pageHeaders(Context ctx) {
        return ctx.header("Cache-Control", "no-store").header("Content-Security-Policy", VerifyPage.CSP)
                .header("X-Content-Type-Options", "nosniff");
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private CompletableFuture<VerificationResult> verify(ScanInput input) {
        try {
            return verification.verify(input);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private String cookieDevice(Context ctx) {
        String device = ctx.cookie(RequestFacts.DEVICE_COOKIE);
        return DeviceIds.isValid(device) ? device : null;
    }

    private void unavailable(Context ctx, boolean wantsJson, Lang lang, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(cause instanceof ScanRecorder.ScanLogUnavailableException)) {
            org.slf4j.LoggerFactory.getLogger(VerifyController.class).error("Verification failed", cause);
        }
        ctx.header("Retry-After", "5");
        String message = "the scan could not be recorded, so it got no verdict; please try again in a few seconds";
        if (wantsJson) {
            Problem.write(ctx, 503, "Service unavailable", message);
        } else {
            ctx.status(503).html(VerifyPage.renderError(lang, 503, message));
        }
    }

    private void tooMany(Context ctx, RateLimiter.TooManyRequests e, boolean wantsJson, Lang lang) {
        ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        if (wantsJson) {
            Problem.write(ctx, 429, "Too many requests", e.getMessage());
        } else {
            ctx.status(429).html(VerifyPage.renderError(lang, 429, e.getMessage()));
        }
    }

    private PageLinks links(Context ctx, Lang lang, VerificationResult result) {
        String query = ctx.queryString() == null ? "" : ctx.queryString().replaceAll("(^|&)lang=[^&]*", "");
        query = query.startsWith("&") ? query.substring(1) : query;
        String switchUrl = ctx.path() + "?" + (query.isEmpty() ? "" : query + "&") + "lang=" + lang.other().param();
        return new PageLinks(switchUrl, result.scanId() == null ? null : "/report", "/scan?lang=" + lang.param());
    }

    /** Whether a shopper-facing GET is answered in JSON: its Accept prefers JSON to HTML ({@link Negotiation}). */
    static boolean wantsJson(Context ctx) {
        return Negotiation.prefersJson(ctx.header("Accept"));
    }
}
