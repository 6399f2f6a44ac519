package nn.explain;

/**
 * How much room a text takes in a drawing, estimated without a font: per character, a little more than DejaVu Sans
 * (the widest of the usual sans-serif fonts, and what rsvg and Java fall back to) gives it. Layouts place text by
 * these boxes, so the estimate errs on the wide side: a box too wide costs a little space, one too narrow an
 * overlap.
 */
public final class TextSize {
    private TextSize() { }

    /** The height of a line of text, in font sizes (ascenders to descenders). */
    public static final double LINE = 1.2;
    /** How far below the middle of the line its baseline lies, in font sizes: text is placed by its middle. */
    public static final double BASELINE = 0.36;

    /** The width of {@code s} at font size {@code size}: the room a layout keeps for it. */
    public static double width(String s, double size, boolean bold) {
        // never less than 0.7 em a character: what a reader's font may need where it is not DejaVu
        return Math.max(ink(s, size, bold), 0.7 * s.codePointCount(0, s.length()) * size * (bold ? 1.15 : 1));
    }

    /** The width of the letters themselves (a little more than DejaVu Sans draws): what a text's white ground covers. */
    public static double ink(String s, double size, boolean bold) {
        double em = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            em += em(cp);
        }
        return em * size * (bold ? 1.15 : 1);
    }

    private static double em(int c) {
        if ("il.,:;'|!()[]{} ".indexOf(c) >= 0) return 0.45;
        if ("mwMW=+−×÷…⋮⋯±≈→←∑Σ≤≥%@&".indexOf(c) >= 0) return 1.05;
        if (c >= 'A' && c <= 'Z') return 0.85;
        if (c < 128) return 0.7;
        return 0.9; // Greek and symbols: ∂ σ μ ·
    }
}
