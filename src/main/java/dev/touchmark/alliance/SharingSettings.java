package dev.touchmark.alliance;

import java.util.Map;

/**
 * The answer to GET and PUT /api/v1/alliances/{id}/sharing: the brand's level per signal class, and for each class how
 * many members share it (a number only, never which brands) and whether the anonymity floor is met.
 */
public record SharingSettings(long allianceId, int anonymityFloor, Map<String, ClassSharing> classes) {

    /** One class: this brand's level, how many current members share the class, whether that reaches the floor. */
    public record ClassSharing(String level, int sharingMembers, boolean anonymityFloorMet) {
    }
}
