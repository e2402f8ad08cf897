package dev.touchmark.alliance;

import java.util.List;

/** The answer to GET /api/v1/alliances: the brand's alliances and its open invitations. */
public record BrandAlliances(List<BrandAlliance> alliances) {
}
