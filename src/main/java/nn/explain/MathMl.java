package nn.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Formulas as MathML, which browsers typeset natively (the live view's derivations): the same {@link Expr} trees and
 * {@link Part}s that {@link TextMath} writes for the terminal and {@link TexMath} for documents, so a click shows
 * exactly what `explain` prints. Names keep the subscripts their TeX spelling gives them (w_{100} is w with 100
 * below), read by a small reader of the few TeX forms nn's names and symbols use ({@link #tex}).
 */
public final class MathMl extends MathWriter {

    public MathMl(Notation n) { super(n); }

    @Override
    String parens(String inner) { return "<mrow><mo>(</mo>" + inner + "<mo>)</mo></mrow>"; }

    @Override
    String minus() { return "<mo>\u2212</mo>"; }

    @Override
    public String render(Expr e) {
        if (e instanceof Expr.Sym s) return tex(s.tex().isEmpty() ? s.text() : s.tex());
        if (e instanceof Expr.Num x) return number(x.value());
        if (e instanceof Expr.Raw r) return tex(r.tex());
        if (e instanceof Expr.Prod p) return row(factorsJoined(p.factors(), "<mo>\u00b7</mo>"));
        if (e instanceof Expr.Juxt j) return row(factorsJoined(j.factors(), "<mo>\u2062</mo>"));
        if (e instanceof Expr.Sum s) return row(terms(s));
        if (e instanceof Expr.Diff d) return row(render(d.left()) + minus() + operand(d.right()));
        if (e instanceof Expr.Neg g) return row(minus() + operand(g.inner()));
        if (e instanceof Expr.Frac f) return "<mfrac>" + row(render(f.num())) + row(render(f.den())) + "</mfrac>";
        if (e instanceof Expr.Partial p) {
            String of = p.of() instanceof Expr.Sym || p.of() instanceof Expr.Call ? render(p.of()) : parens(render(p.of()));
            return "<mfrac><mrow><mo>\u2202</mo>" + of + "</mrow><mrow><mo>\u2202</mo>" + render(p.wrt()) + "</mrow></mfrac>";
        }
        if (e instanceof Expr.Call c) {
            if (c.text().equals("\u221a") && c.args().size() == 1) return "<msqrt>" + render(c.args().get(0)) + "</msqrt>";
            String name = c.tex().isEmpty() ? "<mi>" + esc(c.text()) + "</mi>" : tex(c.tex());
            List<String> args = new ArrayList<>();
            for (Expr a : c.args()) args.add(render(a));
            return row(name + "<mo>\u2061</mo>" + parens(String.join("<mo separator=\"true\">,</mo>", args)));
        }
        if (e instanceof Expr.Pow p) return "<msup>" + row(powerBase(p.base())) + row(tex(p.exponent())) + "</msup>";
        if (e instanceof Expr.Exp x) return "<msup><mi>e</mi>" + row(render(x.exponent())) + "</msup>";
        if (e instanceof Expr.Paren p) return parens(render(p.inner()));
        if (e instanceof Expr.Vec v) {
            StringBuilder b = new StringBuilder("<mrow><mo>[</mo><mtable>");
            for (Expr item : v.items()) b.append("<mtr><mtd>").append(render(item)).append("</mtd></mtr>");
            return b.append("</mtable><mo>]</mo></mrow>").toString();
        }
        Expr.Mat m = (Expr.Mat) e;
        StringBuilder b = new StringBuilder("<mrow><mo>[</mo><mtable>");
        for (int r = 0; r < m.rows(); r++) {
            b.append("<mtr>");
            for (int c = 0; c < m.cols(); c++) b.append("<mtd>").append(render(m.items().get(r * m.cols() + c))).append("</mtd>");
            b.append("</mtr>");
        }
        return b.append("</mtable><mo>]</mo></mrow>").toString();
    }

    private String factorsJoined(List<Expr> factors, String separator) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) parts.add(factor(factors.get(i), i == 0));
        return String.join(separator, parts);
    }

    private String terms(Expr.Sum s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.terms().size(); i++) {
            Expr t = s.terms().get(i);
            if (i == 0) b.append(render(t));
            else if (Signs.startsNegative(t, n)) b.append(minus()).append(render(Signs.abs(t)));
            else b.append("<mo>+</mo>").append(render(t));
        }
        return b.toString();
    }

    /** A number as shown at the session's precision; 1.2e-07 as 1.2 · 10⁻⁷. */
    private String number(double v) {
        String s = n.plain(v);
        boolean negative = s.startsWith("-");
        if (negative) s = s.substring(1);
        int e = s.indexOf('e');
        String body = e < 0 ? "<mn>" + esc(s) + "</mn>"
                : "<mrow><mn>" + esc(s.substring(0, e)) + "</mn><mo>\u00b7</mo><msup><mn>10</mn><mn>" + esc(s.substring(e + 1).replace('-', '\u2212')) + "</mn></msup></mrow>";
        return negative ? "<mrow><mo>\u2212</mo>" + body + "</mrow>" : body;
    }

    private static String row(String inner) { return "<mrow>" + inner + "</mrow>"; }

    /** An equation as one line of MathML: a = b = c, with its remark after it. */
    public String equation(Equation q) {
        List<String> sides = new ArrayList<>();
        for (Expr e : q.sides()) sides.add(render(e));
        return row(String.join("<mo>=</mo>", sides));
    }

    /**
     * Parts as HTML with MathML: a heading as {@code <h4>}, a sentence as {@code <p>} with its formulas inline, a group
     * of equations as one displayed table aligned on the first '=' (left side right-aligned, the rest left-aligned).
     */
    public String html(List<Part> parts) {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Part.Heading h) b.append("<h4>").append(esc(h.text())).append("</h4>\n");
            else if (p instanceof Part.Prose s) b.append("<p>").append(prose(s)).append("</p>\n");
            else b.append(equations(((Part.Equations) p).lines())).append('\n');
        }
        return b.toString();
    }

    /** Equations as a displayed table: one row each, the left side, '=', and the rest of the chain; remarks in a third column. */
    public String equations(List<Equation> lines) {
        StringBuilder b = new StringBuilder("<div class=\"eqs\"><math display=\"block\" class=\"eqs\"><mtable>");
        for (Equation q : lines) {
            b.append("<mtr><mtd class=\"lhs\">").append(render(q.sides().get(0))).append("</mtd><mtd class=\"rhs\">");
            if (q.sides().size() > 1) {
                List<String> rest = new ArrayList<>();
                for (Expr e : q.sides().subList(1, q.sides().size())) rest.add(render(e));
                b.append("<mrow><mo>=</mo>").append(String.join("<mo>=</mo>", rest)).append("</mrow>");
            }
            b.append("</mtd><mtd class=\"note\">");
            if (q.note() != null) b.append("<mtext>\u2003</mtext>").append(noteMath(q.note()));
            b.append("</mtd></mtr>");
        }
        return b.append("</mtable></math></div>").toString();
    }

    /** A remark inside math: words as mtext, formulas as they are. */
    private String noteMath(Part.Prose p) {
        StringBuilder b = new StringBuilder("<mrow>");
        for (Object o : p.pieces()) {
            if (o instanceof Expr e) b.append(render(e));
            else if (o instanceof Equation q) b.append(equation(q));
            else b.append("<mtext>").append(esc(o.toString())).append("</mtext>");
        }
        return b.append("</mrow>").toString();
    }

    /** A sentence: its words as HTML, its formulas as inline math. */
    public String prose(Part.Prose p) {
        StringBuilder b = new StringBuilder();
        for (Object o : p.pieces()) {
            if (o instanceof Expr e) b.append("<math>").append(render(e)).append("</math>");
            else if (o instanceof Equation q) b.append("<math>").append(equation(q)).append("</math>");
            else b.append(code(esc(o.toString())));
        }
        return b.toString();
    }

    /** `statement` in prose (a hint to type something) as code. */
    private static String code(String s) {
        StringBuilder b = new StringBuilder();
        boolean open = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '`') {
                b.append(open ? "</code>" : "<code>");
                open = !open;
            } else {
                b.append(c);
            }
        }
        if (open) b.append("</code>");
        return b.toString();
    }

    /** Text for XML: &amp;, &lt;, &gt; and quotes escaped. */
    public static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    // ---- the TeX of names and symbols, as MathML ----

    /** The few TeX forms nn's names and symbols are written in (w_{100}, h_{\text{pre},0}, {w_{100}}^*, \hat{m}, \sum_r, \frac{1}{2}), as MathML. */
    static String tex(String tex) { return new TexReader(tex).sequence(false); }

    private static final class TexReader {
        private final String s;
        private int i;

        TexReader(String s) { this.s = s; }

        /** Atoms up to the end, or to the closing brace when {@code group}. */
        String sequence(boolean group) {
            StringBuilder b = new StringBuilder();
            int count = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '}' && group) {
                    i++;
                    break;
                }
                if (c == '}') {
                    i++;
                    continue;
                }
                String atom = scripted();
                if (atom != null) {
                    b.append(atom);
                    count++;
                }
            }
            return count == 1 ? b.toString() : "<mrow>" + b + "</mrow>";
        }

        /** An atom with its subscript and superscript. */
        private String scripted() {
            String base = atom();
            if (base == null) return null;
            String sub = null;
            String sup = null;
            while (i < s.length() && (s.charAt(i) == '_' || s.charAt(i) == '^')) {
                char c = s.charAt(i++);
                String arg = argument();
                if (c == '_') sub = arg;
                else sup = arg;
            }
            if (sub != null && sup != null) return "<msubsup>" + base + sub + sup + "</msubsup>";
            if (sub != null) return "<msub>" + base + sub + "</msub>";
            if (sup != null) return "<msup>" + base + sup + "</msup>";
            return base;
        }

        private String argument() {
            skipSpaces();
            if (i >= s.length()) return "<mrow></mrow>";
            if (s.charAt(i) == '{') {
                i++;
                return sequence(true);
            }
            String a = atom();
            return a == null ? "<mrow></mrow>" : a;
        }

        private void skipSpaces() { while (i < s.length() && s.charAt(i) == ' ') i++; }

        private String braced() {
            skipSpaces();
            if (i < s.length() && s.charAt(i) == '{') {
                int depth = 0;
                int start = i + 1;
                for (; i < s.length(); i++) {
                    if (s.charAt(i) == '{') depth++;
                    else if (s.charAt(i) == '}' && --depth == 0) break;
                }
                String out = s.substring(start, Math.min(i, s.length()));
                i = Math.min(i + 1, s.length());
                return out;
            }
            return "";
        }

        /** One atom, or null for what takes no room (a space, \,). */
        private String atom() {
            char c = s.charAt(i);
            if (c == ' ') {
                i++;
                return null;
            }
            if (c == '{') {
                i++;
                return sequence(true);
            }
            if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                int start = i;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
                return "<mn>" + s.substring(start, i) + "</mn>";
            }
            if (Character.isLetter(c)) {
                int start = i;
                while (i < s.length() && Character.isLetter(s.charAt(i)) && s.charAt(i) < 128) i++;
                if (i == start) i++;
                return "<mi>" + esc(s.substring(start, i)) + "</mi>";
            }
            if (c == '\\') return command();
            i++;
            if (c == '*') return "<mo>*</mo>";
            return "<mo>" + esc(String.valueOf(c)) + "</mo>";
        }

        private String command() {
            int start = ++i;
            if (i < s.length() && !Character.isLetter(s.charAt(i))) {
                char c = s.charAt(i++);
                return c == ',' || c == ';' || c == ' ' ? null : c == '_' ? "<mi>_</mi>" : "<mo>" + esc(String.valueOf(c)) + "</mo>";
            }
            while (i < s.length() && Character.isLetter(s.charAt(i))) i++;
            String name = s.substring(start, i);
            switch (name) {
                case "text", "mathrm", "textrm" -> {
                    return "<mtext>" + esc(braced().replace("\\_", "_").replace("\\", "")) + "</mtext>";
                }
                case "operatorname" -> {
                    return "<mi mathvariant=\"normal\">" + esc(braced()) + "</mi>";
                }
                case "frac" -> {
                    String num = argument();
                    String den = argument();
                    return "<mfrac>" + num + den + "</mfrac>";
                }
                case "sqrt" -> {
                    return "<msqrt>" + argument() + "</msqrt>";
                }
                case "hat" -> {
                    return "<mover accent=\"true\">" + argument() + "<mo>^</mo></mover>";
                }
                case "left", "right" -> {
                    skipSpaces();
                    if (i >= s.length()) return null;
                    char d = s.charAt(i++);
                    return d == '.' ? null : "<mo>" + esc(String.valueOf(d)) + "</mo>";
                }
                case "quad", "qquad" -> {
                    return "<mspace width=\"1em\"/>";
                }
                default -> {
                    String symbol = SYMBOLS.get(name);
                    if (symbol != null) return symbol;
                    return "<mi mathvariant=\"normal\">" + esc(name) + "</mi>";
                }
            }
        }
    }

    private static final java.util.Map<String, String> SYMBOLS = java.util.Map.ofEntries(
            java.util.Map.entry("sigma", "<mi>\u03c3</mi>"), java.util.Map.entry("mu", "<mi>\u03bc</mi>"),
            java.util.Map.entry("beta", "<mi>\u03b2</mi>"), java.util.Map.entry("varepsilon", "<mi>\u03b5</mi>"),
            java.util.Map.entry("epsilon", "<mi>\u03f5</mi>"), java.util.Map.entry("eta", "<mi>\u03b7</mi>"),
            java.util.Map.entry("lambda", "<mi>\u03bb</mi>"), java.util.Map.entry("alpha", "<mi>\u03b1</mi>"),
            java.util.Map.entry("partial", "<mo>\u2202</mo>"), java.util.Map.entry("cdot", "<mo>\u00b7</mo>"),
            java.util.Map.entry("times", "<mo>\u00d7</mo>"), java.util.Map.entry("sum", "<mo>\u2211</mo>"),
            java.util.Map.entry("cdots", "<mo>\u22ef</mo>"), java.util.Map.entry("dots", "<mo>\u2026</mo>"),
            java.util.Map.entry("ldots", "<mo>\u2026</mo>"), java.util.Map.entry("le", "<mo>\u2264</mo>"),
            java.util.Map.entry("ge", "<mo>\u2265</mo>"), java.util.Map.entry("approx", "<mo>\u2248</mo>"),
            java.util.Map.entry("rightarrow", "<mo>\u2192</mo>"), java.util.Map.entry("to", "<mo>\u2192</mo>"),
            java.util.Map.entry("tanh", "<mi>tanh</mi>"), java.util.Map.entry("log", "<mi>log</mi>"),
            java.util.Map.entry("ln", "<mi>ln</mi>"), java.util.Map.entry("max", "<mi>max</mi>"),
            java.util.Map.entry("exp", "<mi>exp</mi>"), java.util.Map.entry("odot", "<mo>\u2299</mo>"));
}
