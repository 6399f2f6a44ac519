package nn.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Formulas as LaTeX, as the reference document typesets them: \frac{\partial E}{\partial w_{100}} = 0.526 \cdot
 * 0.249 \cdot 0.29 = 0.038. Used by the Markdown ($$ … $$) and the LaTeX documents.
 */
public final class TexMath extends MathWriter {
    /** Sums with more terms than this are broken over rows of an aligned block. */
    static final int TERMS_PER_ROW = 4;
    /** A chain of more sides than this puts each side on its own row. */
    static final int SIDES_PER_ROW = 3;

    public TexMath(Notation n) { super(n); }

    @Override
    String parens(String inner) { return "\\left(" + inner + "\\right)"; }

    @Override
    String minus() { return "-"; }

    @Override
    public String render(Expr e) {
        if (e instanceof Expr.Sym s) return s.tex();
        if (e instanceof Expr.Num x) return n.tex(x.value());
        if (e instanceof Expr.Raw r) return r.tex();
        if (e instanceof Expr.Prod p) return factors(p.factors(), " \\cdot ");
        if (e instanceof Expr.Juxt j) return factors(j.factors(), " ");
        if (e instanceof Expr.Sum s) return String.join("", terms(s));
        if (e instanceof Expr.Diff d) return render(d.left()) + " " + minus() + " " + operand(d.right());
        if (e instanceof Expr.Neg g) return minus() + operand(g.inner());
        if (e instanceof Expr.Frac f) return "\\frac{" + render(f.num()) + "}{" + render(f.den()) + "}";
        if (e instanceof Expr.Partial p) {
            String of = p.of() instanceof Expr.Sym || p.of() instanceof Expr.Call ? render(p.of()) : parens(render(p.of()));
            return "\\frac{\\partial " + of + "}{\\partial " + render(p.wrt()) + "}";
        }
        if (e instanceof Expr.Call c) return c.tex() + parens(joined(c.args(), ", "));
        if (e instanceof Expr.Pow p) return "{" + powerBase(p.base()) + "}^{" + p.exponent() + "}";
        if (e instanceof Expr.Exp x) return "e^{" + render(x.exponent()) + "}";
        if (e instanceof Expr.Paren p) return parens(render(p.inner()));
        if (e instanceof Expr.Vec v) return "\\begin{bmatrix} " + joined(v.items(), " \\\\ ") + " \\end{bmatrix}";
        Expr.Mat m = (Expr.Mat) e;
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < m.rows(); r++) rows.add(joined(m.items().subList(r * m.cols(), (r + 1) * m.cols()), " & "));
        return "\\begin{bmatrix} " + String.join(" \\\\ ", rows) + " \\end{bmatrix}";
    }

    private List<String> terms(Expr.Sum s) { return signedTerms(s, this::render); }

    /** The rows of an aligned block (without the environment): {@code left &= a = b \\}. */
    public String alignedRows(List<Equation> lines) {
        List<String> rows = new ArrayList<>();
        for (Equation q : lines) {
            String head = render(q.sides().get(0));
            String note = q.note() == null ? "" : " \\qquad " + note(q.note());
            if (q.sides().size() == 1) {
                rows.add(head + note);
                continue;
            }
            List<Expr> rest = q.sides().subList(1, q.sides().size());
            boolean split = rest.size() > SIDES_PER_ROW || rest.stream().anyMatch(s -> s instanceof Expr.Sum sum && sum.terms().size() > TERMS_PER_ROW);
            if (!split) {
                rows.add(head + " &= " + inline(new Equation(rest)) + note);
                continue;
            }
            for (int i = 0; i < rest.size(); i++) {
                String prefix = i == 0 ? head + " &= " : "&= ";
                Expr side = rest.get(i);
                if (side instanceof Expr.Sum sum && sum.terms().size() > TERMS_PER_ROW) {
                    List<String> t = terms(sum);
                    StringBuilder row = new StringBuilder(prefix);
                    for (int k = 0; k < t.size(); k++) {
                        if (k > 0 && k % TERMS_PER_ROW == 0) {
                            rows.add(row.toString());
                            row = new StringBuilder("&\\quad ");
                        }
                        row.append(t.get(k));
                    }
                    rows.add(row.toString());
                } else {
                    rows.add(prefix + render(side));
                }
            }
            if (!note.isEmpty()) rows.set(rows.size() - 1, rows.get(rows.size() - 1) + note);
        }
        return String.join(" \\\\\n", rows);
    }

    /** A remark inside math: words in \\text{…}, formulas as they are. */
    String note(Part.Prose p) {
        StringBuilder b = new StringBuilder();
        for (Object o : p.pieces()) {
            if (o instanceof Expr e) b.append(render(e));
            else if (o instanceof Equation q) b.append(inline(q));
            else b.append("\\text{").append(escape(o.toString())).append('}');
        }
        return b.toString();
    }

    /** A sentence with inline math ($…$), words escaped for LaTeX. */
    public String prose(Part.Prose p) {
        StringBuilder b = new StringBuilder();
        for (Object o : p.pieces()) {
            if (o instanceof Expr e) b.append('$').append(render(e)).append('$');
            else if (o instanceof Equation q) b.append('$').append(inline(q)).append('$');
            else b.append(escape(o.toString()));
        }
        return b.toString();
    }

    /** Words as LaTeX text: special characters escaped, the few Unicode symbols prose uses spelt out. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\textbackslash{}");
                case '{', '}', '$', '&', '#', '%', '_' -> b.append('\\').append(c);
                case '^' -> b.append("\\^{}");
                case '~' -> b.append("\\~{}");
                case '\u2212' -> b.append('-');
                case '\u2014' -> b.append("---");
                case '\u2013' -> b.append("--");
                case '\u2192' -> b.append("$\\rightarrow$");
                case '<' -> b.append("$<$");
                case '>' -> b.append("$>$");
                case '\u2264' -> b.append("$\\le$");
                case '\u2265' -> b.append("$\\ge$");
                case '\u00b7' -> b.append("$\\cdot$");
                case '\u03c3' -> b.append("$\\sigma$");
                case '\u03bc' -> b.append("$\\mu$");
                case '\u2202' -> b.append("$\\partial$");
                case '\u00bd' -> b.append("$\\frac{1}{2}$");
                case '\u2248' -> b.append("$\\approx$");
                case '\u2026' -> b.append("\\ldots{}");
                case '\u00d7' -> b.append("$\\times$");
                default -> b.append(c < 128 ? String.valueOf(c) : "?");
            }
        }
        return b.toString();
    }
}
