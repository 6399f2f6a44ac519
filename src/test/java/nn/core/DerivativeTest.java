package nn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each activation's and each loss's derivative, written by hand beside the function, against central differences. */
class DerivativeTest {

    static final double H = 1e-5;

    /** |analytic − numeric| within a relative 1e-7 of their size, or 1e-9 absolute near zero. */
    static void close(double analytic, double numeric, String what) {
        double tol = 1e-7 * Math.max(Math.abs(analytic), Math.abs(numeric)) + 1e-9;
        assertTrue(Math.abs(analytic - numeric) <= tol, () -> what + ": analytic " + analytic + " vs central difference " + numeric);
    }

    /** Points away from the ReLU kink at 0, on both sides, and in the saturating tails. */
    static final double[] POINTS = {-6.0, -2.5, -1.2, -0.3, -0.01, 0.02, 0.4, 1.7, 3.5, 8.0};

    static Stream<Arguments> elementwise() {
        List<Arguments> out = new ArrayList<>();
        for (Activation a : Activation.values()) {
            if (!a.elementwise()) continue;
            out.add(Arguments.of(a, a == Activation.LEAKY_RELU ? Activation.DEFAULT_LEAKY_SLOPE : 0));
            if (a == Activation.LEAKY_RELU) out.add(Arguments.of(a, 0.2));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} (p = {1})")
    @MethodSource("elementwise")
    void activationDerivativeMatchesCentralDifference(Activation act, double p) {
        for (double z : POINTS) {
            double numeric = (act.f(z + H, p) - act.f(z - H, p)) / (2 * H);
            close(act.df(z, act.f(z, p), p), numeric, act.id + "'(" + z + ")");
        }
    }

    @Test
    void everyActivationButSoftmaxIsElementwise() {
        for (Activation a : Activation.values()) assertEquals(a != Activation.SOFTMAX, a.elementwise(), a.id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwise")
    void rowwiseForwardAndBackwardAgreeWithTheElementwiseRule(Activation act, double p) {
        double[] z = {0, -0.7, 1.3, 2.1, -3};
        double[] a = new double[5];
        double[] dA = {9, 0.5, -1.5, 2, 0.25};
        double[] dZ = new double[5];
        act.forward(z, a, 1, 4, p);
        act.backward(z, a, dA, dZ, 1, 4, p);
        assertEquals(0, a[0], 0.0, "outside the row: untouched");
        for (int i = 1; i < 5; i++) {
            assertEquals(act.f(z[i], p), a[i], 0.0);
            assertEquals(dA[i] * act.df(z[i], a[i], p), dZ[i], 0.0);
        }
    }

    @Test
    void sigmoidNeverOverflows() {
        assertEquals(0, Activation.SIGMOID.f(-1000, 0), 0.0);
        assertEquals(1, Activation.SIGMOID.f(1000, 0), 0.0);
        assertEquals(0.5, Activation.SIGMOID.f(0, 0), 0.0);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void softmaxJacobianMatchesCentralDifferences(long seed) {
        Random r = new Random(seed);
        int n = 2 + r.nextInt(4);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) z[i] = 4 * r.nextDouble() - 2;
        double[] a = new double[n];
        Activation.SOFTMAX.forward(z, a, 0, n, 0);
        double sum = 0;
        for (double v : a) sum += v;
        assertEquals(1, sum, 1e-15);
        for (int i = 0; i < n; i++) {
            // dA = e_i gives dZ_j = ∂a_i/∂z_j: row i of the Jacobian
            double[] dA = new double[n];
            dA[i] = 1;
            double[] dZ = new double[n];
            Activation.SOFTMAX.backward(z, a, dA, dZ, 0, n, 0);
            for (int j = 0; j < n; j++) {
                double[] zp = z.clone();
                double[] zm = z.clone();
                zp[j] += H;
                zm[j] -= H;
                double[] ap = new double[n];
                double[] am = new double[n];
                Activation.SOFTMAX.forward(zp, ap, 0, n, 0);
                Activation.SOFTMAX.forward(zm, am, 0, n, 0);
                close(dZ[j], (ap[i] - am[i]) / (2 * H), "∂a" + i + "/∂z" + j);
                // and the closed form a_i(δ_ij − a_j)
                close(dZ[j], a[i] * ((i == j ? 1 : 0) - a[j]), "a_i(δ_ij − a_j) at " + i + "," + j);
            }
        }
    }

    @Test
    void softmaxOfLargeInputsIsFinite() {
        double[] z = {1000, 1001, 999};
        double[] a = new double[3];
        Activation.SOFTMAX.forward(z, a, 0, 3, 0);
        for (double v : a) assertTrue(Double.isFinite(v) && v > 0);
    }

    static Stream<Long> seeds() { return Stream.of(1L, 2L, 3L, 4L, 5L); }

    static Stream<Arguments> lossesAndSeeds() {
        List<Arguments> out = new ArrayList<>();
        for (Loss l : Loss.values()) for (long s = 1; s <= 5; s++) out.add(Arguments.of(l, s));
        return out.stream();
    }

    /** Outputs and targets each loss is defined for: probabilities for the cross-entropies. */
    static double[][] example(Loss loss, Random r, int n) {
        double[] o = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            o[i] = loss == Loss.HALF_SSE || loss == Loss.MSE ? 4 * r.nextDouble() - 2 : 0.05 + 0.9 * r.nextDouble();
            y[i] = loss == Loss.HALF_SSE || loss == Loss.MSE ? 4 * r.nextDouble() - 2 : r.nextDouble();
        }
        return new double[][] {o, y};
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("lossesAndSeeds")
    void lossGradientMatchesCentralDifferences(Loss loss, long seed) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(4);
        double[][] ex = example(loss, r, n);
        double[] o = ex[0];
        double[] y = ex[1];
        double[] g = new double[n];
        loss.gradient(o, y, g, 0, n, 1);
        double[] half = new double[n];
        loss.gradient(o, y, half, 0, n, 0.5);
        for (int i = 0; i < n; i++) {
            double[] op = o.clone();
            double[] om = o.clone();
            op[i] += H;
            om[i] -= H;
            close(g[i], (loss.value(op, y, 0, n) - loss.value(om, y, 0, n)) / (2 * H), loss.id + " ∂E/∂o" + i);
            assertEquals(0.5 * g[i], half[i], 1e-15, "scale multiplies the gradient");
        }
    }

    @Test
    void lossValuesByTheirDefinitions() {
        double[] o = {0.8, 0.3};
        double[] y = {1, 0};
        assertEquals(0.5 * (0.04 + 0.09), Loss.HALF_SSE.value(o, y, 0, 2), 1e-15);
        assertEquals((0.04 + 0.09) / 2, Loss.MSE.value(o, y, 0, 2), 1e-15);
        assertEquals(-(Math.log(0.8) + Math.log(0.7)) / 2, Loss.BCE.value(o, y, 0, 2), 1e-15);
        assertEquals(-Math.log(0.8), Loss.CROSS_ENTROPY.value(o, y, 0, 2), 1e-15);
        // BCE clamps each log at −100, as PyTorch's BCELoss does
        assertEquals(100, Loss.BCE.value(new double[] {0}, new double[] {1}, 0, 1), 0.0);
    }

    @Test
    void namesAndAliases() {
        assertEquals(Loss.HALF_SSE, Loss.byName("half_sse"));
        assertEquals(Loss.MSE, Loss.byName("MSELoss"));
        assertEquals(Loss.BCE, Loss.byName("binary-cross-entropy"));
        assertEquals(Loss.CROSS_ENTROPY, Loss.byName("cross_entropy"));
        assertEquals(null, Loss.byName("hinge"));
        assertEquals(Activation.LEAKY_RELU, Activation.byName("LeakyReLU"));
        assertEquals(Activation.LINEAR, Activation.byName("identity"));
        assertEquals(Activation.SIGMOID, Activation.byName("σ"));
        assertEquals(null, Activation.byName("gelu"));
    }
}
