package nn.explain;

import static nn.explain.Expr.num;

import java.util.ArrayList;
import java.util.List;
import nn.core.Activation;
import nn.core.Gradients;
import nn.core.Layer;
import nn.core.Loss;

/**
 * Gradients by the chain rule, as the reference derives them: the chain written symbolically
 * (∂E/∂w100 = ∂E/∂o · ∂o/∂o_pre · ∂o_pre/∂w100), each factor with its formula and value, and the product. A hidden
 * layer's ∂E/∂h reuses the gradients of the layer above (the reference's eq. 24), summed over the paths when a
 * neuron feeds several. A factor that is zero says why. Values are the recorded ones (g.dA, g.dZ, g.dW, g.dB).
 */
public final class ChainRule {
    /** Sums over more paths than this are written with "…". */
    static final int PATHS_SHOWN = 8;

    private final Derivations d;
    private final Gradients g;
    private final int L;

    public ChainRule(Derivations d) {
        this.d = d;
        this.g = d.g;
        this.L = d.L;
    }

    private Layer layer(int k) { return d.layer(k); }

    /** True where ∂a/∂z is one number per neuron (not softmax, not the fused softmax + cross-entropy output). */
    boolean elementwise(int k) { return layer(k).activation.elementwise() && !(g.fused() && k == L - 1); }

    double local(int k, int i) {
        Layer l = layer(k);
        return l.activation.df(d.p.z()[k][i], d.p.a()[k][i], l.param);
    }

    /** The quantity a_{k,i} (x_i for k = −1). */
    Expr.Sym A(int k, int i) { return k < 0 ? d.v.x(i) : d.act(k, i); }

    double dA(int k, int i) { return k < 0 ? g.dX()[i] : g.dA()[k][i]; }

    Expr.Partial dEdA(int k, int i) { return Expr.d(d.loss(), A(k, i)); }

    Expr.Partial dAdZ(int k, int i) { return Expr.d(d.act(k, i), d.pre(k, i)); }

    Expr.Partial dEdZ(int k, int i) { return Expr.d(d.loss(), d.pre(k, i)); }

    // ---- factors ----

    /** ∂E/∂o = 2 · ½(y − o) · (−1) = o − y = 0.526 − 0 = 0.526 (the output layer's ∂E/∂a). */
    Equation lossDerivative(Loss loss, int i) {
        int n = d.p.output().length;
        double o = d.p.output()[i];
        double y = d.p.y()[i];
        Expr.Sym O = d.act(L - 1, i);
        Expr.Sym Y = d.v.y(i);
        Expr.Partial lhs = dEdA(L - 1, i);
        double value = dA(L - 1, i);
        return switch (loss) {
            case HALF_SSE -> Equation.of(lhs, Expr.prod(Expr.raw("2"), new Expr.Juxt(List.of(new Expr.Raw("½", "\\frac{1}{2}"), new Expr.Paren(new Expr.Diff(Y, O)))), num(-1)),
                    new Expr.Diff(O, Y), new Expr.Diff(num(o), num(y)), num(value));
            case MSE -> Equation.of(lhs, new Expr.Juxt(List.of(new Expr.Frac(num(2), new Expr.Sym("n", "n")), new Expr.Paren(new Expr.Diff(O, Y)))),
                    new Expr.Juxt(List.of(new Expr.Frac(num(2), num(n)), new Expr.Paren(new Expr.Diff(num(o), num(y))))), num(value));
            case BCE -> Equation.of(lhs, new Expr.Frac(new Expr.Diff(O, Y), new Expr.Juxt(List.of(new Expr.Sym("n", "n"), O, new Expr.Paren(new Expr.Diff(num(1), O))))),
                    new Expr.Frac(new Expr.Diff(num(o), num(y)), new Expr.Juxt(List.of(num(n), Expr.prod(num(o), new Expr.Paren(new Expr.Diff(num(1), num(o))))))), num(value));
            case CROSS_ENTROPY -> Equation.of(lhs, new Expr.Neg(new Expr.Frac(Y, O)), new Expr.Neg(new Expr.Frac(num(y), num(o))), num(value));
            case BCE_LOGITS -> Equation.of(lhs, new Expr.Frac(new Expr.Diff(new Expr.Call("σ", "\\sigma", List.of(O)), Y), new Expr.Sym("n", "n")), num(value));
            case CROSS_ENTROPY_LOGITS -> Equation.of(lhs, new Expr.Diff(new Expr.Call("softmax", "\\operatorname{softmax}", List.of(O)), Y), num(value));
        };
    }

