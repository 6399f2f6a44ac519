package nn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Network.backward on random networks (every activation, every loss, depths 1 to 4) against central finite
 * differences of the loss: every parameter gradient, and the gradients of every activation, pre-activation and the
 * input. The differences perturb one number and recompute the loss from that point on, independently of backward.
 */
class GradientCheckTest {

    static final double H = 1e-5;
    static final double REL = 1e-6;

    record Case(long seed, Activation hidden, Activation output, Loss loss, int depth) {
        @Override public String toString() {
            return "seed " + seed + ": " + hidden.id + " hidden, " + output.id + " output, " + loss.id + ", depth " + depth;
        }
    }

    /** The output activations each loss is meant for; squared errors take any. */
    static List<Activation> outputsFor(Loss loss) {
        return switch (loss) {
            case BCE -> List.of(Activation.SIGMOID, Activation.SOFTMAX);
            case CROSS_ENTROPY -> List.of(Activation.SOFTMAX, Activation.SIGMOID);
            default -> List.of(Activation.values());
        };
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 1;
        for (Loss loss : Loss.values()) {
            for (int depth = 1; depth <= 4; depth++) {
                for (Activation hidden : Activation.values()) {
                    List<Activation> outputs = outputsFor(loss);
                    for (int rep = 0; rep < 2; rep++) {
                        // cycle through the output activations so that every pairing of loss and output occurs
                        Activation output = depth == 1 && outputs.contains(hidden) ? hidden
                                : outputs.get((int) ((seed + rep) % outputs.size()));
                        Case c = new Case(seed++, hidden, output, loss, depth);
                        out.add(Arguments.of(c.seed(), c));
                    }
                }
            }
        }
        return out.stream();
    }

    /** A random network and example; pre-activations of ReLU layers kept away from the kink at 0. */
    static Object[] build(Case c) {
        Random r = new Random(c.seed());
        for (int attempt = 0; ; attempt++) {
            Network net = new Network();
            net.setLoss(c.loss());
            int in = 1 + r.nextInt(4);
            int width = in;
            for (int k = 0; k < c.depth(); k++) {
                Activation act = k == c.depth() - 1 ? c.output() : c.hidden();
                int out = k == c.depth() - 1 ? 1 + r.nextInt(3) : 1 + r.nextInt(4);
                if (act == Activation.SOFTMAX && out == 1) out = 2; // a one-output softmax is the constant 1
                Layer l = new Layer(null, act, act == Activation.LEAKY_RELU ? 0.1 : 0, width, out);
                for (int i = 0; i < l.W.length; i++) l.W[i] = 2 * r.nextDouble() - 1;
                for (int i = 0; i < l.b.length; i++) l.b[i] = r.nextDouble() - 0.5;
                net.add(l);
                width = out;
            }
            double[] x = new double[in];
            for (int i = 0; i < in; i++) x[i] = 2 * r.nextDouble() - 1;
            double[] y = new double[width];
            for (int i = 0; i < width; i++) y[i] = c.loss() == Loss.HALF_SSE || c.loss() == Loss.MSE ? 2 * r.nextDouble() - 1 : r.nextDouble();
            if (c.loss() == Loss.CROSS_ENTROPY && r.nextBoolean()) {
                java.util.Arrays.fill(y, 0);
                y[r.nextInt(width)] = 1; // one-hot, as classification writes it
            }
            ForwardPass p = net.forward(x, y);
            if (awayFromKinks(p) || attempt > 100) return new Object[] {net, x, y, p};
        }
    }

    static boolean awayFromKinks(ForwardPass p) {
        for (int k = 0; k < p.z().length; k++) {
            Activation a = p.net().layer(k).activation;
            if (a != Activation.RELU && a != Activation.LEAKY_RELU) continue;
            for (double z : p.z()[k]) if (Math.abs(z) < 1e-3) return false;
        }
        return true;
    }

    /** The loss computed from layer k's activation onwards (k = −1: from the input). */
    static double lossFromActivation(Network net, int k, double[] a, double[] y) {
        double[] cur = a;
        for (int j = k + 1; j < net.depth(); j++) cur = layerForward(net.layer(j), cur)[1];
        return net.loss().value(cur, y, 0, y.length);
    }

