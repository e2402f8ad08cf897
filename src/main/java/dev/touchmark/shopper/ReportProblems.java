package dev.touchmark.shopper;

import dev.touchmark.error.ValidationException;
import dev.touchmark.i18n.Lang;
import dev.touchmark.report.SellerName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a shopper must change in a report that was not taken, in their language: a field over its length, a seller
 * that is refused (tracking parameters, a phone number, an e-mail address), or nothing filled in at all. Built from the report service's field errors and the values the shopper sent.
 */
record ReportProblems(Set<String> fields, List<String> texts) {
    static ReportProblems of(ValidationException e, ReportForm.Values values, Lang lang) {
        Set<String> fields = new LinkedHashSet<>();
        List<String> texts = new ArrayList<>();
        boolean empty = false;
        for (ValidationException.FieldError error : e.errors()) {
            String field = error.field();
            int max = max(field);
            String value = value(values, field);
            boolean tooLong = max > 0 && value != null && value.strip().length() > max;
            SellerName.Refused refused = !tooLong && "seller".equals(field) ? refusal(value) : null;
            if (tooLong) {
                fields.add(field);
                texts.add(Messages.REPORT_TOO_LONG.format(lang, label(field).in(lang), max));
            } else if (refused != null) {
                fields.add(field);
                texts.add(switch (refused.reason()) {
                    case TRACKING -> Messages.REPORT_SELLER_TRACKING.format(lang, String.join(", ", refused.parameters()));
                    case PHONE -> Messages.REPORT_SELLER_PHONE.in(lang);
                    case EMAIL -> Messages.REPORT_SELLER_EMAIL.in(lang);
                });
            } else {
                empty = true;
            }
        }
        if (empty) {
            fields.addAll(List.of("place", "seller", "comment"));
            texts.add(Messages.REPORT_EMPTY.in(lang));
        }
        return new ReportProblems(Set.copyOf(fields), List.copyOf(texts));
    }

    private static SellerName.Refused refusal(String seller) {
        return seller != null && !seller.isBlank() && SellerName.of(seller) instanceof SellerName.Refused refused
                ? refused : null;
    }

    private static int max(String field) {
        return switch (field) {
            case "place" -> ReportForm.MAX_PLACE;
            case "seller" -> ReportForm.MAX_SELLER;
            case "comment" -> ReportForm.MAX_COMMENT;
            default -> 0;
        };
    }

    private static String value(ReportForm.Values values, String field) {
        return switch (field) {
            case "place" -> values.place();
            case "seller" -> values.seller();
            case "comment" -> values.comment();
            default -> null;
        };
    }

    private static Messages label(String field) {
        return switch (field) {
            case "place" -> Messages.REPORT_PLACE_SHORT;
            case "seller" -> Messages.REPORT_SELLER;
            default -> Messages.REPORT_COMMENT_SHORT;
        };
    }
}
