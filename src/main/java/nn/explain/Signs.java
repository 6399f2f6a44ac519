package nn.explain;

import java.util.ArrayList;
import java.util.List;

/** Where a formula's leading minus sign is, so sums read "0.39 − 0.1" rather than "0.39 + −0.1". */
final class Signs {
    private Signs() { }

    static boolean startsNegative(Expr e, Notation n) {
        if (e instanceof Expr.Num x) return n.negative(x.value());
        if (e instanceof Expr.Neg) return true;
        if (e instanceof Expr.Prod p) return startsNegative(p.factors().get(0), n);
        if (e instanceof Expr.Juxt j) return startsNegative(j.factors().get(0), n);
        return false;
    }

    /** The term without its leading minus sign (only called when {@link #startsNegative} holds). */
    static Expr abs(Expr e) {
        if (e instanceof Expr.Num x) return new Expr.Num(-x.value());
        if (e instanceof Expr.Neg g) return g.inner();
        if (e instanceof Expr.Prod p) {
            List<Expr> f = new ArrayList<>(p.factors());
            f.set(0, abs(f.get(0)));
            return new Expr.Prod(f);
        }
        if (e instanceof Expr.Juxt j) {
            List<Expr> f = new ArrayList<>(j.factors());
            f.set(0, abs(f.get(0)));
            return new Expr.Juxt(f);
        }
        return e;
    }
}
