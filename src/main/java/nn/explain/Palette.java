package nn.explain;

import java.util.Locale;

/**
 * The colours the drawings share: blue for positive and orange-red for negative numbers (as TensorFlow
 * Playground draws weights), lighter for lines and fills, darker for text so that it reads on white.
 */
final class Palette {
    private Palette() { }

    static final String POSITIVE_LINE = "#5b9bd5";
    static final String NEGATIVE_LINE = "#ee8a4a";
    static final String ZERO_LINE = "#c4c4c4";
    static final String POSITIVE_TEXT = "#1f5f9e";
    static final String NEGATIVE_TEXT = "#b9471a";
    static final String ZERO_TEXT = "#6b6b6b";
    static final String INK = "#222222";
    static final String GREY = "#666666";
    static final String RULE = "#444444";
    static final String GRID = "#e3e3e3";
    static final String NO_VALUE = "#f2f2f2";
    /** Chart curves, in order: blue, orange, green, red, purple. */
    static final String[] SERIES = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};

    static String line(double v) { return v > 0 ? POSITIVE_LINE : v < 0 ? NEGATIVE_LINE : ZERO_LINE; }

    static String text(double v) { return v > 0 ? POSITIVE_TEXT : v < 0 ? NEGATIVE_TEXT : ZERO_TEXT; }

    /** A node's fill: white tinted towards the sign's colour by {@code strength} (0 to 1); grey when there is no value. */
    static String fill(double v, double strength) {
        if (Double.isNaN(v)) return NO_VALUE;
        int base = v >= 0 ? 0x5b9bd5 : 0xee8a4a;
        double t = 0.12 + 0.5 * Math.max(0, Math.min(1, strength));
        if (v == 0) t = 0.06;
        int r = mix(0xff, base >> 16 & 0xff, t);
        int g = mix(0xff, base >> 8 & 0xff, t);
        int b = mix(0xff, base & 0xff, t);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static int mix(int a, int b, double t) { return (int) Math.round(a + (b - a) * t); }
}
