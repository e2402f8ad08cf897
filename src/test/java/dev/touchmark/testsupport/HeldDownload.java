package dev.touchmark.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A download whose client reads the status line and headers, then stops reading until told to: the server blocks on
 * the full socket, so the download stays running for as long as a test needs, without any timing. The client's receive
 * buffer is kept small, so a download of a few megabytes cannot fit into the socket buffers and finish unread.
 */
public final class HeldDownload implements AutoCloseable {
    private static final int RECEIVE_BUFFER = 4096;
    private final Socket socket;
    private final InputStream in;
    private final String head;

    private HeldDownload(Socket socket, InputStream in, String head) {
        this.socket = socket;
        this.in = in;
        this.head = head;
    }

    /** Sends GET path with the API key (as Bearer) and reads up to the end of the answer's headers. */
    public static HeldDownload open(int port, String path, String apiKey) throws IOException {
        var socket = new Socket();
        socket.setReceiveBufferSize(RECEIVE_BUFFER); // before connecting, so the window it offers stays small
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + apiKey + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        var head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return new HeldDownload(socket, in, head.toString(StandardCharsets.US_ASCII));
    }

    /** The status line and headers. */
    public String head() {
        return head;
    }

    /** The status code, or -1 when the server sent no status line. */
    public int status() {
        String[] statusLine = head.split(" ", 3);
        return statusLine.length < 2 ? -1 : Integer.parseInt(statusLine[1]);
    }

    /** Some of the body, which is being produced, then nothing more. */
    public void readSomeBody() throws IOException {
        assertTrue(in.readNBytes(64 * 1024).length > 0, "the download streams");
    }

    /**
     * The rest of a chunked body, to its last chunk (the chunks' framing tells a whole download from one broken off,
     * which an end of stream would not).
     */
    public byte[] readRestOfChunkedBody() throws IOException {
        assertTrue(head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked"), head);
        var body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt(semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon), 16);
            if (size == 0) {
                line(); // the blank line after the last chunk (no trailers are sent)
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new IOException("the download broke off in a chunk");
            }
            body.write(chunk);
            line();
        }
    }

    private String line() throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("the download broke off before its last chunk");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        // Unread data makes the close a reset: the server's next write fails as when a client aborts.
        socket.close();
    }
}
