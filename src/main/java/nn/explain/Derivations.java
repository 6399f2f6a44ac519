package nn.explain;

import static nn.explain.Expr.num;

import java.util.ArrayList;
import java.util.List;
import nn.core.Activation;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Layer;
import nn.core.Loss;

/**
 * The equations of one recorded example, written the way the reference document derives them. Every number is
 * read from the recorded {@link ForwardPass} and {@link Gradients} (and the activations' own derivative functions);
 * nothing here recomputes the passes. Quantities of a second pass are starred (h_pre*, E*) when {@code starred}.
 */
public final class Derivations {
    /** Weighted sums with more inputs than this are written with "…". */
    static final int FAN_IN_SHOWN = 6;

    final ForwardPass p;
    final Gradients g;
    final Vocabulary v;
    final Notation n;
    final boolean starred;
    final int L;

    public Derivations(ForwardPass p, Gradients g, Vocabulary v, Notation n, boolean starred) {
        this.p = p;
        this.g = g;
        this.v = v;
        this.n = n;
        this.starred = starred;
        this.L = p.net().depth();
    }

    public Layer layer(int k) { return p.net().layer(k); }

    public Vocabulary vocabulary() { return v; }

    private Expr.Sym s(Expr.Sym sym) { return starred ? sym.star() : sym; }

    Expr.Sym pre(int k, int i) { return s(v.pre(k, i)); }

    Expr.Sym act(int k, int i) { return s(v.act(k, i)); }

    Expr.Sym in(int k, int j) { return k == 0 ? v.x(j) : act(k - 1, j); }

    Expr.Sym w(int k, int i, int j) { return s(v.weight(k, i, j)); }

    Expr.Sym b(int k, int i) { return s(v.bias(k, i)); }

    Expr.Sym loss() { return starred ? Vocabulary.E.star() : Vocabulary.E; }

    double input(int k, int j) { return p.inputTo(k)[j]; }

    /** The j indices a weighted sum of {@code n} inputs shows (all, or the first two, "…", and the last). */
    static List<Integer> shown(int n) {
        List<Integer> out = new ArrayList<>();
        if (n <= FAN_IN_SHOWN) for (int j = 0; j < n; j++) out.add(j);
        else out.addAll(List.of(0, 1, -1, n - 1));
        return out;
    }

    private static final Expr ELLIPSIS = new Expr.Raw("…", "\\cdots");

    // ---- forward ----

    /** h_pre0 = w000·x0 + w001·x1 + w002·x2 + b00 = 0.2·0.9 − 1.2·0.2 + 0.9·0.5 − 0.1 = 0.39 − 0.1 = 0.29 */
    public Equation preActivation(int k, int i) {
        Layer l = layer(k);
        List<Expr> sym = new ArrayList<>();
        List<Expr> nums = new ArrayList<>();
        for (int j : shown(l.in)) {
            if (j < 0) {
                sym.add(ELLIPSIS);
                nums.add(ELLIPSIS);
                continue;
            }
            sym.add(Expr.prod(w(k, i, j), in(k, j)));
            nums.add(Expr.prod(num(l.w(i, j)), num(input(k, j))));
        }
        if (l.hasBias()) {
            sym.add(b(k, i));
            nums.add(num(l.bias(i)));
        }
        double z = p.z()[k][i];
        List<Expr> sides = new ArrayList<>(List.of(pre(k, i), Expr.sum(sym), Expr.sum(nums)));
        // W·x alone, then + b, as the reference writes o_pre = 0.203 − 0.1 = 0.103 (z − b is W·x as recorded)
        if (l.in > 1 && l.hasBias()) sides.add(Expr.sum(List.of(num(z - l.bias(i)), num(l.bias(i)))));
        sides.add(num(z));
        return new Equation(sides);
    }

