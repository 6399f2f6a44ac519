package nn.explain;

/**
 * How numbers are written: the session's display format at its precision (passed in, so this package does not
 * depend on the interpreter). Text uses the typographic minus sign where Unicode output is chosen ({@code unicode})
 * and the hyphen-minus otherwise, in every formula, picture and chart alike; LaTeX turns 1.2e-7 into 1.2 \cdot 10^{-7}.
 */
public record Notation(int precision, Decimals decimals, boolean unicode, boolean typographicMinus) {

    /** Unicode output: what files (SVG, Markdown) and UTF-8 terminals get. */
    public Notation(int precision, Decimals decimals) { this(precision, decimals, true); }

    /** Numbers with the typographic minus exactly where the output is Unicode. */
    public Notation(int precision, Decimals decimals, boolean unicode) { this(precision, decimals, unicode, unicode); }

    /** The same numbers for output that is (or is not) Unicode. */
    public Notation unicode(boolean u) { return u == unicode && u == typographicMinus ? this : new Notation(precision, decimals, u); }

    /**
     * Numbers written as values, the way {@code show} writes them (-1.2, copied and pasted into any language), with
     * the symbols still Unicode where the output is: the terminal's pictures, charts and listings, so that a weight
     * reads the same in {@code draw} as in {@code show}. Formulas (explain, documents, SVG) keep the typographic minus.
     */
    public Notation valuesAsShown() { return typographicMinus ? new Notation(precision, decimals, unicode, false) : this; }

    /** The display format: {@code v} rounded to {@code places} decimals, trailing zeros dropped (0.29, -1.1, 0). */
    @FunctionalInterface
    public interface Decimals {
        String format(double v, int places);
    }

    /** As the session shows it (ASCII hyphen-minus). */
    public String plain(double v) { return decimals.format(v, precision); }

    /** For text formulas: −0.34 (-0.34 where the output is not Unicode). */
    public String text(double v) { return minus(plain(v)); }

    /** Four more decimals than displayed, for "the exact value is …". */
    public String exact(double v) { return minus(decimals.format(v, precision + 4)); }

    /** A number already written with hyphen-minus signs, with the minus sign this output uses. */
    public String minus(String s) { return typographicMinus ? s.replace('-', '\u2212') : s; }

    /** The Unicode symbol where the output is Unicode, its ASCII spelling otherwise: symbol("∂", "d"). */
    public String symbol(String unicodeSymbol, String ascii) { return unicode ? unicodeSymbol : ascii; }

    /** "∂E/∂" + name (or "dE/d" + name): the gradient of the loss with respect to name. */
    public String gradient(String name) { return symbol("∂E/∂", "dE/d") + name; }

    /** For LaTeX: -0.34, 1.2 \cdot 10^{-7}. */
    public String tex(double v) {
        String s = plain(v);
        int e = s.indexOf('e');
        if (e < 0) return s;
        return s.substring(0, e) + " \\cdot 10^{" + s.substring(e + 1) + "}";
    }

    /** The number as displayed, read back: what a learner copying the shown digits works with. */
    public double shown(double v) {
        try {
            return Double.parseDouble(plain(v));
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** True when v is shown with a leading minus (−0.0 and values that round to "0" are not). */
    public boolean negative(double v) { return v < 0 && plain(v).startsWith("-"); }
}
