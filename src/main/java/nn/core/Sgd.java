package nn.core;

import java.util.List;

/** Plain gradient descent, the reference's update: p ← p − lr·g (exactly what `update` does); with weight decay, g + wd·p. */
public final class Sgd extends Optimizer {
    private final double weightDecay;
    private long t;

    public Sgd() { this(0); }

    public Sgd(double weightDecay) { this.weightDecay = weightDecay; }

    @Override public void beginStep() { t++; }

    @Override public void update(int slot, double[] p, double[] g, double lr) {
        if (weightDecay == 0) {
            Kernels.sgd(p, g, lr);
            return;
        }
        for (int i = 0; i < p.length; i++) p[i] -= lr * (g[i] + weightDecay * p[i]);
    }

    @Override public Optimizer copy() {
        Sgd s = new Sgd(weightDecay);
        s.t = t;
        return s;
    }

    @Override public long steps() { return t; }

    @Override public double[] state(String name, int slot) { return null; }

    @Override public List<String> stateNames() { return List.of(); }
}
