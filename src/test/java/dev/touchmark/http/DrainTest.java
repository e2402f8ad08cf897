package dev.touchmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.http.Context;
import io.javalin.http.ServiceUnavailableResponse;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrainTest {
    /** What Jetty would run once each admitted request's answer is written. */
    private final List<Runnable> answersBeingWritten = new ArrayList<>();
    private final Drain drain = new Drain(Set.of("/api/v1/events"), (ctx, done) -> answersBeingWritten.add(done));

    /** Just enough of a Javalin context: a path, attributes and response headers. */
    private static Context request(String path, Map<String, String> responseHeaders) {
        Map<String, Object> attributes = new HashMap<>();
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "path" -> path;
                    case "attribute" -> {
                        if (args.length == 2) {
                            attributes.put((String) args[0], args[1]);
                            yield null;
                        }
                        yield attributes.get(args[0]);
                    }
                    case "header" -> {
                        responseHeaders.put((String) args[0], (String) args[1]);
                        yield proxy;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void drainingWaitsForAdmittedRequestsAndRefusesNewOnesWith503() {
        Context admitted = request("/api/v1/verify", new HashMap<>());
        drain.before(admitted);
        assertFalse(drain.drain(Duration.ofMillis(50)), "an admitted request is waited for");

        Map<String, String> headers = new HashMap<>();
        assertThrows(ServiceUnavailableResponse.class, () -> drain.before(request("/healthz", headers)));
        assertEquals("close", headers.get("Connection"));
        assertEquals(1, drain.inFlight(), "a refused request is not counted");

        drain.after(admitted);
        assertFalse(drain.drain(Duration.ofMillis(50)), "its handlers are done, its answer is still being written");
        answersBeingWritten.forEach(Runnable::run);
        assertTrue(drain.drain(Duration.ofMillis(50)));
    }

    /** Where the answer's writing cannot be followed (no Jetty request under the context), the handlers' end counts. */
    @Test
    void withoutJettyTheEndOfTheHandlersCounts() {
        Drain handlersOnly = new Drain(Set.of(), (ctx, done) -> false);
        Context admitted = request("/api/v1/verify", new HashMap<>());
        handlersOnly.before(admitted);
        assertFalse(handlersOnly.drain(Duration.ofMillis(20)));
        handlersOnly.after(admitted);
        assertTrue(handlersOnly.drain(Duration.ofMillis(20)));
    }

    @Test
    void theAlertStreamIsNotWaitedFor() {
        drain.before(request("/api/v1/events", new HashMap<>()));
        assertTrue(drain.drain(Duration.ofMillis(10)));
    }
}
