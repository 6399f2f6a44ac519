package nn.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks backpropagation against calculus: for every parameter θ, the gradient backward computes is compared with
 * the central finite difference of the mean loss over the given rows, in its five-point form
 * [8(E(θ+h) − E(θ−h)) − (E(θ+2h) − E(θ−2h))] / 12h: the plain (E(θ+h) − E(θ−h)) / 2h is off by h²·E‴/6, which on
 * strongly curved losses (a saturated sigmoid under cross-entropy) reaches 1e-5 and would hide a real error of that
 * size; the five-point form is off by O(h⁴), and its best step is larger (h = 1e-3, about ε^(1/5), where rounding
 * in E, of order ε·|E|/h, stays small even for losses in the hundreds). The relative error
 * is |a − n| / max(|a|, |n|, {@link #FLOOR}) (the floor keeps gradients that are both almost zero from counting as
 * large relative errors). A difference that crosses a ReLU kink (some pre-activation of a relu or leaky_relu layer
 * changes sign between θ − 2h and θ + 2h) is not a fair test of the derivative there; such parameters are flagged and
 * left out of the verdict.
 */
public final class GradCheck {
    private GradCheck() { }

    public static final double DEFAULT_H = 1e-3;
    public static final double DEFAULT_TOLERANCE = 1e-5;
    public static final double FLOOR = 1e-6;

    /** One parameter checked: layer, weight (true) or bias, row i and column j (-1 for biases), both gradients. */
    public record Entry(int layer, boolean weight, int i, int j, double backprop, double numeric, double error, boolean kink) { }

    /** Every entry checked (in parameter order), how many parameters there are in all, and the step h. */
    public record Report(List<Entry> entries, long parameters, double h) {
        /** The entry with the largest relative error away from kinks (null if none). */
        public Entry worst() {
            Entry w = null;
            for (Entry e : entries) if (!e.kink() && (w == null || e.error() > w.error())) w = e;
            return w;
        }

        public int kinks() {
            int n = 0;
            for (Entry e : entries) if (e.kink()) n++;
            return n;
        }
    }

    /**
     * Checks {@code net} (not changed: it works on a copy) on the rows of {@code d}; with more than
     * {@code maxParameters} parameters, a seeded random sample of that many is checked.
     */
    public static Report run(Network net, DataSet d, double h, int maxParameters, long seed) {
        Network work = net.copy();
        BatchPass pass = new BatchPass(work, d.rows, d.X, d.Y);
        pass.forward(d.rows);
        pass.backward(d.rows);
        long total = work.parameterCount();
        List<long[]> chosen = choose(work, maxParameters, seed);
        boolean[] plus = new boolean[sideCount(work, d.rows)];
        boolean[] minus = new boolean[plus.length];
        List<Entry> out = new ArrayList<>();
        for (long[] c : chosen) {
            int k = (int) c[0];
            boolean weight = c[1] == 1;
            int idx = (int) c[2];
            Layer l = work.layer(k);
            double[] p = weight ? l.W : l.b;
            double analytic = (weight ? pass.dW[k] : pass.dB[k])[idx];
            double old = p[idx];
            p[idx] = old + h;
            double ePlus = loss(pass, d, plus);
            p[idx] = old - h;
            double eMinus = loss(pass, d, minus);
            boolean kink = !java.util.Arrays.equals(plus, minus);
            p[idx] = old + 2 * h;
            double ePlus2 = loss(pass, d, plus);
            kink |= !java.util.Arrays.equals(plus, minus);
            p[idx] = old - 2 * h;
            double eMinus2 = loss(pass, d, plus);
            kink |= !java.util.Arrays.equals(plus, minus);
            p[idx] = old;
            // the five-point central difference: the h² error terms of the steps h and 2h cancel, leaving O(h⁴)
            double numeric = (8 * (ePlus - eMinus) - (ePlus2 - eMinus2)) / (12 * h);
            double err = Math.abs(analytic - numeric) / Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), FLOOR);
            if (!Double.isFinite(err)) err = Double.POSITIVE_INFINITY;
            out.add(new Entry(k, weight, weight ? idx / l.in : idx, weight ? idx % l.in : -1, analytic, numeric, err, kink));
        }
        return new Report(out, total, h);
    }

    /** The mean loss at the current parameters, recording on which side of 0 each relu-type pre-activation lies. */
    private static double loss(BatchPass pass, DataSet d, boolean[] sides) {
        pass.forward(d.rows);
        int s = 0;
        for (int k = 0; k < pass.depth(); k++) {
            Activation f = pass.layer(k).activation;
            if (f != Activation.RELU && f != Activation.LEAKY_RELU) continue;
            double[] z = pass.pre(k);
            for (int i = 0; i < d.rows * pass.layer(k).out; i++) sides[s++] = z[i] > 0;
        }
        return pass.loss();
    }

    private static int sideCount(Network net, int rows) {
        int n = 0;
        for (Layer l : net.layers()) if (l.activation == Activation.RELU || l.activation == Activation.LEAKY_RELU) n += rows * l.out;
        return n;
    }

    /** {layer, weight?1:0, index} of the parameters to check: all, or a seeded sample in parameter order. */
    private static List<long[]> choose(Network net, int max, long seed) {
        List<long[]> all = new ArrayList<>();
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            for (int i = 0; i < l.W.length; i++) all.add(new long[] {k, 1, i});
            for (int i = 0; i < l.b.length; i++) all.add(new long[] {k, 0, i});
        }
        if (all.size() <= max) return all;
        int[] idx = new int[all.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        new SplitMix(seed).shuffle(idx);
        int[] pick = java.util.Arrays.copyOf(idx, max);
        java.util.Arrays.sort(pick);
        List<long[]> out = new ArrayList<>();
        for (int i : pick) out.add(all.get(i));
        return out;
    }
}
