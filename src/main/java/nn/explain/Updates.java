package nn.explain;

import static nn.explain.Expr.num;

import java.util.ArrayList;
import java.util.List;
import nn.core.Gradients;
import nn.core.Layer;
import nn.core.Network;

/**
 * The gradient-descent update as the reference writes it: w100* = w100 − μ ∂E/∂w100 = 0.7 − 0.1 · 0.038 = 0.696.
 * Reads what the update recorded: the parameters before and after, the gradients and the learning rate.
 */
public final class Updates {
    private final Network before;
    private final Network after;
    private final Gradients g;
    private final double lr;
    private final Vocabulary v;

    public Updates(Network before, Network after, Gradients g, double lr, Vocabulary v) {
        this.before = before;
        this.after = after;
        this.g = g;
        this.lr = lr;
        this.v = v;
    }

    public Network after() { return after; }

    public Equation rate() { return Equation.of(Vocabulary.MU, num(lr)); }

    public Equation weight(int k, int i, int j) {
        Layer b = before.layer(k);
        Layer a = after.layer(k);
        return step(v.weight(k, i, j), a.frozenW, b.w(i, j), g.dW()[k][i * b.in + j], a.w(i, j));
    }

    public Equation bias(int k, int i) {
        Layer b = before.layer(k);
        Layer a = after.layer(k);
        int at = b.bias == Layer.Bias.SHARED ? 0 : i;
        return step(v.bias(k, i), a.frozenB, b.b[at], g.dB()[k][at], a.b[at]);
    }

    /** p* = p − μ ∂E/∂p = was − lr · gradient = now; a frozen parameter is written as keeping its value. */
    private Equation step(Expr.Sym p, boolean frozen, double was, double gradient, double now) {
        if (frozen) return Equation.of(p.star(), p, num(now)).note("frozen: not updated");
        return Equation.of(p.star(), new Expr.Diff(p, new Expr.Juxt(List.of(Vocabulary.MU, Expr.d(Vocabulary.E, p)))),
                new Expr.Diff(num(was), Expr.prod(num(lr), num(gradient))), num(now));
    }

    /** The update of one parameter or of a whole W_k / b_k. */
    public List<Part> explain(Quantity q) {
        List<Equation> lines = new ArrayList<>();
        lines.add(rate());
        int k = q.layer();
        Layer l = after.layer(k);
        if (q.kind() == Quantity.Kind.WEIGHT) {
            if (q.element()) lines.add(weight(k, q.i(), q.j()));
            else for (int i = 0; i < l.out; i++) for (int j = 0; j < l.in; j++) lines.add(weight(k, i, j));
        } else {
            if (q.element()) lines.add(bias(k, q.i()));
            else for (int i = 0; i < l.out; i++) lines.add(bias(k, i));
        }
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Equations(lines));
        parts.add(Part.prose("Each parameter moves against its gradient, by the learning rate μ times the gradient."));
        return parts;
    }

    /** Every parameter's update, the output layer first as in the reference (at most {@code limit} lines). */
    public List<Part> all(int limit) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.equations(rate()));
        int shown = 0;
        int total = 0;
        for (int k = after.depth() - 1; k >= 0; k--) {
            Layer l = after.layer(k);
            List<Equation> lines = new ArrayList<>();
            for (int i = 0; i < l.out; i++) {
                for (int j = 0; j < l.in; j++) {
                    total++;
                    if (shown < limit) {
                        lines.add(weight(k, i, j));
                        shown++;
                    }
                }
            }
            for (int i = 0; i < l.b.length; i++) {
                total++;
                if (shown < limit) {
                    lines.add(bias(k, i));
                    shown++;
                }
            }
            if (!lines.isEmpty()) parts.add(new Part.Equations(lines));
        }
        if (shown < total) parts.add(Part.prose("… and " + (total - shown) + " more parameters (show W0, b0, …)."));
        return parts;
    }
}
