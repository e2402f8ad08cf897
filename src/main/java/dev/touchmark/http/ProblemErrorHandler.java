package dev.touchmark.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * every other error, instead of Jetty's HTML page; never with a stack trace. The connection is closed after them.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private final ObjectMapper json;

    public ProblemErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
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
        response.write(true, ByteBuffer.wrap(body(code, message, request.getHttpURI().getPath())), callback);
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