    /** ∂o/∂o_pre = σ(o_pre)(1 − σ(o_pre)) = o(1 − o) = 0.526(1 − 0.526) = 0.249; ∂h1/∂h_pre1 = 0 (ReLU off). */
    public Equation localDerivative(int k, int i) {
        Layer l = layer(k);
        double z = d.p.z()[k][i];
        double a = d.p.a()[k][i];
        double df = local(k, i);
        Expr.Partial lhs = dAdZ(k, i);
        Expr.Sym Z = d.pre(k, i);
        Expr.Sym A = d.act(k, i);
        return switch (l.activation) {
            case SIGMOID -> {
                Expr.Call s = d.apply(l.activation, Z);
                yield Equation.of(lhs, new Expr.Juxt(List.of(s, new Expr.Paren(new Expr.Diff(num(1), s)))),
                        new Expr.Juxt(List.of(A, new Expr.Paren(new Expr.Diff(num(1), A)))),
                        new Expr.Juxt(List.of(num(a), new Expr.Paren(new Expr.Diff(num(1), num(a))))), num(df));
            }
            case TANH -> Equation.of(lhs, new Expr.Diff(num(1), new Expr.Pow(A, "2")), new Expr.Diff(num(1), new Expr.Pow(num(a), "2")), num(df));
            case RELU -> Equation.of(lhs, num(df)).note(z > 0 ? "ReLU on: " : "ReLU off: ", Equation.of(Z, num(z)), z > 0 ? " > 0" : " ≤ 0");
            case LEAKY_RELU -> Equation.of(lhs, num(df)).note(z > 0 ? "leaky ReLU, " : "leaky ReLU slope, ", Equation.of(Z, num(z)), z > 0 ? " > 0" : " ≤ 0");
            case LINEAR -> Equation.of(lhs, num(df)).note("linear");
            case SOFTMAX -> throw new IllegalStateException("softmax has no elementwise derivative");
        };
    }

    /**
     * ∂E/∂z where it is not ∂E/∂a · ∂a/∂z: softmax with cross-entropy (the two derivatives combine into o − y) and
     * softmax alone (∂E/∂z_i = o_i(∂E/∂o_i − Σ_j ∂E/∂o_j o_j)).
     */
    Equation combinedDerivative(int k, int i) {
        double o = d.p.a()[k][i];
        Expr.Sym O = d.act(k, i);
        if (g.fused() && k == L - 1) {
            double sumY = 0;
            for (double y : d.p.y()) sumY += y;
            Expr.Sym Y = d.v.y(i);
            return Equation.of(dEdZ(k, i), new Expr.Diff(new Expr.Juxt(List.of(O, new Expr.Raw("Σ_j y_j", "\\sum_j y_j"))), Y),
                    new Expr.Diff(Expr.prod(num(o), num(sumY)), num(d.p.y()[i])), num(g.dZ()[k][i]))
                    .note("softmax and cross-entropy together: o − y");
        }
        double dot = 0;
        for (int j = 0; j < layer(k).out; j++) dot += g.dA()[k][j] * d.p.a()[k][j];
        return Equation.of(dEdZ(k, i), new Expr.Juxt(List.of(O, new Expr.Paren(new Expr.Diff(dEdA(k, i), new Expr.Raw("Σ_j ∂E/∂o_j·o_j", "\\sum_j \\frac{\\partial E}{\\partial o_j} o_j"))))),
                new Expr.Juxt(List.of(num(o), new Expr.Paren(new Expr.Diff(num(g.dA()[k][i]), num(dot))))), num(g.dZ()[k][i]));
    }

    /** ∂o_pre/∂w100 = ∂(w100·h0 + w101·h1 + b10)/∂w100 = h0 = 0.29 */
    Equation inputFactor(int k, int i, int j) {
        return Equation.of(Expr.d(d.pre(k, i), d.w(k, i, j)), Expr.d(weightedSum(k, i, j), d.w(k, i, j)), d.in(k, j), num(d.input(k, j)));
    }

    /** ∂o_pre/∂b10 = ∂(w100·h0 + w101·h1 + b10)/∂b10 = 1 */
    Equation biasFactor(int k, int i) {
        return Equation.of(Expr.d(d.pre(k, i), d.b(k, i)), Expr.d(weightedSum(k, i, -1), d.b(k, i)), num(1));
    }

