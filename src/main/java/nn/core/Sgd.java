package nn.core;

/** Plain gradient descent, the reference's update: p ← p − lr·g (exactly what `update` does). */
public final class Sgd extends Optimizer {
    @Override public void update(int slot, double[] p, double[] g, double lr) { Kernels.sgd(p, g, lr); }

    @Override public String describe() { return "sgd"; }
}
