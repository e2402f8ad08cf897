package dev.touchmark.shopper;

/**
 * The colour and icon of a verdict. Each tone has a text colour (fg) on a tinted background (bg) and an
 * accent for borders and the icon, in a light and a dark palette; PageStyleTest checks their contrast.
 */
enum Tone {
    GREEN("#0b3d1f", "#e7f5ec", "#1b7f3b", "#bdf0cf", "#0f2a1a", "#4ade80",
            "<path class=\"k\" d=\"M6.5 12.5l3.5 3.5 7.5-8\"/>"),
    BLUE("#0c2d57", "#e6effb", "#1d5fbf", "#c6dcfb", "#0f213d", "#7fb0ff",
            "<path class=\"k\" d=\"M12 7.5v.01M12 11v6\"/>"),
    ORANGE("#5a2a00", "#fff1e0", "#b45309", "#ffd9a8", "#33200a", "#fb923c",
            "<path class=\"k\" d=\"M12 7v6M12 16.5v.01\"/>"),
    RED("#6b0f0f", "#fde8e8", "#b91c1c", "#ffc9c9", "#3a1212", "#f87171",
            "<path class=\"k\" d=\"M8 8l8 8M16 8l-8 8\"/>");

    final String lightFg;
    final String lightBg;
    final String lightAccent;
    final String darkFg;
    final String darkBg;
    final String darkAccent;
    private final String mark;

    Tone(String lightFg, String lightBg, String lightAccent, String darkFg, String darkBg, String darkAccent,
            String mark) {
        this.lightFg = lightFg;
        this.lightBg = lightBg;
        this.lightAccent = lightAccent;
        this.darkFg = darkFg;
        this.darkBg = darkBg;
        this.darkAccent = darkAccent;
        this.mark = mark;
    }

    /** The CSS class on the body, e.g. "tone-green". */
    String cssClass() {
        return "tone-" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A decorative icon: a filled accent disc (a triangle for ORANGE) with a mark; the words carry the meaning. */
    String icon() {
        String shape = this == ORANGE
                ? "<path class=\"c\" d=\"M12 1.5L.8 21.5h22.4z\"/>"
                : "<circle class=\"c\" cx=\"12\" cy=\"12\" r=\"11.5\"/>";
        return "<svg class=\"icon\" viewBox=\"0 0 24 24\" width=\"44\" height=\"44\" aria-hidden=\"true\" "
                + "focusable=\"false\">" + shape + mark + "</svg>";
    }

    /** The CSS custom properties of this tone for one palette. */
    String cssVariables(boolean dark) {
        return "." + cssClass() + "{--tfg:" + (dark ? darkFg : lightFg) + ";--tbg:" + (dark ? darkBg : lightBg)
                + ";--accent:" + (dark ? darkAccent : lightAccent) + "}";
    }
}