    /** w100·h0 + w101·h1 + b10, with "…" around the term that matters when the fan-in is large. */
    private Expr weightedSum(int k, int i, int keep) {
        Layer l = layer(k);
        List<Expr> terms = new ArrayList<>();
        Expr ell = new Expr.Raw("…", "\\cdots");
        if (l.in <= 4) {
            for (int j = 0; j < l.in; j++) terms.add(Expr.prod(d.w(k, i, j), d.in(k, j)));
        } else {
            if (keep > 0) terms.add(ell);
            if (keep >= 0) terms.add(Expr.prod(d.w(k, i, keep), d.in(k, keep)));
            else terms.add(Expr.prod(d.w(k, i, 0), d.in(k, 0)));
            terms.add(ell);
        }
        if (l.hasBias()) terms.add(d.b(k, i));
        return Expr.sum(terms);
    }

    /**
     * ∂E/∂a for neuron i of layer k: at the output the loss's derivative; below it the sum over the paths through
     * the layer above, reusing that layer's factors: ∂E/∂h0 = ∂E/∂o · ∂o/∂o_pre · ∂o_pre/∂h0 = 0.526 · 0.249 · w100
     * = 0.526 · 0.249 · 0.7 = 0.092. k = −1 is the input x.
     */
    Equation upstream(int k, int i) {
        if (k == L - 1) return lossDerivative(d.p.net().loss(), i);
        int u = k + 1;
        Layer above = layer(u);
        List<Expr> sym = new ArrayList<>();
        List<Expr> withW = new ArrayList<>();
        List<Expr> nums = new ArrayList<>();
        Expr ell = new Expr.Raw("…", "\\cdots");
        for (int m : paths(above.out)) {
            if (m < 0) {
                sym.add(ell);
                withW.add(ell);
                nums.add(ell);
                continue;
            }
            Expr.Partial last = Expr.d(d.pre(u, m), A(k, i));
            Expr.Sym w = d.w(u, m, i);
            double wv = above.w(m, i);
            if (elementwise(u)) {
                sym.add(Expr.prod(dEdA(u, m), dAdZ(u, m), last));
                withW.add(Expr.prod(num(dA(u, m)), num(local(u, m)), w));
                nums.add(Expr.prod(num(dA(u, m)), num(local(u, m)), num(wv)));
            } else {
                sym.add(Expr.prod(dEdZ(u, m), last));
                withW.add(Expr.prod(num(g.dZ()[u][m]), w));
                nums.add(Expr.prod(num(g.dZ()[u][m]), num(wv)));
            }
        }
        return Equation.of(dEdA(k, i), Expr.sum(sym), Expr.sum(withW), Expr.sum(nums), num(dA(k, i)));
    }

    static List<Integer> paths(int n) {
        List<Integer> out = new ArrayList<>();
        if (n <= PATHS_SHOWN) for (int m = 0; m < n; m++) out.add(m);
        else out.addAll(List.of(0, 1, -1, n - 1));
        return out;
    }

    /** "∂E/∂o and ∂o/∂o_pre are the output layer's, reused": said under a hidden layer's ∂E/∂a. */
    Part.Prose reuseNote(int k) {
        int u = k + 1;
        String where = u == L - 1 ? "the output layer" : "layer " + u + " (" + d.v.actName(u) + ")";
        List<Object> pieces = new ArrayList<>();
        pieces.add("Reusing the gradients of " + where + ": ");
        if (elementwise(u)) {
            pieces.add(dEdA(u, 0));
            pieces.add(" and ");
            pieces.add(dAdZ(u, 0));
        } else {
            pieces.add(dEdZ(u, 0));
        }
        if (layer(u).out > 1) pieces.add(", … for each of its " + layer(u).out + " neurons");
        pieces.add(u == L - 1 ? " were computed once and serve every weight below." : " (explain them with `explain dE/d" + d.v.act(u, 0).text() + "`).");
        return new Part.Prose(pieces);
    }

    // ---- whole chains ----

    /** ∂E/∂w100 = ∂E/∂o · ∂o/∂o_pre · ∂o_pre/∂w100 (symbolic) or, with numbers, = 0.526 · 0.249 · 0.29 = 0.038. */
    Expr chain(int k, int i, Expr.Partial last) {
        return elementwise(k) ? Expr.prod(dEdA(k, i), dAdZ(k, i), last) : Expr.prod(dEdZ(k, i), last);
    }

