package dev.touchmark.alliance;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * What an alliance's members shared in one month, as anyone reading the alliance's report may see it: the same rules
 * as the live intelligence (classes not shared leave nothing, anonymous members are counted, never named, and only
 * while at least 3 members share the class), applied with the members' settings when the report is made.
 *
 * @param to       the day after the last day covered (the month's end, or tomorrow for the month in progress)
 * @param sharing  per class, how many members share it and how many of them by name
 * @param items    per class, the items of the month, most widely seen first
 * @param matches  how many times in the month a member's own signal matched what others shared
 */
public record AllianceMonth(Alliance alliance, YearMonth month, LocalDate to,
                            Map<SignalClass, Sharing> sharing, Map<SignalClass, List<IntelItem>> items, int matches,
                            OffsetDateTime generatedAt) {
    /** Current members. */
    public int members() {
        return alliance.members();
    }

    /** How a class is shared in the alliance. */
    public record Sharing(int members, int named, boolean floorMet) {
    }
}
