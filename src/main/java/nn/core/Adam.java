package nn.core;

import java.util.List;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1): at step t, with g ← g + wd·p (PyTorch's weight decay),
 * m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t),
 * p ← p − lr·m̂ / (√v̂ + ε). Defaults β1 = 0.9, β2 = 0.999, ε = 1e-8 (as the paper and PyTorch).
 */
public final class Adam extends Optimizer {
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPS = 1e-8;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double[][] m;
    private final double[][] v;
    private long t;
    /** 1 − β1^t and 1 − β2^t for the current step, computed once per step. */
    private double c1;
    private double c2;

    public Adam(double beta1, double beta2, double eps, int[] sizes) { this(beta1, beta2, eps, 0, sizes); }

    public Adam(double beta1, double beta2, double eps, double weightDecay, int[] sizes) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        m = new double[sizes.length][];
        v = new double[sizes.length][];
        for (int s = 0; s < sizes.length; s++) {
            m[s] = new double[sizes[s]];
            v[s] = new double[sizes[s]];
        }
    }

    @Override public void beginStep() {
        t++;
        c1 = 1 - Math.pow(beta1, t);
        c2 = 1 - Math.pow(beta2, t);
    }

    @Override public void update(int slot, double[] p, double[] g, double lr) {
        double[] ms = m[slot];
        double[] vs = v[slot];
        for (int i = 0; i < p.length; i++) {
            double gi = weightDecay == 0 ? g[i] : g[i] + weightDecay * p[i];
            ms[i] = beta1 * ms[i] + (1 - beta1) * gi;
            vs[i] = beta2 * vs[i] + (1 - beta2) * gi * gi;
            double mHat = ms[i] / c1;
            double vHat = vs[i] / c2;
            p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
        }
    }

    @Override public long steps() { return t; }

    /** m̂ and v̂ of the last step are m and v over 1 − β^t: shown, not kept. */
    public double[] hat(String name, int slot) {
        double[] a = name.equals("m") ? m[slot] : v[slot];
        double c = name.equals("m") ? 1 - Math.pow(beta1, t) : 1 - Math.pow(beta2, t);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] / c;
        return out;
    }

    @Override public Optimizer copy() {
        int[] sizes = new int[m.length];
        for (int s = 0; s < sizes.length; s++) sizes[s] = m[s].length;
        Adam a = new Adam(beta1, beta2, eps, weightDecay, sizes);
        for (int s = 0; s < sizes.length; s++) {
            System.arraycopy(m[s], 0, a.m[s], 0, sizes[s]);
            System.arraycopy(v[s], 0, a.v[s], 0, sizes[s]);
        }
        a.t = t;
        a.c1 = c1;
        a.c2 = c2;
        return a;
    }

    @Override public double[] state(String name, int slot) { return name.equals("m") ? m[slot] : name.equals("v") ? v[slot] : null; }

    @Override public List<String> stateNames() { return List.of("m", "v"); }

    public double beta1() { return beta1; }

    public double beta2() { return beta2; }

    public double eps() { return eps; }
}
