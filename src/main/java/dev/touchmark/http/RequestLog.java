package dev.touchmark.http;

import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane, a new one otherwise), puts it in
 * the SLF4J MDC and the response, and writes one access line per request. slf4j-simple does not print the MDC, so
 * the access line carries the id itself. It never logs query strings (they may hold secrets) nor client addresses.
 */
public final class RequestLog {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Logger ACCESS = LoggerFactory.getLogger("touchmark.access");
    private static final String STARTED = "touchmark.startedNanos";
    private static final int MAX_LENGTH = 64;
    /** Longer paths (a fuzzer's, a garbled code's) are cut in the access line so one request cannot flood the log. */
    private static final int MAX_LOGGED_PATH = 200;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Before every request: takes or makes the id. */
    public void before(Context ctx) {
        String id = ctx.header(HEADER);
        if (!isSane(id)) {
            id = newId();
        }
        ctx.attribute(STARTED, System.nanoTime());
        MDC.put(MDC_KEY, id);
        ctx.header(HEADER, id);
    }

    /** After every request: the access line, then the MDC is cleared for the thread's next request. */
    public void after(Context ctx) {
        try {
            if (ACCESS.isInfoEnabled()) {
                Long started = ctx.attribute(STARTED);
                long micros = started == null ? -1 : (System.nanoTime() - started) / 1_000;
                ACCESS.info("{} {} {} {} {} ms", ctx.res().getHeader(HEADER), ctx.method(), loggedPath(ctx.path()),
                        ctx.statusCode(), micros / 1_000.0);
            }
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    static String loggedPath(String path) {
        return path.length() <= MAX_LOGGED_PATH ? path
                : path.substring(0, MAX_LOGGED_PATH) + "...(" + path.length() + " chars)";
    }

    /** At most 64 characters of letters, digits, dot, underscore and hyphen: safe to echo and to log. */
    static boolean isSane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** 16 hex characters: enough to find one request in the logs; not a secret, so no SecureRandom. */
    static String newId() {
        long bits = ThreadLocalRandom.current().nextLong();
        char[] id = new char[16];
        for (int i = 15; i >= 0; i--) {
            id[i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
        return new String(id);
    }
}
