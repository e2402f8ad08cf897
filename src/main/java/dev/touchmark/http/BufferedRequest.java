package dev.touchmark.http;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** A request whose whole body is already in memory. */
final class BufferedRequest extends Request.Wrapper {
    private Content.Chunk body;

    BufferedRequest(Request request, Content.Chunk body) {
        super(request);
        this.body = body;
    }

    @Override
    public Content.Chunk read() {
        Content.Chunk next = body;
        body = Content.Chunk.EOF;
        return next;
    }

    @Override
    public void demand(Runnable demandCallback) {
        demandCallback.run(); // the body is here: a read never has to wait
    }
}