    /** The loss computed from layer k's pre-activation onwards. */
    static double lossFromPre(Network net, int k, double[] z, double[] y) {
        Layer l = net.layer(k);
        double[] a = new double[l.out];
        l.activation.forward(z, a, 0, l.out, l.param);
        return lossFromActivation(net, k, a, y);
    }

    /** {z, a} of one layer, computed by hand (not through Kernels) so the check does not share code with backward. */
    static double[][] layerForward(Layer l, double[] in) {
        double[] z = new double[l.out];
        for (int i = 0; i < l.out; i++) {
            double s = l.b[i];
            for (int j = 0; j < l.in; j++) s += l.W[i * l.in + j] * in[j];
            z[i] = s;
        }
        double[] a = new double[l.out];
        l.activation.forward(z, a, 0, l.out, l.param);
        return new double[][] {z, a};
    }

    static void check(double[] analytic, double[] point, ToDoubleFunction<double[]> loss, String what) {
        assertEquals(point.length, analytic.length, what + ": length");
        for (int i = 0; i < point.length; i++) {
            double[] plus = point.clone();
            double[] minus = point.clone();
            plus[i] += H;
            minus[i] -= H;
            double numeric = (loss.applyAsDouble(plus) - loss.applyAsDouble(minus)) / (2 * H);
            double a = analytic[i];
            double err = Math.abs(a - numeric) / Math.max(Math.max(Math.abs(a), Math.abs(numeric)), 1e-3);
            int at = i;
            assertTrue(err < REL, () -> what + "[" + at + "]: backward " + a + ", central difference " + numeric + ", relative error " + err);
        }
    }

    @ParameterizedTest(name = "seed {0}: {1}")
    @MethodSource("cases")
    void backwardMatchesCentralDifferences(long seed, Case c) {
        Object[] built = build(c);
        Network net = (Network) built[0];
        double[] x = (double[]) built[1];
        double[] y = (double[]) built[2];
        ForwardPass p = (ForwardPass) built[3];
        Gradients g = Network.backward(p);
        assertEquals(net.fusedOutput(), g.fused());
        assertEquals(p.E(), lossFromActivation(net, -1, x, y), 1e-12, "the forward pass's loss, recomputed by hand");

        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            int layer = k;
            check(g.dW()[k], l.W, w -> {
                Network n = net.copy();
                System.arraycopy(w, 0, n.layer(layer).W, 0, w.length);
                return lossFromActivation(n, -1, x, y);
            }, "dE/dW" + k);
            check(g.dB()[k], l.b, b -> {
                Network n = net.copy();
                System.arraycopy(b, 0, n.layer(layer).b, 0, b.length);
                return lossFromActivation(n, -1, x, y);
            }, "dE/db" + k);
            check(g.dZ()[k], p.z()[k], z -> lossFromPre(net, layer, z, y), "dE/dz" + k);
            check(g.dA()[k], p.a()[k], a -> lossFromActivation(net, layer, a, y), "dE/da" + k);
        }
        check(g.dX(), x, xs -> lossFromActivation(net, -1, xs, y), "dE/dx");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("nn.core.DerivativeTest#seeds")
    void anUpdateStepsDownhill(long seed) {
        Case c = new Case(seed, Activation.TANH, Activation.SIGMOID, Loss.HALF_SSE, 3);
        Object[] built = build(c);
        Network net = (Network) built[0];
        ForwardPass p = (ForwardPass) built[3];
        Gradients g = Network.backward(p);
        Network before = net.copy();
        net.update(g, 0.01);
        for (int k = 0; k < net.depth(); k++) {
            for (int i = 0; i < net.layer(k).W.length; i++) {
                assertEquals(before.layer(k).W[i] - 0.01 * g.dW()[k][i], net.layer(k).W[i], 0.0);
            }
            for (int i = 0; i < net.layer(k).b.length; i++) {
                assertEquals(before.layer(k).b[i] - 0.01 * g.dB()[k][i], net.layer(k).b[i], 0.0);
            }
        }
        double after = net.forward((double[]) built[1], (double[]) built[2]).E();
        assertTrue(after < p.E(), "a small step along −gradient lowers the loss: " + p.E() + " → " + after);
        // the recorded pass keeps the weights it used
        assertEquals(before.layer(0).W[0], p.net().layer(0).W[0], 0.0);
    }
}