    Expr chainNumbers(int k, int i, double last) {
        return elementwise(k) ? Expr.prod(num(dA(k, i)), num(local(k, i)), num(last)) : Expr.prod(num(g.dZ()[k][i]), num(last));
    }

    /** The factors of neuron i's chain: ∂E/∂a (derived), ∂a/∂z — or the combined ∂E/∂z. */
    List<Equation> neuronFactors(int k, int i) {
        if (!elementwise(k)) {
            List<Equation> out = new ArrayList<>();
            if (!(g.fused() && k == L - 1)) {
                for (int j = 0; j < layer(k).out; j++) out.add(upstream(k, j));
            }
            out.add(combinedDerivative(k, i));
            return out;
        }
        return new ArrayList<>(List.of(upstream(k, i), localDerivative(k, i)));
    }

    /** explain dE/dw_kij: the chain, its three factors, the product, and why it is zero if it is. */
    public List<Part> weight(int k, int i, int j) {
        Expr.Partial lhs = Expr.d(d.loss(), d.w(k, i, j));
        Expr.Partial last = Expr.d(d.pre(k, i), d.w(k, i, j));
        List<Part> parts = new ArrayList<>();
        parts.add(Part.equations(Equation.of(lhs, chain(k, i, last))));
        List<Equation> factors = neuronFactors(k, i);
        factors.add(inputFactor(k, i, j));
        parts.add(new Part.Equations(factors));
        if (k < L - 1 && elementwise(k)) parts.add(reuseNote(k));
        double value = g.dW()[k][i * layer(k).in + j];
        Equation product = Equation.of(lhs, chainNumbers(k, i, d.input(k, j)), num(value));
        parts.add(Part.equations(product));
        roundingNote(product, value).ifPresent(parts::add);
        if (value == 0) parts.add(zeroNote(lhs, k, i, j, d.w(k, i, j)));
        return parts;
    }

    /** explain dE/db_ki. */
    public List<Part> bias(int k, int i) {
        if (layer(k).bias == Layer.Bias.SHARED) return sharedBias(k);
        Expr.Partial lhs = Expr.d(d.loss(), d.b(k, i));
        Expr.Partial last = Expr.d(d.pre(k, i), d.b(k, i));
        List<Part> parts = new ArrayList<>();
        parts.add(Part.equations(Equation.of(lhs, chain(k, i, last))));
        List<Equation> factors = neuronFactors(k, i);
        factors.add(biasFactor(k, i));
        parts.add(new Part.Equations(factors));
        if (k < L - 1 && elementwise(k)) parts.add(reuseNote(k));
        double value = g.dB()[k][i];
        Equation product = Equation.of(lhs, chainNumbers(k, i, 1), num(value));
        parts.add(Part.equations(product));
        roundingNote(product, value).ifPresent(parts::add);
        if (value == 0) parts.add(zeroNote(lhs, k, i, -1, d.b(k, i)));
        parts.add(Part.prose("A bias is a weight whose input is always 1."));
        return parts;
    }

    /** explain dE/dz_ki: ∂E/∂h_pre0 = ∂E/∂h0 · ∂h0/∂h_pre0. */
    public List<Part> preActivation(int k, int i) {
        Expr.Partial lhs = dEdZ(k, i);
        List<Part> parts = new ArrayList<>();
        double value = g.dZ()[k][i];
        if (!elementwise(k)) {
            parts.add(new Part.Equations(neuronFactors(k, i)));
        } else {
            parts.add(Part.equations(Equation.of(lhs, Expr.prod(dEdA(k, i), dAdZ(k, i)))));
            parts.add(new Part.Equations(neuronFactors(k, i)));
            if (k < L - 1) parts.add(reuseNote(k));
            Equation product = Equation.of(lhs, Expr.prod(num(dA(k, i)), num(local(k, i))), num(value));
            parts.add(Part.equations(product));
            roundingNote(product, value).ifPresent(parts::add);
        }
        if (value == 0) parts.add(zeroNote(lhs, k, i, -2, null));
        return parts;
    }

    /** explain dE/da_ki (k = −1: dE/dx_i): the loss derivative or the sum over the paths above. */
    public List<Part> activation(int k, int i) {
        List<Part> parts = new ArrayList<>();
        Equation e = upstream(k, i);
        parts.add(Part.equations(e));
        if (k < L - 1) {
            parts.add(reuseNote(k));
            roundingNote(e, dA(k, i)).ifPresent(parts::add);
        }
        if (dA(k, i) == 0) parts.add(new Part.Prose(upstreamZero(k, i, dEdA(k, i))));
        return parts;
    }

