package dev.touchmark.shopper;

import dev.touchmark.http.Bodies;
import dev.touchmark.http.Json;
import dev.touchmark.http.RateLimiter;
import dev.touchmark.http.UnsupportedMediaType;
import dev.touchmark.i18n.Lang;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP for the in-browser scanner: GET /scan (the page), POST /scan/upload (a photo of a label, for phones
 * and browsers without camera access) and POST /scan/foreign (the page's script telling of a code that leads
 * elsewhere). The upload applies the same rule as the page's script: our own codes go on to their verdict page
 * (303), anything else gets a warning and is never followed; a foreign address that claims one of our brands is
 * recorded by host ({@link LabelHosts}).
 */
public final class ScanController {
    /** Largest photo file accepted. */
    public static final long MAX_PHOTO_BYTES = 10L * 1024 * 1024;
    /** Largest request body: the photo plus the multipart framing. */
    static final long MAX_BODY_BYTES = MAX_PHOTO_BYTES + 64 * 1024;
    /**
     * Uploads received at once. Each holds a request thread while its body arrives (a phone may take a minute), so
     * slow or stalled uploads must not be able to take them all: the next ones are refused at once, unread.
     */
    static final int RECEIVED_AT_ONCE = 16;
    /** Largest body of POST /scan/foreign: an address of {@link LabelHosts#MAX_URL} characters, escaped, in JSON. */
    static final long MAX_FOREIGN_BYTES = 4 * LabelHosts.MAX_URL;
    /** Jetty's request attribute for multipart limits; Javalin uses it when it is already set. */
    private static final String MULTIPART_ATTRIBUTE = "org.eclipse.jetty.multipartConfig";
    private static final Logger LOG = LoggerFactory.getLogger(ScanController.class);
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    private final RequestFacts facts;
    private final RateLimiter uploadLimit;
    private final RateLimiter foreignLimit;
    private final LabelHosts labelHosts;
    private final Json json;
    private final String origin;
    /** Photos decoded at once (2 to 4): each holds up to ~21 MB of pixels while it is read. */
    private final Semaphore decoding = new Semaphore(Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors())));
    private final Semaphore receiving = new Semaphore(RECEIVED_AT_ONCE);

    public ScanController(RequestFacts facts, RateLimiter uploadLimit, RateLimiter foreignLimit, LabelHosts labelHosts,
                          Json json, String publicUrl) {
        this.facts = facts;
        this.uploadLimit = uploadLimit;
        this.foreignLimit = foreignLimit;
        this.labelHosts = labelHosts;
        this.json = json;
        this.origin = ScanTarget.origin(publicUrl);
    }

    /** Body of POST /scan/foreign. */
    public record ForeignRequest(String url) {
    }

    /**
     * POST /scan/foreign: the scanner page read a code leading to another origin. Answers 204 whether or not it was
     * stored (only addresses that claim one of our brands are), so the answer tells nothing about our keys. JSON
     * only: a cross-site form or a plain-text POST from another page cannot send it without a CORS preflight, which
     * this server does not grant.
     */
    public void foreign(Context ctx) {
        String ipHash = facts.ipHash(ctx);
        foreignLimit.acquire(ipHash);
        if (ctx.req().getContentLengthLong() > MAX_FOREIGN_BYTES) {
            throw new HttpResponseException(413, "the body must be at most " + MAX_FOREIGN_BYTES + " bytes: {\"url\": \"...\"}");
        }
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json")) {
            throw new UnsupportedMediaType("send the address as JSON, {\"url\": \"...\"}, with Content-Type: application/json");
        }
        if (Bodies.bytes(ctx).length > MAX_FOREIGN_BYTES) {
            throw new HttpResponseException(413, "the body must be at most " + MAX_FOREIGN_BYTES + " bytes: {\"url\": \"...\"}");
        }
        ForeignRequest request = json.read(ctx, ForeignRequest.class);
        labelHosts.report(request.url(), LabelHosts.Source.SCANNER, facts.storedIpHash(ctx));
        ctx.header("Cache-Control", "no-store").status(204);
    }


    /** GET /scan: the scanner page in the shopper's language. */
    public void page(Context ctx) {
        Lang explicit = Lang.fromParam(ctx.queryParam("lang")).orElse(null);
        Lang lang = explicit != null ? explicit : Lang.fromAcceptLanguage(ctx.header("Accept-Language"));
        headers(ctx).header("Permissions-Policy", "camera=(self)");
        ctx.html(ScanPage.scanner(lang, origin, explicit, "/scan?lang=" + ScanPage.param(lang.other())));
    }

    /** GET /scan/upload (a reload of a result page, or a bookmark): back to the scanner. */
    public void uploadForm(Context ctx) {
        String lang = ctx.queryParam("lang");
        ctx.redirect(Lang.fromParam(lang).map(l -> "/scan?lang=" + ScanPage.param(l)).orElse("/scan"), HttpStatus.SEE_OTHER);
    }

    /** POST /scan/upload: a multipart form with the photo in the field "photo". */
    public void upload(Context ctx) {
        Lang explicit = Lang.fromParam(ctx.queryParam("lang")).orElse(null);
        Lang lang = explicit != null ? explicit : Lang.fromAcceptLanguage(ctx.header("Accept-Language"));
        String scanUrl = explicit == null ? "/scan" : "/scan?lang=" + ScanPage.param(explicit);
        headers(ctx);
        // Everything that can refuse an upload is checked before its body is read. A refused body is not read by a
        // request thread: http/SlowClientGuard drops what arrives (bounded in bytes and time, no thread waiting) so
        // the client reads the answer, then the connection is closed.
        try {
            uploadLimit.acquire(facts.ipHash(ctx));
        } catch (RateLimiter.TooManyRequests e) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds())).header("Connection", "close");
            problem(ctx, 429, lang, ScanMessages.TOO_MANY_TITLE,
                    ScanMessages.TOO_MANY_TEXT.format(lang, e.retryAfterSeconds()), scanUrl);
            return;
        }
        long length = ctx.req().getContentLengthLong();
        if (length > MAX_BODY_BYTES) {
            ctx.header("Connection", "close");
            tooLarge(ctx, lang, scanUrl);
            return;
        }
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("multipart/form-data")) {
            ctx.header("Connection", "close");
            problem(ctx, 400, lang, ScanMessages.NO_FILE_TITLE, ScanMessages.NO_FILE_TEXT.in(lang), scanUrl);
            return;
        }
        if (!receiving.tryAcquire()) {
            ctx.header("Retry-After", "5").header("Connection", "close");
            problem(ctx, 503, lang, ScanMessages.BUSY_TITLE, ScanMessages.BUSY_TEXT.in(lang), scanUrl);
            return;
        }
        UploadedFile photo;
        try {
            photo = receive(ctx);
        } catch (Exception e) { // Jetty's parser also throws checked IOExceptions (Kotlin does not declare them)
            ctx.header("Connection", "close");
            if (isSizeLimit(e)) {
                tooLarge(ctx, lang, scanUrl);
            } else if (isTimeout(e)) {
                problem(ctx, 408, lang, ScanMessages.TOO_SLOW_TITLE, ScanMessages.TOO_SLOW_TEXT.in(lang), scanUrl);
            } else {
                LOG.debug("Unreadable multipart upload", e);
                problem(ctx, 400, lang, ScanMessages.NOT_IMAGE_TITLE, ScanMessages.NOT_IMAGE_TEXT.in(lang), scanUrl);
            }
            return;
        } finally {
            receiving.release();
        }
        if (photo == null || photo.size() == 0) {
            problem(ctx, 400, lang, ScanMessages.NO_FILE_TITLE, ScanMessages.NO_FILE_TEXT.in(lang), scanUrl);
            return;
        }
        if (photo.size() > MAX_PHOTO_BYTES) {
            tooLarge(ctx, lang, scanUrl);
            return;
        }
        PhotoDecoder.Outcome outcome;
        try {
            outcome = decode(photo);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = null;
        }
        if (outcome == null) {
            ctx.header("Retry-After", "5");
            problem(ctx, 503, lang, ScanMessages.BUSY_TITLE, ScanMessages.BUSY_TEXT.in(lang), scanUrl);
        } else if (outcome instanceof PhotoDecoder.Decoded decoded) {
            ScanTarget target = ScanTarget.classify(decoded.text(), origin);
            if (target instanceof ScanTarget.Foreign foreign) {
                recordForeign(ctx, foreign);
            }
            answer(ctx, lang, explicit, scanUrl, target);
        } else if (outcome instanceof PhotoDecoder.TooManyPixels) {
            tooLarge(ctx, lang, scanUrl);
        } else if (outcome instanceof PhotoDecoder.NotImage notImage) {
            LOG.debug("Upload is not a readable image: {}", notImage.why());
            problem(ctx, 400, lang, ScanMessages.NOT_IMAGE_TITLE, ScanMessages.NOT_IMAGE_TEXT.in(lang), scanUrl);
        } else {
            problem(ctx, 422, lang, ScanMessages.NO_QR_TITLE, ScanMessages.NO_QR_TEXT.in(lang), scanUrl);
        }
    }

    /** Records a photo's foreign address; the shopper's warning page does not depend on it, so it never fails. */
    private void recordForeign(Context ctx, ScanTarget.Foreign foreign) {
        try {
            labelHosts.sighted(foreign.url(), LabelHosts.Source.PHOTO, facts.storedIpHash(ctx));
        } catch (RuntimeException e) {
            LOG.warn("A foreign address read from a photo could not be recorded", e);
        }
    }

    /** Reads the multipart body (on this thread, as it arrives; SlowClientGuard fails it when it is too slow). */
    private static UploadedFile receive(Context ctx) {
        ctx.req().setAttribute(MULTIPART_ATTRIBUTE, new MultipartConfigElement(
                System.getProperty("java.io.tmpdir"), MAX_PHOTO_BYTES, MAX_BODY_BYTES, 256 * 1024));
        return ctx.uploadedFile("photo");
    }

    /** Decodes under the concurrency limit; null when the server stayed too busy for ten seconds. */
    private PhotoDecoder.Outcome decode(UploadedFile photo) throws InterruptedException {
        if (!decoding.tryAcquire(10, TimeUnit.SECONDS)) {
            return null;
        }
        try (InputStream in = photo.content()) {
            return PhotoDecoder.decode(in);
        } catch (IOException e) {
            return new PhotoDecoder.NotImage("upload could not be read: " + e.getMessage());
        } finally {
            decoding.release();
        }
    }

    private void answer(Context ctx, Lang lang, Lang explicit, String scanUrl, ScanTarget target) {
        if (target instanceof ScanTarget.Own own) {
            ctx.redirect(withLang(own.pathAndQuery(), explicit), HttpStatus.SEE_OTHER);
        } else if (target instanceof ScanTarget.Foreign foreign) {
            ctx.html(ScanPage.foreign(lang, origin, foreign.url(), scanUrl));
        } else {
            ctx.html(ScanPage.notOurs(lang, ((ScanTarget.NotUrl) target).text(), scanUrl));
        }
    }

    /** The verdict path with the shopper's explicit language added, unless the code's URL already has one. */
    static String withLang(String pathAndQuery, Lang explicit) {
        int q = pathAndQuery.indexOf('?');
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        if (explicit == null || ("&" + query).contains("&lang=")) {
            return pathAndQuery;
        }
        return pathAndQuery + (q < 0 ? "?" : "&") + "lang=" + ScanPage.param(explicit);
    }

    private static Context headers(Context ctx) {
        return ctx.header("Cache-Control", "no-store").header("Vary", "Accept-Language")
                .header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    private static void tooLarge(Context ctx, Lang lang, String scanUrl) {
        problem(ctx, 413, lang, ScanMessages.TOO_LARGE_TITLE, ScanMessages.TOO_LARGE_TEXT.in(lang), scanUrl);
    }

    private static void problem(Context ctx, int status, Lang lang, ScanMessages title, String text, String scanUrl) {
        ctx.status(status).html(ScanPage.problem(lang, title, text, scanUrl));
    }

    /** Whether a multipart failure was Jetty refusing a part or a request over the configured sizes. */
    private static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("exceed") || message.contains("too large") || message.contains("413")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the body stopped arriving, or arrived below SlowClientGuard's minimum rate. */
    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
