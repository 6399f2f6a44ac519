package nn.explain;

import java.util.ArrayList;
import java.util.List;
import nn.core.Gradients;
import nn.core.Layer;

/**
 * A parameter's gradient over a batch, from what backward recorded: the sum over the rows of each row's ∂E/∂z times
 * the input it multiplied (∂E/∂w100 = Σ_r ∂E/∂o_pre[r,0] · h[r,0]). The batch's mean enters at E, so each row's
 * ∂E/∂z already carries its 1/n; with reduction=sum it does not.
 */
public final class BatchChain {
    /** Rows written out before the sum is elided. */
    private static final int ROWS_SHOWN = 8;

    private BatchChain() { }

    /** ∂E/∂w_kij, or with {@code j} < 0 ∂E/∂b_ki (a shared bias sums over the layer's neurons too). */
    public static List<Part> gradient(Gradients g, Vocabulary v, int k, int i, int j, boolean sums) {
        Layer l = g.pass().net().layer(k);
        int n = g.pass().examples();
        boolean weight = j >= 0;
        boolean shared = !weight && l.bias == Layer.Bias.SHARED;
        double[] dz = g.dZ()[k];
        double[] in = g.pass().inputTo(k);
        String pre = v.preName(k);
        String input = k == 0 ? "x" : v.actName(k - 1);
        Expr.Sym p = weight ? v.weight(k, i, j) : v.bias(k, shared ? 0 : i);
        String rowZ = shared ? pre + "[r,i]" : pre + "[r," + i + "]";
        Expr dZr = Expr.d(Vocabulary.E, new Expr.Raw(rowZ, tex(rowZ)));
        Expr symbolic = weight
                ? new Expr.Juxt(List.of(new Expr.Raw("Σ_r", "\\sum_r"), Expr.prod(dZr, new Expr.Raw(input + "[r," + j + "]", tex(input + "[r," + j + "]")))))
                : new Expr.Juxt(List.of(new Expr.Raw(shared ? "Σ_r Σ_i" : "Σ_r", shared ? "\\sum_r \\sum_i" : "\\sum_r"), dZr));
        List<Expr> terms = new ArrayList<>();
        double total = weight ? g.dW()[k][i * l.in + j] : g.dB()[k][shared ? 0 : i];
        for (int r = 0; r < n && r < ROWS_SHOWN; r++) {
            if (weight) terms.add(Expr.prod(Expr.num(dz[r * l.out + i]), Expr.num(in[r * l.in + j])));
            else if (shared) {
                double s = 0;
                for (int q = 0; q < l.out; q++) s += dz[r * l.out + q];
                terms.add(Expr.num(s));
            } else terms.add(Expr.num(dz[r * l.out + i]));
        }
        if (n > ROWS_SHOWN) terms.add(new Expr.Raw("… (" + (n - ROWS_SHOWN) + " more rows)", "\\dots"));
        List<Part> parts = new ArrayList<>();
        parts.add(Part.equations(Equation.of(Expr.d(Vocabulary.E, p), symbolic, Expr.sum(terms), Expr.num(total))));
        parts.add(Part.prose("A batch of " + n + " examples: every row runs through the same " + (weight ? "weight" : "bias")
                + ", so its gradient is the sum of the rows' shares" + (shared ? ", over every neuron of the layer, as the bias is shared" : "") + ". "
                + (sums ? "E is the sum of the examples' losses (reduction=sum): each row's ∂E/∂" + pre + " is that example's own."
                        : "E is the mean of the examples' losses: each row's ∂E/∂" + pre + " is 1/" + n + " of that example's own, so the sum is their mean.")));
        parts.add(Part.prose("One row's chain: `explain dE/d" + pre + "[0]`, or set `input` to that row alone."));
        return parts;
    }

    /** o_pre[r,0] as TeX: o_{pre}[r,0]. */
    private static String tex(String s) {
        int u = s.indexOf('_');
        int br = s.indexOf('[');
        if (u < 0 || br < u) return s;
        return s.substring(0, u) + "_{" + s.substring(u + 1, br) + "}" + s.substring(br);
    }
}