    // ---- all gradients of a layer (backward trace, documents, explain dE/dW0) ----

    /** Each weight of layer k on one line, as the reference's eqs. (30)–(36). */
    public Equation weightLine(int k, int i, int j) {
        Expr.Partial lhs = Expr.d(d.loss(), d.w(k, i, j));
        return Equation.of(lhs, chain(k, i, Expr.d(d.pre(k, i), d.w(k, i, j))), chainNumbers(k, i, d.input(k, j)),
                num(g.dW()[k][i * layer(k).in + j]));
    }

    /** A layer's one shared bias enters every neuron's weighted sum: its gradient is the sum of theirs. */
    public List<Part> sharedBias(int k) {
        Layer l = layer(k);
        Expr.Partial lhs = Expr.d(d.loss(), d.b(k, 0));
        List<Expr> sym = new ArrayList<>();
        List<Expr> nums = new ArrayList<>();
        for (int i = 0; i < l.out; i++) {
            sym.add(Expr.prod(dEdZ(k, i), Expr.d(d.pre(k, i), d.b(k, 0))));
            nums.add(num(g.dZ()[k][i]));
        }
        List<Part> parts = new ArrayList<>();
        parts.add(Part.equations(Equation.of(lhs, Expr.sum(sym), Expr.sum(nums), num(g.dB()[k][0]))));
        parts.add(Part.prose("One bias shared by the " + l.out + " neurons of layer " + k + ": ∂" + d.pre(k, 0).text().replaceAll("\\d+$", "") + "_i/∂"
                + d.b(k, 0).text() + " = 1 for each, so the gradients of their weighted sums add up."));
        return parts;
    }

    public Equation biasLine(int k, int i) {
        if (layer(k).bias == Layer.Bias.SHARED) {
            return Equation.of(Expr.d(d.loss(), d.b(k, 0)), num(g.dB()[k][0])).note("one bias shared by the layer: the sum of its neurons' ∂E/∂z");
        }
        Expr.Partial lhs = Expr.d(d.loss(), d.b(k, i));
        return Equation.of(lhs, chain(k, i, Expr.d(d.pre(k, i), d.b(k, i))), chainNumbers(k, i, 1), num(g.dB()[k][i]));
    }

    /** The shared factors of layer k: every neuron's ∂E/∂a and ∂a/∂z (or ∂E/∂z). */
    public List<Part> layerFactors(int k) {
        List<Equation> up = new ArrayList<>();
        List<Equation> loc = new ArrayList<>();
        Layer l = layer(k);
        boolean fusedOut = g.fused() && k == L - 1;
        for (int i = 0; i < l.out; i++) {
            if (!fusedOut) up.add(upstream(k, i));
            if (elementwise(k)) loc.add(localDerivative(k, i));
            else loc.add(combinedDerivative(k, i));
        }
        List<Part> parts = new ArrayList<>();
        if (!up.isEmpty()) parts.add(new Part.Equations(up));
        if (k < L - 1) parts.add(reuseNote(k));
        parts.add(new Part.Equations(loc));
        return parts;
    }

    /** Every gradient of layer k: the factors, then each weight and bias (at most {@code limit} lines). */
    public List<Part> layer(int k, int limit) {
        List<Part> parts = new ArrayList<>(layerFactors(k));
        Layer l = layer(k);
        List<Equation> lines = new ArrayList<>();
        int total = l.out * l.in + l.b.length;
        outer:
        for (int i = 0; i < l.out; i++) {
            for (int j = 0; j < l.in; j++) {
                if (lines.size() >= limit) break outer;
                lines.add(weightLine(k, i, j));
            }
        }
        int biases = l.bias == Layer.Bias.PER_NEURON ? l.out : l.hasBias() ? 1 : 0;
        for (int i = 0; i < biases && lines.size() < limit; i++) lines.add(biasLine(k, i));
        parts.add(new Part.Equations(lines));
        if (lines.size() < total) parts.add(Part.prose("… and " + (total - lines.size()) + " more gradients of layer " + k + " (show dE/dW" + k + ", dE/db" + k + ")."));
        return parts;
    }

    // ---- why a gradient is zero ----

