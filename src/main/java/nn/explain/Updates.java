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

    /**
     * The optimizer's step, when the update had state (momentum, Adam): its settings, its state before and after, and
     * the parameter of each slot; null for plain gradient descent.
     */
    public record Rule(nn.core.Optimizer.Settings settings, nn.core.Optimizer before, nn.core.Optimizer after, List<String> slots) { }

    private final Rule rule;

    public Updates(Network before, Network after, Gradients g, double lr, Vocabulary v) { this(before, after, g, lr, v, null); }

    public Updates(Network before, Network after, Gradients g, double lr, Vocabulary v, Rule rule) {
        this.before = before;
        this.after = after;
        this.g = g;
        this.lr = lr;
        this.v = v;
        this.rule = rule != null && !rule.settings().equals(nn.core.Optimizer.Settings.sgd()) ? rule : null;
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

    /** The optimizer's own formula with its numbers for one element of a parameter (momentum, Adam). */
    private List<Equation> ruleLines(String param, int index, Expr.Sym p, double was, double gradient, double now) {
        int slot = rule.slots().indexOf(param);
        List<Equation> lines = new ArrayList<>();
        if (slot < 0) {
            lines.add(Equation.of(p.star(), p, num(now)).note("frozen: not updated"));
            return lines;
        }
        nn.core.Optimizer.Settings s = rule.settings();
        Expr grad = Expr.d(Vocabulary.E, p);
        double gi = gradient;
        if (s.weightDecay() != 0) {
            gi = gradient + s.weightDecay() * was;
            lines.add(Equation.of(new Expr.Sym("g", "g"), Expr.sum(List.of(grad, Expr.prod(num(s.weightDecay()), p))),
                    Expr.sum(List.of(num(gradient), Expr.prod(num(s.weightDecay()), num(was)))), num(gi)).note("weight decay"));
            grad = new Expr.Sym("g", "g");
        }
        if (s.name().equals("momentum")) {
            double vPrev = rule.before().state("v", slot)[index];
            double vNow = rule.after().state("v", slot)[index];
            Expr.Sym V = new Expr.Sym("v", "v");
            lines.add(Equation.of(V.star(), Expr.sum(List.of(Expr.prod(new Expr.Sym("β", "\\beta"), V), grad)),
                    Expr.sum(List.of(Expr.prod(num(s.momentum()), num(vPrev)), num(gi))), num(vNow)).note("velocity, μ = " + s.momentum()));
            if (s.nesterov()) {
                lines.add(Equation.of(p.star(), new Expr.Diff(p, new Expr.Juxt(List.of(Vocabulary.MU, new Expr.Paren(Expr.sum(List.of(grad, Expr.prod(new Expr.Sym("β", "\\beta"), V.star()))))))),
                        new Expr.Diff(num(was), Expr.prod(num(lr), new Expr.Paren(Expr.sum(List.of(num(gi), Expr.prod(num(s.momentum()), num(vNow))))))), num(now)).note("Nesterov"));
            } else {
                lines.add(Equation.of(p.star(), new Expr.Diff(p, new Expr.Juxt(List.of(Vocabulary.MU, V.star()))),
                        new Expr.Diff(num(was), Expr.prod(num(lr), num(vNow))), num(now)));
            }
            return lines;
        }
        // Adam
        long t = rule.after().steps();
        double mPrev = rule.before().state("m", slot)[index], vPrev = rule.before().state("v", slot)[index];
        double mNow = rule.after().state("m", slot)[index], vNow = rule.after().state("v", slot)[index];
        double c1 = 1 - Math.pow(s.beta1(), t), c2 = 1 - Math.pow(s.beta2(), t);
        double mHat = mNow / c1, vHat = vNow / c2;
        Expr.Sym M = new Expr.Sym("m", "m"), V = new Expr.Sym("v", "v");
        Expr.Sym MH = new Expr.Sym("m̂", "\\hat{m}"), VH = new Expr.Sym("v̂", "\\hat{v}");
        Expr b1 = new Expr.Sym("β1", "\\beta_1"), b2 = new Expr.Sym("β2", "\\beta_2");
        lines.add(Equation.of(M.star(), Expr.sum(List.of(Expr.prod(b1, M), Expr.prod(new Expr.Paren(new Expr.Diff(num(1), b1)), grad))),
                Expr.sum(List.of(Expr.prod(num(s.beta1()), num(mPrev)), Expr.prod(num(1 - s.beta1()), num(gi)))), num(mNow)));
        lines.add(Equation.of(V.star(), Expr.sum(List.of(Expr.prod(b2, V), Expr.prod(new Expr.Paren(new Expr.Diff(num(1), b2)), new Expr.Pow(grad, "2")))),
                Expr.sum(List.of(Expr.prod(num(s.beta2()), num(vPrev)), Expr.prod(num(1 - s.beta2()), new Expr.Pow(num(gi), "2")))), num(vNow)));
        lines.add(Equation.of(MH, new Expr.Frac(M.star(), new Expr.Diff(num(1), new Expr.Pow(b1, Long.toString(t)))),
                new Expr.Frac(num(mNow), num(c1)), num(mHat)));
        lines.add(Equation.of(VH, new Expr.Frac(V.star(), new Expr.Diff(num(1), new Expr.Pow(b2, Long.toString(t)))),
                new Expr.Frac(num(vNow), num(c2)), num(vHat)));
        Expr.Sym eps = new Expr.Sym("ε", "\\varepsilon");
        lines.add(Equation.of(p.star(), new Expr.Diff(p, new Expr.Juxt(List.of(Vocabulary.MU, new Expr.Frac(MH, Expr.sum(List.of(new Expr.Call("√", "\\sqrt", List.of(VH)), eps)))))),
                new Expr.Diff(num(was), Expr.prod(num(lr), new Expr.Frac(num(mHat), Expr.sum(List.of(new Expr.Call("√", "\\sqrt", List.of(num(vHat))), num(s.eps())))))), num(now))
                .note("Adam, step t = " + t));
        return lines;
    }

    /** The update of one parameter or of a whole W_k / b_k (a shared bias is one parameter). */
    public List<Part> explain(Quantity q) {
        int k = q.layer();
        Layer b = before.layer(k), a = after.layer(k);
        boolean weight = q.kind() == Quantity.Kind.WEIGHT;
        List<int[]> elements = new ArrayList<>();
        if (q.element()) elements.add(weight ? new int[] {q.i(), q.j()} : new int[] {b.bias == Layer.Bias.SHARED ? 0 : q.i()});
        else if (weight) for (int i = 0; i < b.out; i++) for (int j = 0; j < b.in; j++) elements.add(new int[] {i, j});
        else for (int i = 0; i < b.b.length; i++) elements.add(new int[] {i});
        List<Equation> lines = new ArrayList<>();
        lines.add(rate());
        if (rule == null) {
            for (int[] e : elements) lines.add(weight ? weight(k, e[0], e[1]) : bias(k, e[0]));
            return List.of(new Part.Equations(lines), Part.prose("Each parameter moves against its gradient, by the learning rate μ times the gradient."));
        }
        for (int[] e : elements) {
            int at = weight ? e[0] * b.in + e[1] : e[0];
            List<Equation> rl = weight ? ruleLines("W" + k, at, v.weight(k, e[0], e[1]), b.W[at], g.dW()[k][at], a.W[at])
                    : ruleLines("b" + k, at, v.bias(k, e[0]), b.b[at], g.dB()[k][at], a.b[at]);
            // a whole matrix: the step of each element; its moments are in `explain update` of that element
            if (elements.size() == 1) lines.addAll(rl);
            else lines.add(rl.get(rl.size() - 1));
        }
        String why = rule.settings().name().equals("adam")
                ? "Adam moves each parameter by its own step: the running mean of its gradients over the root of the running mean of their squares, both corrected for starting at zero."
                : "Momentum moves each parameter by its velocity, the running sum of its gradients, each older one weighed down by μ.";
        if (elements.size() > 1) why += " Explain one element (e.g. `explain update " + (weight ? v.weight(k, 0, 0) : v.bias(k, 0)).text() + "`) for its moments.";
        return List.of(new Part.Equations(lines), Part.prose(why));
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
