package dev.touchmark.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.i18n.Lang;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request it cannot parse or read, before any route runs) as problem JSON like
 * every other error, or as the readable {@link ErrorPage} when a browser asked for the page, instead of Jetty's
 * page; never with a stack trace. The connection is closed after them.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private final ObjectMapper json;
    private final ErrorPage page;

    public ProblemErrorHandler(ObjectMapper json, ErrorPage page) {
        this.json = json;
        this.page = page;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String path = request.getHttpURI().getPath();
        boolean html = ErrorPage.wanted(path, request.getHeaders().get(HttpHeader.ACCEPT));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, html ? "text/html; charset=utf-8" : Problem.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        if (code == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        }
        // The caller's request id, when it is sane, as on every other answer (no route ran to set it). None when
        // Jetty could not read the request's headers: a new id there would look like another request's answer.
        String id = request.getHeaders().get(RequestLog.HEADER);
        if (RequestLog.isSane(id)) {
            response.getHeaders().put(RequestLog.HEADER, id);
        }
        if (html) {
            response.getHeaders().put("Content-Security-Policy", ErrorPage.CSP);
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            Lang lang = Lang.fromAcceptLanguage(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
            // Jetty's reason is written for developers; the page's own words say what to do.
            response.write(true, ByteBuffer.wrap(page.render(lang, code, null).getBytes(StandardCharsets.UTF_8)),
                    callback);
            return;
        }
        response.write(true, ByteBuffer.wrap(body(code, message, path)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        // Jetty closes the connection after a request it could not parse; say so, so clients do not reuse it.
        fields.put(HttpHeader.CONNECTION, "close");
        return ByteBuffer.wrap(body(status, reason, null));
    }

    private byte[] body(int status, String message, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", HttpStatus.getMessage(status));
        body.put("status", status);
        body.put("detail", status < 500 && message != null && !message.isBlank() ? message
                : "the request could not be read; check its headers, encoding and length");
        if (path != null) {
            body.put("instance", path);
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