    /** Says plainly which factor is zero and why: a ReLU that was off, an input that was 0, no error upstream. */
    Part.Prose zeroNote(Expr.Partial lhs, int k, int i, int j, Expr.Sym param) {
        List<Object> pieces = new ArrayList<>(List.of(lhs, " = 0 because "));
        int before = pieces.size();
        boolean upstreamZero = elementwise(k) ? dA(k, i) == 0 : g.dZ()[k][i] == 0;
        if (elementwise(k) && local(k, i) == 0) {
            pieces.addAll(localZero(k, i));
        }
        if (j >= 0 && d.input(k, j) == 0) {
            if (pieces.size() > before) pieces.add("; and ");
            pieces.addAll(inputZero(k, j));
            pieces.add(", and " + (param == null ? "the weight" : param.text()) + " multiplies " + d.in(k, j).text());
        }
        if (pieces.size() == before && upstreamZero) {
            pieces.addAll(upstreamZero(k, i, elementwise(k) ? dEdA(k, i) : dEdZ(k, i)));
        }
        if (pieces.size() == before) pieces.add("the factors cancel or underflow");
        pieces.add(".");
        if (param != null) pieces.add(" An update leaves " + param.text() + " unchanged.");
        return new Part.Prose(pieces);
    }

    private List<Object> localZero(int k, int i) {
        Layer l = layer(k);
        Expr.Sym A = d.act(k, i);
        Equation z = Equation.of(d.pre(k, i), num(d.p.z()[k][i]));
        if (l.activation == Activation.RELU || l.activation == Activation.LEAKY_RELU) {
            return List.of("the ReLU of " + A.text() + " was off (", z, " ≤ 0), so ", dAdZ(k, i), " = 0 and no gradient flows back through " + A.text());
        }
        return List.of(A.text() + " is saturated (", Equation.of(A, num(d.p.a()[k][i])), "), so its slope ", dAdZ(k, i), " is 0");
    }

    private List<Object> inputZero(int k, int j) {
        if (k == 0) return List.of("the input ", Equation.of(d.v.x(j), num(0)));
        Layer below = layer(k - 1);
        Expr.Sym A = d.act(k - 1, j);
        double z = d.p.z()[k - 1][j];
        if ((below.activation == Activation.RELU || below.activation == Activation.LEAKY_RELU) && z <= 0) {
            return List.of(Equation.of(A, num(0)), ": the ReLU of " + A.text() + " was off (", Equation.of(d.pre(k - 1, j), num(z)), " ≤ 0)");
        }
        return List.of(Equation.of(A, num(0)));
    }

    /** Why ∂E/∂a (or ∂E/∂z) of neuron i in layer k is zero. */
    List<Object> upstreamZero(int k, int i, Expr.Partial what) {
        List<Object> out = new ArrayList<>(List.of(what, " = 0: "));
        if (k == L - 1) {
            out.add(d.act(k, i).text() + " equals its target " + d.v.y(i).text() + ", so there is no error to send back");
            return out;
        }
        int u = k + 1;
        Layer above = layer(u);
        boolean weightsZero = true;
        boolean termsZero = true;
        for (int m = 0; m < above.out; m++) {
            if (above.w(m, i) != 0) weightsZero = false;
            if (g.dZ()[u][m] * above.w(m, i) != 0) termsZero = false;
        }
        if (weightsZero) out.add("every weight leaving " + A(k, i).text() + " is 0");
        else if (termsZero) out.add("every path from " + A(k, i).text() + " to E has a factor that is 0");
        else out.add("the paths from " + A(k, i).text() + " to E cancel out");
        return out;
    }

    /** When multiplying the factors as shown gives a different rounded result than the exact value, say so. */
    java.util.Optional<Part> roundingNote(Equation product, double exact) {
        if (product.sides().size() < 3 || !(product.sides().get(product.sides().size() - 2) instanceof Expr.Prod factors)) return java.util.Optional.empty();
        double shown = 1;
        for (Expr f : factors.factors()) {
            if (!(f instanceof Expr.Num x)) return java.util.Optional.empty();
            shown *= d.n.shown(x.value());
        }
        if (d.n.plain(shown).equals(d.n.plain(exact))) return java.util.Optional.empty();
        return java.util.Optional.of(Part.prose("(Multiplying the factors as rounded here gives " + d.n.text(shown)
                + "; the exact product is " + d.n.exact(exact) + ".)"));
    }
}
