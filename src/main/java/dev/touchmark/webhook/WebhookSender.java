package dev.touchmark.webhook;

import dev.touchmark.config.WebhookSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one signed webhook request; never follows redirects and never waits past its timeouts. */
public final class WebhookSender {
    static final String USER_AGENT = "Touchmark-Webhooks/1.0 (+https://www.standardwebhooks.com)";
    private final HttpClient client;
    private final WebhookSettings settings;
    private final Clock clock;

    public WebhookSender(WebhookSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What came of one attempt. */
    public sealed interface Result {
        /** The receiver answered with a status code (location is the Location header of a redirect, or null). */
        record Answered(int statusCode, String location) implements Result {
        }

        /** No answer: refused address, DNS failure, connection failure or timeout. */
        record NotSent(String error) implements Result {
        }
    }

    /** Signs with every secret given and POSTs the body to the URL. */
    public Result send(URI url, String messageId, byte[] body, List<WebhookSecret> secrets) throws InterruptedException {
        if (!settings.allowPrivateNetworks()) {
            String refusal = refusePrivate(url.getHost());
            if (refusal != null) {
                return new Result.NotSent(refusal);
            }
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.header(secrets, messageId, timestamp, body))
                .header("content-type", "application/json")
                .header("user-agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<Void>> answer = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        // The request timeout ends at the response headers; this bound also covers a body that never ends.
        long limit = settings.connectTimeout().plus(settings.requestTimeout()).toMillis() + 1000;
        try {
            HttpResponse<Void> response = answer.get(limit, TimeUnit.MILLISECONDS);
            return new Result.Answered(response.statusCode(), response.headers().firstValue("location").orElse(null));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new Result.NotSent("no complete answer within " + limit + " ms");
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return new Result.NotSent(describe(e.getCause()));
        }
    }

    /** A message if the host resolves to an address of a private network, else null. */
    private static String refusePrivate(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (PrivateNetworks.isPrivate(address)) {
                    return "refused: " + host + " resolves to " + address.getHostAddress() + ", a loopback or private "
                            + "network address (allowed only with TOUCHMARK_WEBHOOK_ALLOW_PRIVATE=true)";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "the host name " + host + " does not resolve";
        }
    }

    private static String describe(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within the request timeout";
        }
        if (cause instanceof ConnectException) {
            return "connection refused or unreachable";
        }
        if (cause instanceof IOException) {
            return "I/O error: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
