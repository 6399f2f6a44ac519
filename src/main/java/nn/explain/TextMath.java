package nn.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Formulas as Unicode text for the terminal: ∂E/∂w100 = 0.526 · 0.249 · 0.29 = 0.038. (nn.text.Style spells the
 * symbols in ASCII where the terminal is not UTF-8.) Groups of equations are aligned on their first '=' and long
 * chains continue on the next line under it, as on a board.
 */
public final class TextMath extends MathWriter {
    /** Lines longer than this are broken at '=' (and long sums at their terms). */
    static final int WIDTH = 110;

    public TextMath(Notation n) { super(n); }

    @Override
    String parens(String inner) { return "(" + inner + ")"; }

    @Override
    String minus() { return "−"; }

    @Override
    public String render(Expr e) {
        if (e instanceof Expr.Sym s) return s.text();
        if (e instanceof Expr.Num x) return n.text(x.value());
        if (e instanceof Expr.Raw r) return r.text();
        if (e instanceof Expr.Prod p) return factors(p.factors(), " · ");
        if (e instanceof Expr.Juxt j) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < j.factors().size(); i++) {
                Expr f = j.factors().get(i);
                String s = factor(f, i == 0);
                // a space between two names or numbers (W0 x), none before a bracket: 0.526(1 − 0.526)
                if (i > 0 && !s.startsWith("(") && !b.toString().endsWith(")")) b.append(' ');
                b.append(s);
            }
            return b.toString();
        }
        if (e instanceof Expr.Sum s) return String.join("", sumTerms(s));
        if (e instanceof Expr.Diff d) return render(d.left()) + " " + minus() + " " + operand(d.right());
        if (e instanceof Expr.Neg g) return minus() + operand(g.inner());
        if (e instanceof Expr.Frac f) return group(f.num()) + "/" + group(f.den());
        if (e instanceof Expr.Partial p) return "∂" + group(p.of()) + "/∂" + group(p.wrt());
        if (e instanceof Expr.Call c) return c.text() + parens(joined(c.args(), ", "));
        if (e instanceof Expr.Pow p) return powerBase(p.base()) + (p.exponent().equals("2") ? "²" : "^" + p.exponent());
        if (e instanceof Expr.Exp x) return "e^" + parens(render(x.exponent()));
        if (e instanceof Expr.Paren p) return parens(render(p.inner()));
        if (e instanceof Expr.Vec v) return "[" + joined(v.items(), ", ") + "]";
        Expr.Mat m = (Expr.Mat) e;
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < m.rows(); r++) rows.add("[" + joined(m.items().subList(r * m.cols(), (r + 1) * m.cols()), ", ") + "]");
        return "[" + String.join(", ", rows) + "]";
    }

    /** A term of a sum: products written tight (w000·x0 + w001·x1) so the terms stand apart. */
    private String term(Expr t, boolean tight) {
        return tight && t instanceof Expr.Prod p ? factors(p.factors(), "·") : render(t);
    }

    /** The terms of a sum with their signs: "a", " + b", " − c"; products written tight when there are several terms. */
    List<String> sumTerms(Expr.Sum s) {
        boolean tight = s.terms().size() > 1;
        return signedTerms(s, t -> term(t, tight));
    }

    /** Parentheses around anything but a symbol or a plain number, for / and ∂. */
    private String group(Expr f) {
        if (f instanceof Expr.Sym || f instanceof Expr.Raw || f instanceof Expr.Paren || f instanceof Expr.Call
                || (f instanceof Expr.Num x && !n.negative(x.value()))) return render(f);
        return parens(render(f));
    }

    // ---- layout ----

    /** Renders parts as lines of text. */
    public String render(List<Part> parts) {
        StringBuilder b = new StringBuilder();
        Part previous = null;
        for (Part p : parts) {
            if (b.length() > 0) b.append('\n');
            // a blank line between steps, as on a board; a title ending in ':' stays with what it introduces
            if (previous != null && !(previous instanceof Part.Prose pr && prose(pr).endsWith(":"))) b.append('\n');
            previous = p;
            if (p instanceof Part.Heading h) b.append(h.text());
            else if (p instanceof Part.Prose s) b.append(prose(s));
            else b.append(equations(((Part.Equations) p).lines()));
        }
        return b.toString();
    }

    public String prose(Part.Prose s) {
        StringBuilder b = new StringBuilder();
        for (Object o : s.pieces()) {
            if (o instanceof Expr e) b.append(render(e));
            else if (o instanceof Equation q) b.append(inline(q));
            else b.append(o);
        }
        return b.toString();
    }

    /** Equations aligned on their first '='; a chain too long for one line continues under its '='. */
    public String equations(List<Equation> lines) {
        int left = 0;
        for (Equation q : lines) if (q.sides().size() > 1) left = Math.max(left, render(q.sides().get(0)).length());
        StringBuilder b = new StringBuilder();
        for (Equation q : lines) {
            if (b.length() > 0) b.append('\n');
            String head = render(q.sides().get(0));
            String note = q.note() == null ? "" : "   (" + prose(q.note()) + ")";
            if (q.sides().size() == 1) {
                b.append(head).append(note);
                continue;
            }
            String pad = head + " ".repeat(left - head.length());
            String whole = pad + " = " + inline(new Equation(q.sides().subList(1, q.sides().size())));
            if (whole.length() <= WIDTH) {
                b.append(whole);
                if (whole.length() + note.length() <= WIDTH + 20) b.append(note);
                else if (!note.isEmpty()) b.append('\n').append(" ".repeat(left + 3)).append(note.strip());
                continue;
            }
            String indent = " ".repeat(left);
            for (int i = 1; i < q.sides().size(); i++) {
                if (i > 1) b.append('\n');
                b.append(i == 1 ? pad : indent).append(" = ");
                b.append(wrapped(q.sides().get(i), left + 3));
            }
            if (!note.isEmpty()) b.append('\n').append(" ".repeat(left + 3)).append(note.strip());
        }
        return b.toString();
    }

    /** A side that is itself too long (a sum of many products) is broken at its terms. */
    private String wrapped(Expr side, int column) {
        String s = render(side);
        if (column + s.length() <= WIDTH || !(side instanceof Expr.Sum sum)) return s;
        StringBuilder b = new StringBuilder();
        int lineLength = column;
        for (String t : sumTerms(sum)) {
            if (lineLength + t.length() > WIDTH && lineLength > column) {
                b.append('\n').append(" ".repeat(column + 2));
                lineLength = column + 2;
                t = t.stripLeading();
            }
            b.append(t);
            lineLength += t.length();
        }
        return b.toString();
    }
}