    /** h_pre = W0 x + b0 = [0.39, −0.54] + [−0.1, 0.2] = [0.29, −0.34] */
    public Equation preActivationLayer(int k) {
        Layer l = layer(k);
        List<Expr> wx = new ArrayList<>();
        List<Expr> bs = new ArrayList<>();
        List<Expr> zs = new ArrayList<>();
        for (int i = 0; i < l.out; i++) {
            wx.add(num(p.z()[k][i] - l.bias(i)));
            bs.add(num(l.bias(i)));
            zs.add(num(p.z()[k][i]));
        }
        Expr.Sym input = k == 0 ? v.x(-1) : act(k - 1, -1);
        Expr.Sym W = s(v.weights(k));
        Expr.Sym B = s(v.biases(k));
        if (!l.hasBias()) {
            // no biases: the weighted sums alone
            return Equation.of(pre(k, -1), new Expr.Juxt(List.of(W, input)), l.out == 1 ? zs.get(0) : new Expr.Vec(zs));
        }
        if (l.out == 1) {
            // one neuron: scalars, as the reference's o_pre = W_out h + b_out = 0.203 − 0.1 = 0.103
            return Equation.of(pre(k, -1), Expr.sum(List.of(new Expr.Juxt(List.of(W, input)), B)),
                    Expr.sum(List.of(wx.get(0), bs.get(0))), zs.get(0));
        }
        return Equation.of(pre(k, -1), Expr.sum(List.of(new Expr.Juxt(List.of(W, input)), B)),
                Expr.sum(List.of(new Expr.Vec(wx), new Expr.Vec(bs))), new Expr.Vec(zs));
    }

    /** The activation function applied to an expression, as written on the board. */
    Expr.Call apply(Activation a, Expr arg) {
        return switch (a) {
            case SIGMOID -> new Expr.Call("σ", "\\sigma", List.of(arg));
            case RELU -> new Expr.Call("relu", "\\text{relu}", List.of(arg));
            case LEAKY_RELU -> new Expr.Call("leaky_relu", "\\text{leaky\\_relu}", List.of(arg));
            case TANH -> new Expr.Call("tanh", "\\tanh", List.of(arg));
            case SOFTMAX -> new Expr.Call("softmax", "\\text{softmax}", List.of(arg));
            case LINEAR -> new Expr.Call("linear", "\\text{linear}", List.of(arg));
        };
    }

    /** o = σ(o_pre) = 1/(1 + e^(−0.103)) = 0.526 */
    public Equation activation(int k, int i) {
        Layer l = layer(k);
        double z = p.z()[k][i];
        double a = p.a()[k][i];
        Expr.Sym A = act(k, i);
        Expr.Sym Z = pre(k, i);
        return switch (l.activation) {
            case LINEAR -> Equation.of(A, Z, num(a));
            case RELU -> Equation.of(A, apply(l.activation, Z), new Expr.Call("max", "\\max", List.of(num(0), num(z))), num(a));
            case LEAKY_RELU -> Equation.of(A, apply(l.activation, Z), z > 0 ? num(z) : Expr.prod(num(l.param), num(z)), num(a))
                    .note(z > 0 ? "z > 0: z itself" : "z ≤ 0: slope · z");
            case SIGMOID -> Equation.of(A, apply(l.activation, Z),
                    new Expr.Frac(num(1), Expr.sum(List.of(num(1), new Expr.Exp(num(-z))))), num(a));
            case TANH -> Equation.of(A, apply(l.activation, Z), apply(l.activation, num(z)), num(a));
            case SOFTMAX -> {
                List<Expr> sym = new ArrayList<>();
                List<Expr> nums = new ArrayList<>();
                for (int j : shown(l.out)) {
                    sym.add(j < 0 ? ELLIPSIS : new Expr.Exp(pre(k, j)));
                    nums.add(j < 0 ? ELLIPSIS : new Expr.Exp(num(p.z()[k][j])));
                }
                yield Equation.of(A, new Expr.Frac(new Expr.Exp(Z), Expr.sum(sym)), new Expr.Frac(new Expr.Exp(num(z)), Expr.sum(nums)), num(a));
            }
        };
    }

    /** h = relu(h_pre) = relu([0.29, −0.34]) = [0.29, 0] */
    public Equation activationLayer(int k) {
        Layer l = layer(k);
        List<Expr> zs = new ArrayList<>();
        List<Expr> as = new ArrayList<>();
        for (int i = 0; i < l.out; i++) {
            zs.add(num(p.z()[k][i]));
            as.add(num(p.a()[k][i]));
        }
        if (l.activation == Activation.LINEAR) return Equation.of(act(k, -1), pre(k, -1), new Expr.Vec(as));
        return Equation.of(act(k, -1), apply(l.activation, pre(k, -1)), apply(l.activation, new Expr.Vec(zs)), new Expr.Vec(as));
    }

