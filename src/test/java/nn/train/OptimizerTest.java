package nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import nn.core.Adam;
import nn.core.Momentum;
import nn.core.Optimizer;
import nn.core.Sgd;
import org.junit.jupiter.api.Test;

/**
 * Each update rule on p = [1, −2] with gradients g1 = [0.5, 0.1] then g2 = [0.2, −0.3], lr = 0.1, against values
 * worked out by hand (Adam's with 40-digit decimal arithmetic, written out in the comments).
 */
class OptimizerTest {
    private static final double[] G1 = {0.5, 0.1};
    private static final double[] G2 = {0.2, -0.3};

    private static double[] twoSteps(Optimizer o) {
        double[] p = {1, -2};
        o.beginStep();
        o.update(0, p, G1, 0.1);
        o.beginStep();
        o.update(0, p, G2, 0.1);
        return p;
    }

    @Test
    void sgdSubtractsTheScaledGradient() {
        double[] p = {1, -2};
        new Sgd().update(0, p, G1, 0.1);
        // 1 − 0.1·0.5 = 0.95; −2 − 0.1·0.1 = −2.01
        assertArrayEquals(new double[] {0.95, -2.01}, p, 1e-15);
        new Sgd().update(0, p, G2, 0.1);
        assertArrayEquals(new double[] {0.93, -1.98}, p, 1e-15);
    }

    @Test
    void momentumAccumulatesVelocity() {
        Momentum m = new Momentum(0.9, new int[] {2});
        double[] p = twoSteps(m);
        // v1 = g1 = [0.5, 0.1], p1 = [0.95, −2.01]; v2 = 0.9·v1 + g2 = [0.65, −0.21], p2 = p1 − 0.1·v2 = [0.885, −1.989]
        assertArrayEquals(new double[] {0.65, -0.21}, m.velocity(0), 1e-15);
        assertArrayEquals(new double[] {0.885, -1.989}, p, 1e-15);
    }

    @Test
    void momentumZeroIsPlainSgd() {
        double[] p = twoSteps(new Momentum(0, new int[] {2}));
        assertArrayEquals(new double[] {0.93, -1.98}, p, 1e-15);
    }

    @Test
    void adamFollowsTheBiasCorrectedRule() {
        Adam a = new Adam(0.9, 0.999, 1e-8, new int[] {2});
        double[] p = {1, -2};
        a.beginStep();
        a.update(0, p, G1, 0.1);
        // step 1: m̂ = g, v̂ = g², so p moves by lr·g/(|g| + ε): 0.90000000199999996, −2.09999999000000100
        assertArrayEquals(new double[] {0.9000000019999999600, -2.0999999900000010000}, p, 1e-15);
        a.beginStep();
        a.update(0, p, G2, 0.1);
        // step 2: m = [0.065, −0.021], v = [0.00028975, 0.00009999], corrections 0.19 and 0.001999
        assertArrayEquals(new double[] {0.81014248390292758594, -2.05058100887993421465}, p, 1e-14);
        assertEquals(2, a.steps());
    }

    @Test
    void slotsKeepSeparateState() {
        Momentum m = new Momentum(0.5, new int[] {1, 1});
        double[] p = {0};
        double[] q = {0};
        m.update(0, p, new double[] {1}, 1);
        m.update(1, q, new double[] {-1}, 1);
        m.update(0, p, new double[] {1}, 1);
        // slot 0: v = 1, then 1.5; p = −1 − 1.5 = −2.5. Slot 1 untouched by slot 0's history: q = 1
        assertEquals(-2.5, p[0], 0);
        assertEquals(1, q[0], 0);
    }

    @Test
    void settingsMakeEachRule() {
        assertEquals(Sgd.class, Optimizer.Settings.sgd().create(new int[] {1}).getClass());
        assertEquals(Momentum.class, Optimizer.Settings.sgd().named("momentum").create(new int[] {1}).getClass());
        assertEquals(Adam.class, Optimizer.Settings.sgd().named("adam").create(new int[] {1}).getClass());
    }
}
