package dev.touchmark.http;

import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The second half of a graceful shutdown (the first is {@link Drain}): Jetty's stop waits for the answers still being
 * written. Drain sees a request done once its handlers have run, and Javalin writes the answer after that: without
 * this, Jetty's stop could cut such an answer off, and a scan recorded a moment before reached its shopper as a 500
 * (ScanDurabilityIT's SIGTERM test, about one run in three). Live streams are not waited for: they end with the server.
 */
public final class AnswersInFlight extends GracefulHandler {
    private final Set<String> streams;

    /** {@code streams}: paths of long-lived streams (server-sent events). */
    public AnswersInFlight(Set<String> streams) {
        this.streams = streams;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (streams.contains(request.getHttpURI().getPath())) {
            Handler next = getHandler();
            return next != null && next.handle(request, response, callback);
        }
        return super.handle(request, response, callback);
    }
}