    /** E = ½ Σ_i (y_i − o_i)² = ½(0 − 0.526)² = 0.138 */
    public Equation loss(Loss loss) {
        int n = p.output().length;
        double[] o = p.output();
        double[] y = p.y();
        String on = v.actName(L - 1);
        Expr.Sym oi = new Expr.Sym(on + "_i", Vocabulary.texParts(on)[0] + "_i");
        Expr.Sym yi = new Expr.Sym("y_i", "y_i");
        Expr sigma = new Expr.Raw("Σ_i", "\\sum_i");
        List<Expr> squares = new ArrayList<>();
        for (int i = 0; i < n; i++) squares.add(new Expr.Pow(new Expr.Diff(num(y[i]), num(o[i])), "2"));
        Expr sumSq = n == 1 ? squares.get(0) : new Expr.Paren(Expr.sum(squares));
        Expr half = new Expr.Raw("½", "\\frac{1}{2}");
        Expr symSq = new Expr.Pow(new Expr.Paren(new Expr.Diff(yi, oi)), "2");
        Expr E = loss();
        double value = p.E();
        return switch (loss) {
            case HALF_SSE -> Equation.of(E, new Expr.Juxt(List.of(half, sigma, symSq)), new Expr.Juxt(List.of(half, sumSq)), num(value));
            case MSE -> Equation.of(E, new Expr.Juxt(List.of(new Expr.Frac(num(1), new Expr.Sym("n", "n")), sigma, symSq)),
                    n == 1 ? sumSq : new Expr.Juxt(List.of(new Expr.Frac(num(1), num(n)), sumSq)), num(value));
            case BCE -> {
                List<Expr> terms = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    terms.add(Expr.prod(num(y[i]), log(num(o[i]))));
                    terms.add(Expr.prod(num(1 - y[i]), log(num(1 - o[i]))));
                }
                Expr sym = new Expr.Neg(new Expr.Juxt(List.of(new Expr.Frac(num(1), new Expr.Sym("n", "n")), sigma,
                        new Expr.Paren(Expr.sum(List.of(Expr.prod(yi, log(oi)), Expr.prod(new Expr.Diff(num(1), yi), log(new Expr.Diff(num(1), oi)))))))));
                Expr nums = n == 1 ? new Expr.Neg(new Expr.Paren(Expr.sum(terms)))
                        : new Expr.Neg(new Expr.Juxt(List.of(new Expr.Frac(num(1), num(n)), new Expr.Paren(Expr.sum(terms)))));
                yield Equation.of(E, sym, nums, num(value));
            }
            case CROSS_ENTROPY -> {
                List<Expr> terms = new ArrayList<>();
                for (int i = 0; i < n; i++) if (y[i] != 0) terms.add(Expr.prod(num(y[i]), log(num(o[i]))));
                if (terms.isEmpty()) terms.add(num(0));
                yield Equation.of(E, new Expr.Neg(new Expr.Juxt(List.of(sigma, Expr.prod(yi, log(oi))))),
                        new Expr.Neg(new Expr.Paren(Expr.sum(terms))), num(value)).note("terms with y_i = 0 vanish");
            }
            case BCE_LOGITS -> Equation.of(E, new Expr.Juxt(List.of(new Expr.Frac(num(1), new Expr.Sym("n", "n")), sigma,
                    new Expr.Paren(new Expr.Neg(Expr.sum(List.of(Expr.prod(yi, log(new Expr.Call("σ", "\\sigma", List.of(oi)))),
                            Expr.prod(new Expr.Diff(num(1), yi), log(new Expr.Diff(num(1), new Expr.Call("σ", "\\sigma", List.of(oi))))))))))), num(value))
                    .note("σ is folded into the loss: " + on + " are logits");
            case CROSS_ENTROPY_LOGITS -> Equation.of(E, new Expr.Neg(new Expr.Juxt(List.of(sigma, Expr.prod(yi, log(new Expr.Call("softmax", "\\operatorname{softmax}", List.of(oi))))))), num(value))
                    .note("softmax is folded into the loss: " + on + " are logits");
        };
    }

    static Expr.Call log(Expr arg) { return new Expr.Call("log", "\\log", List.of(arg)); }
}
