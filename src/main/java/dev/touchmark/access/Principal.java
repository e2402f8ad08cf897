package dev.touchmark.access;

/** Who is calling: a brand, through one of its API keys, a signed-in user, or the command line; with a role. */
public record Principal(long brandId, String actor, Role role) {
    /** The brand's own administrator (the command line, and tests). */
    public Principal(long brandId, String actor) {
        this(brandId, actor, Role.ADMIN);
    }
}
