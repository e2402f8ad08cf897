package dev.touchmark.alert;

import dev.touchmark.access.Principal;
import dev.touchmark.error.ValidationException;
import dev.touchmark.access.ApiAuth;
import dev.touchmark.http.Json;
import dev.touchmark.http.Page;
import dev.touchmark.http.Params;
import dev.touchmark.i18n.Lang;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** HTTP for alerts, thresholds and the live feed. */
public final class AlertController {
    private final AlertService alerts;
    private final RuleBook rules;
    private final AlertFeed feed;
    private final Json json;

    public AlertController(AlertService alerts, RuleBook rules, AlertFeed feed, Json json) {
        this.alerts = alerts;
        this.rules = rules;
        this.feed = feed;
        this.json = json;
    }

    /** Body of POST /api/v1/alerts/{id}/status. */
    public record StatusRequest(String status, String comment) {
    }

    public void list(Context ctx) {
        int limit = (int) Params.longOr(ctx, "limit", 1, 500, 100);
        AlertFilter filter = filter(ctx);
        List<Alert> page = alerts.list(ApiAuth.principal(ctx).brandId(), filter, limit,
                Params.optionalLong(ctx, "before", 1, Long.MAX_VALUE));
        Lang lang = lang(ctx);
        ctx.json(new Page<>(page.stream().map(a -> AlertView.of(a, lang)).toList(),
                page.size() == limit ? page.get(page.size() - 1).id() : null));
    }

    /** The filter of the alert list (and its CSV export): status, rule, severity, batchId, from, to. */
    public static AlertFilter filter(Context ctx) {
        return new AlertFilter(
                option(ctx, "status", AlertStatus::of, "open, acknowledged, resolved, false_positive"),
                option(ctx, "rule", Rule::of, String.join(", ", java.util.Arrays.stream(Rule.values()).map(Rule::id).toList())),
                option(ctx, "severity", Severity::of, "low, medium, high, critical"),
                Optional.ofNullable(Params.optionalLong(ctx, "batchId", 1, Long.MAX_VALUE)),
                Params.window(ctx));
    }

    public void get(Context ctx) {
        ctx.json(alerts.detail(ApiAuth.principal(ctx).brandId(), Params.id(ctx, "id", "alert"), lang(ctx)));
    }

    public void changeStatus(Context ctx) {
        long id = Params.id(ctx, "id", "alert");
        StatusRequest request = json.read(ctx, StatusRequest.class);
        ctx.json(alerts.changeStatus(ApiAuth.principal(ctx), id, request.status(), request.comment(), lang(ctx)));
    }

    public void getRules(Context ctx) {
        ctx.json(rules.get(ApiAuth.principal(ctx).brandId()));
    }

    public void updateRules(Context ctx) {
        Principal principal = ApiAuth.principal(ctx);
        ctx.json(rules.update(principal.brandId(), json.read(ctx, RuleBook.Change.class), principal.actor()));
    }

    /**
     * GET /api/v1/events with Accept: text/event-stream: the brand's alerts and scan counts, live, the alerts' summaries
     * in the language of ?lang= (EventSource cannot set headers) or Accept-Language.
     */
    public SseHandler events() {
        return new SseHandler(0, this::stream);
    }

    private void stream(SseClient client) {
        long brandId = ApiAuth.principal(client.ctx()).brandId();
        Lang lang = Params.lang(client.ctx());
        client.keepAlive();
        AlertFeed.Subscriber subscriber = (event, data) -> {
            if (client.terminated()) {
                return false;
            }
            client.sendEvent(event, data);
            return !client.terminated();
        };
        client.onClose(() -> feed.unsubscribe(brandId, subscriber));
        client.sendComment("connected");
        feed.subscribe(brandId, lang, subscriber);
    }

    /** The reader's language for a JSON answer, which then varies by Accept-Language. */
    public static Lang lang(Context ctx) {
        ctx.header("Vary", "Accept-Language");
        return Params.lang(ctx);
    }

    private static <T> Optional<T> option(Context ctx, String name, Function<String, Optional<T>> parse, String allowed) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse.apply(value).orElseThrow(() -> ValidationException.of(name, "must be one of " + allowed)));
    }
}
