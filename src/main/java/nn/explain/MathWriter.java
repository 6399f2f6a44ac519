package nn.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What {@link TextMath} and {@link TexMath} decide alike about an expression tree: where parentheses go (a sum as a
 * factor, a negative factor after the first, a negative operand of a minus, a power of anything but a plain base)
 * and how the terms of a sum take their signs. Each notation gives only its own spelling: of the parentheses, of
 * the minus sign and of every node ({@link #render}).
 */
abstract class MathWriter {
    final Notation n;

    MathWriter(Notation n) { this.n = n; }

    public abstract String render(Expr e);

    /** {@code inner} in this notation's parentheses. */
    abstract String parens(String inner);

    /** The minus sign between two terms. */
    abstract String minus();

    /** The sides of an equation on one line: a = b = c. */
    public String inline(Equation q) {
        List<String> s = new ArrayList<>();
        for (Expr e : q.sides()) s.add(render(e));
        return String.join(" = ", s);
    }

    /** The terms of a sum with their signs ("a", " + b", " − c"), each term written by {@code term}. */
    List<String> signedTerms(Expr.Sum s, Function<Expr, String> term) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.terms().size(); i++) {
            Expr t = s.terms().get(i);
            if (i == 0) out.add(term.apply(t));
            else if (Signs.startsNegative(t, n)) out.add(" " + minus() + " " + term.apply(Signs.abs(t)));
            else out.add(" + " + term.apply(t));
        }
        return out;
    }

    /** The factors of a product, each as {@link #factor} writes it, separated by {@code separator}. */
    String factors(List<Expr> factors, String separator) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) parts.add(factor(factors.get(i), i == 0));
        return String.join(separator, parts);
    }

    /** A factor of a product: a sum or difference in parentheses, and a negative factor after the first. */
    String factor(Expr f, boolean first) {
        if (f instanceof Expr.Sum || f instanceof Expr.Diff || (!first && Signs.startsNegative(f, n))) return parens(render(f));
        return render(f);
    }

    /** What a minus sign stands before: in parentheses when it is a sum or difference or itself negative. */
    String operand(Expr f) {
        if (f instanceof Expr.Sum || f instanceof Expr.Diff || Signs.startsNegative(f, n)) return parens(render(f));
        return render(f);
    }

    /** The base of a power: bare when it is a name, a bracket, a call or a non-negative number. */
    String powerBase(Expr base) {
        boolean bare = base instanceof Expr.Sym || base instanceof Expr.Paren || base instanceof Expr.Call
                || (base instanceof Expr.Num x && !n.negative(x.value()));
        return bare ? render(base) : parens(render(base));
    }

    /** The arguments of a call, or the items of a row, each rendered, separated by {@code separator}. */
    String joined(List<Expr> items, String separator) {
        List<String> out = new ArrayList<>();
        for (Expr e : items) out.add(render(e));
        return String.join(separator, out);
    }
}
