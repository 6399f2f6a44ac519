package nn.core;

import java.util.List;

/**
 * Gradient descent with momentum, as PyTorch's SGD with momentum and no dampening: g ← g + wd·p, v ← μ·v + g, then
 * p ← p − lr·v (Nesterov: p ← p − lr·(g + μ·v)), with v starting at zero. μ = 0.9 unless set.
 */
public final class Momentum extends Optimizer {
    public static final double DEFAULT_MU = 0.9;
    private final double mu;
    private final boolean nesterov;
    private final double weightDecay;
    private final double[][] velocity;
    private long t;

    /** {@code sizes[slot]}: the length of each parameter array this optimizer will update. */
    public Momentum(double mu, int[] sizes) { this(mu, false, 0, sizes); }

    public Momentum(double mu, boolean nesterov, double weightDecay, int[] sizes) {
        this.mu = mu;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        velocity = new double[sizes.length][];
        for (int s = 0; s < sizes.length; s++) velocity[s] = new double[sizes[s]];
    }

    @Override public void beginStep() { t++; }

    @Override public void update(int slot, double[] p, double[] g, double lr) {
        double[] v = velocity[slot];
        if (!nesterov && weightDecay == 0) {
            for (int i = 0; i < p.length; i++) {
                v[i] = mu * v[i] + g[i];
                p[i] -= lr * v[i];
            }
            return;
        }
        for (int i = 0; i < p.length; i++) {
            double gi = g[i] + weightDecay * p[i];
            v[i] = mu * v[i] + gi;
            p[i] -= lr * (nesterov ? gi + mu * v[i] : v[i]);
        }
    }

    /** The velocity of one slot (for tests and inspection). */
    public double[] velocity(int slot) { return velocity[slot]; }

    @Override public Optimizer copy() {
        int[] sizes = new int[velocity.length];
        for (int s = 0; s < sizes.length; s++) sizes[s] = velocity[s].length;
        Momentum m = new Momentum(mu, nesterov, weightDecay, sizes);
        for (int s = 0; s < sizes.length; s++) System.arraycopy(velocity[s], 0, m.velocity[s], 0, sizes[s]);
        m.t = t;
        return m;
    }

    @Override public long steps() { return t; }

    @Override public double[] state(String name, int slot) { return name.equals("v") ? velocity[slot] : null; }

    @Override public List<String> stateNames() { return List.of("v"); }

    public double mu() { return mu; }

    public boolean nesterov() { return nesterov; }
}
