package nn.core;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1): at step t,
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
    private final double[][] m;
    private final double[][] v;
    private long t;
    /** 1 − β1^t and 1 − β2^t for the current step, computed once per step. */
    private double c1;
    private double c2;

    public Adam(double beta1, double beta2, double eps, int[] sizes) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
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
            double gi = g[i];
            ms[i] = beta1 * ms[i] + (1 - beta1) * gi;
            vs[i] = beta2 * vs[i] + (1 - beta2) * gi * gi;
            double mHat = ms[i] / c1;
            double vHat = vs[i] / c2;
            p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
        }
    }

    public long steps() { return t; }

    @Override public String describe() { return "adam (β1 = " + beta1 + ", β2 = " + beta2 + ", ε = " + eps + ")"; }
}
