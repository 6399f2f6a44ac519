package nn.explain;

/**
 * How numbers are written: the session's display format at its precision (passed in, so this package does not
 * depend on the interpreter). Text uses the typographic minus sign; LaTeX turns 1.2e-7 into 1.2 \cdot 10^{-7}.
 */
public record Notation(int precision, Decimals decimals) {

    /** The display format: {@code v} rounded to {@code places} decimals, trailing zeros dropped (0.29, -1.1, 0). */
    @FunctionalInterface
    public interface Decimals {
        String format(double v, int places);
    }

    /** As the session shows it (ASCII hyphen-minus). */
    public String plain(double v) { return decimals.format(v, precision); }

    /** For text formulas: −0.34. */
    public String text(double v) { return plain(v).replace('-', '\u2212'); }

    /** Four more decimals than displayed, for "the exact value is …". */
    public String exact(double v) { return decimals.format(v, precision + 4).replace('-', '\u2212'); }

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
