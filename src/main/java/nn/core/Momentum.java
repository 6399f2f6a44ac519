package nn.core;

/**
 * Gradient descent with momentum (heavy ball, as PyTorch's SGD with momentum and no dampening):
 * v ← μ·v + g, then p ← p − lr·v, with v starting at zero. μ = 0.9 unless set.
 */
public final class Momentum extends Optimizer {
    public static final double DEFAULT_MU = 0.9;
    private final double mu;
    private final double[][] velocity;

    /** {@code sizes[slot]}: the length of each parameter array this optimizer will update. */
    public Momentum(double mu, int[] sizes) {
        this.mu = mu;
        velocity = new double[sizes.length][];
        for (int s = 0; s < sizes.length; s++) velocity[s] = new double[sizes[s]];
    }

    @Override public void update(int slot, double[] p, double[] g, double lr) {
        double[] v = velocity[slot];
        for (int i = 0; i < p.length; i++) {
            v[i] = mu * v[i] + g[i];
            p[i] -= lr * v[i];
        }
    }

    /** The velocity of one slot (for tests and inspection). */
    public double[] velocity(int slot) { return velocity[slot]; }

    @Override public String describe() { return "momentum (μ = " + mu + ")"; }
}
