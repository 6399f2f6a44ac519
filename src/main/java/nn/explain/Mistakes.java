package nn.explain;

import nn.core.Activation;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Layer;
import nn.core.Network;
import nn.core.Value;
import nn.core.graph.Activate;
import nn.core.graph.Dense;
import nn.core.graph.Node;
import nn.core.graph.Twist;

/**
 * The usual slips of a hand computation, each computed for real so that a failed expect can say "your value is what
 * you get without the ½" only when that is true: the loss without its ½, the sign flipped, an activation's
 * derivative left out, the already-updated weights used to pass the gradient down, intermediates rounded.
 * Each slip re-runs the network's one forward and backward pass with a {@link Twist}, or scales what it computed:
 * no pass is written again here.
 */
public final class Mistakes {
    private Mistakes() { }

    /** Every gradient times f (they are all linear in the output's gradient): f = 2 drops the ½, f = −1 flips signs. */
    public static Gradients scaled(Gradients g, double f) {
        return new Gradients(g.pass(), times(g.dA(), f), times(g.dZ(), f), times(g.dW(), f), times(g.dB(), f),
                g.dX() == null ? null : times(new double[][] {g.dX()}, f)[0], g.fused());
    }

    private static double[][] times(double[][] a, double f) {
        double[][] out = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            out[k] = a[k].clone();
            for (int i = 0; i < out[k].length; i++) out[k][i] *= f;
        }
        return out;
    }

    /** True when layer m has a derivative a learner could leave out (not linear, elementwise, not fused). */
    public static boolean hasDerivative(ForwardPass p, int m) {
        Layer l = p.net().layer(m);
        return l.activation != Activation.LINEAR && l.activation.elementwise() && !(p.net().fusedOutput() && m == p.net().depth() - 1);
    }

    /** Backward with layer m's activation derivative taken as 1 (σ′ forgotten). */
    public static Gradients withoutDerivative(ForwardPass p, int m) {
        Node act = p.actNode(m);
        return Network.backward(p, new Twist() {
            @Override public double derivative(Node n, int i, double d) { return n == act ? 1 : d; }
            @Override public boolean active() { return true; }
        });
    }

    /** Backward through the recorded values but with other weights (the updated ones) passing the gradient down. */
    public static Gradients withWeights(ForwardPass p, Network weights) {
        return Network.backward(p, new Twist() {
            @Override public double[] backwardInput(Node n, int i) {
                if (i == 1 && n.op == Dense.OP) {
                    for (int k = 0; k < p.net().depth(); k++) if (p.preNode(k) == n) return weights.layer(k).W;
                }
                return n.input(i).data;
            }
            @Override public boolean active() { return true; }
        });
    }

    /**
     * The forward pass with layer k's square W used transposed (x·W where W·x is meant, or a matrix pasted as its
     * columns): a common slip when a source writes the weights one column per neuron.
     */
    public static ForwardPass transposedWeights(ForwardPass p, int k) {
        Network n = p.net().copy();
        nn.core.Layer l = n.layer(k);
        double[] t = new double[l.W.length];
        for (int i = 0; i < l.out; i++) for (int j = 0; j < l.in; j++) t[j * l.out + i] = l.W[i * l.in + j];
        System.arraycopy(t, 0, l.W, 0, t.length);
        return n.forward(p.inputNode().value(), p.targetNode() == null ? null : Value.of(p.targetNode().shape, p.y()), Twist.NONE);
    }

    /** The parameters an update with these gradients gives. */
    public static Network updated(Network before, Gradients g, double lr) {
        Network n = before.copy();
        n.update(g, lr);
        return n;
    }

    static double round(double v, int decimals) {
        double s = Math.pow(10, decimals);
        double r = Math.rint(v * s) / s;
        return Double.isFinite(r) ? r : v;
    }

    private static void round(double[] v, int decimals) {
        for (int i = 0; i < v.length; i++) v[i] = round(v[i], decimals);
    }

    /** A weighted sum or an activation of a layer: what a hand computation writes down, rounded, before going on. */
    private static boolean written(Node n) { return n.op == Dense.OP || n.op instanceof Activate; }

    /** The forward pass of {@code p}'s network and example with every pre-activation and activation rounded to {@code d} decimals. */
    public static ForwardPass roundedForward(ForwardPass p, int d) {
        Twist rounding = new Twist() {
            @Override public void value(Node n) { if (written(n)) round(n.data, d); }
        };
        return p.net().forward(p.inputNode().value(), p.targetNode() == null ? null : Value.of(p.targetNode().shape, p.y()), rounding);
    }

    /**
     * Backward through a rounded pass as a hand computation does it: every local derivative and every gradient of a
     * value (∂E/∂a, ∂E/∂z, ∂E/∂x) rounded to {@code d} decimals before it is used; the parameters' gradients are
     * products of rounded factors, not rounded again.
     */
    public static Gradients roundedBackward(ForwardPass p, int d) {
        return Network.backward(p, new Twist() {
            @Override public void gradient(Node n, double[] g) { if (written(n) || n == p.inputNode()) round(g, d); }
            @Override public double derivative(Node n, int i, double v) { return round(v, d); }
            @Override public boolean active() { return true; }
        });
    }

    /** Parameters after an update computed by hand: w* = round(w − μ·round(∂E/∂w)). */
    public static Network roundedUpdate(Network before, Gradients g, double lr, int d) {
        Network n = updated(before, g, lr);
        for (Layer l : n.layers()) {
            round(l.W, d);
            round(l.b, d);
        }
        return n;
    }
}
