package nn.explain;

import nn.core.Activation;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Kernels;
import nn.core.Layer;
import nn.core.Loss;
import nn.core.Network;

/**
 * The usual slips of a hand computation, each computed for real so that a failed expect can say "your value is what
 * you get without the ½" only when that is true: the loss without its ½, the sign flipped, an activation's
 * derivative left out, the already-updated weights used to pass the gradient down, intermediates rounded.
 * Each method returns the pass or gradients the slip produces; the core (Network.backward, Kernels) does the
 * arithmetic, and the rounded passes only round between its steps.
 */
public final class Mistakes {
    private Mistakes() { }

    /** Every gradient times f (they are all linear in the output's gradient): f = 2 drops the ½, f = −1 flips signs. */
    public static Gradients scaled(Gradients g, double f) {
        return new Gradients(g.pass(), times(g.dA(), f), times(g.dZ(), f), times(g.dW(), f), times(g.dB(), f),
                g.dX() == null ? null : times(new double[][] {g.dX()}, f)[0], g.fused());
    }

    /** The pass with its loss times {@code lossFactor} and its values times {@code valueFactor}. */
    public static ForwardPass scaled(ForwardPass p, double lossFactor, double valueFactor) {
        return new ForwardPass(p.net(), p.x(), p.y(), times(p.z(), valueFactor), times(p.a(), valueFactor), p.E() * lossFactor);
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

    /** Backward with layer m's activation derivative taken as 1 (σ′ forgotten): layer m made linear for backward only. */
    public static Gradients withoutDerivative(ForwardPass p, int m) {
        Network net = new Network();
        for (int k = 0; k < p.net().depth(); k++) {
            Layer l = p.net().layer(k);
            net.add(k == m ? retyped(l, Activation.LINEAR) : l.copy());
        }
        net.setLoss(p.net().loss());
        return Network.backward(new ForwardPass(net, p.x(), p.y(), p.z(), p.a(), p.E()));
    }

    /** Backward through the recorded values but with other weights (the updated ones) passing the gradient down. */
    public static Gradients withWeights(ForwardPass p, Network weights) {
        Network net = p.net().copy();
        for (int k = 0; k < net.depth(); k++) System.arraycopy(weights.layer(k).W, 0, net.layer(k).W, 0, net.layer(k).W.length);
        return Network.backward(new ForwardPass(net, p.x(), p.y(), p.z(), p.a(), p.E()));
    }

    /** The parameters an update with these gradients gives. */
    public static Network updated(Network before, Gradients g, double lr) {
        Network n = before.copy();
        n.update(g, lr);
        return n;
    }

    private static Layer retyped(Layer l, Activation a) {
        Layer c = new Layer(l.name, a, l.param, l.in, l.out);
        System.arraycopy(l.W, 0, c.W, 0, l.W.length);
        System.arraycopy(l.b, 0, c.b, 0, l.b.length);
        c.frozenW = l.frozenW;
        c.frozenB = l.frozenB;
        return c;
    }

    static double round(double v, int decimals) {
        double s = Math.pow(10, decimals);
        double r = Math.rint(v * s) / s;
        return Double.isFinite(r) ? r : v;
    }

    private static double[] round(double[] v, int decimals) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = round(v[i], decimals);
        return out;
    }

    /** The forward pass of {@code p}'s network and example with every intermediate rounded to {@code d} decimals. */
    public static ForwardPass roundedForward(ForwardPass p, int d) {
        Network net = p.net();
        int L = net.depth();
        double[][] z = new double[L][];
        double[][] a = new double[L][];
        double[] in = p.x();
        for (int k = 0; k < L; k++) {
            Layer l = net.layer(k);
            // the core's weighted sums (as Network.forward computes them), then rounded as a hand computation would
            z[k] = new double[l.out];
            Kernels.affine(in, 1, l.in, l.W, l.b, l.out, z[k]);
            z[k] = round(z[k], d);
            a[k] = new double[l.out];
            l.activation.forward(z[k], a[k], 0, l.out, l.param);
            a[k] = round(a[k], d);
            in = a[k];
        }
        double E = p.y() == null ? Double.NaN : net.loss().value(a[L - 1], p.y(), 0, p.y().length);
        return new ForwardPass(net, p.x(), p.y(), z, a, E);
    }

    /** Backward through a rounded pass, every factor and product rounded to {@code d} decimals as a hand computation. */
    public static Gradients roundedBackward(ForwardPass p, int d) {
        Network net = p.net();
        int L = net.depth();
        double[][] dA = new double[L][];
        double[][] dZ = new double[L][];
        double[][] dW = new double[L][];
        double[][] dB = new double[L][];
        double[] o = p.output();
        Loss loss = net.loss();
        dA[L - 1] = new double[o.length];
        loss.gradient(o, p.y(), dA[L - 1], 0, o.length, 1);
        dA[L - 1] = round(dA[L - 1], d);
        double[] dX = null;
        for (int k = L - 1; k >= 0; k--) {
            Layer l = net.layer(k);
            dZ[k] = new double[l.out];
            if (k == L - 1 && net.fusedOutput()) {
                double sumY = 0;
                for (double v : p.y()) sumY += v;
                for (int i = 0; i < l.out; i++) dZ[k][i] = round(o[i] * sumY - p.y()[i], d);
            } else if (l.activation.elementwise()) {
                for (int i = 0; i < l.out; i++) dZ[k][i] = round(dA[k][i] * round(l.activation.df(p.z()[k][i], p.a()[k][i], l.param), d), d);
            } else {
                l.activation.backward(p.z()[k], p.a()[k], dA[k], dZ[k], 0, l.out, l.param);
                dZ[k] = round(dZ[k], d);
            }
            // the gradients asked about are products of rounded factors, not rounded again themselves
            dW[k] = new double[l.out * l.in];
            dB[k] = new double[l.out];
            Kernels.weightGradients(dZ[k], p.inputTo(k), 1, l.in, l.out, dW[k], dB[k]);
            double[] below = new double[l.in];
            Kernels.inputGradients(dZ[k], l.W, 1, l.in, l.out, below);
            below = round(below, d);
            if (k > 0) dA[k - 1] = below; else dX = below;
        }
        return new Gradients(p, dA, dZ, dW, dB, dX, net.fusedOutput());
    }

    /** Parameters after an update computed by hand: w* = round(w − μ·round(∂E/∂w)). */
    public static Network roundedUpdate(Network before, Gradients g, double lr, int d) {
        Network n = updated(before, g, lr);
        for (Layer l : n.layers()) {
            for (int i = 0; i < l.W.length; i++) l.W[i] = round(l.W[i], d);
            for (int i = 0; i < l.b.length; i++) l.b[i] = round(l.b[i], d);
        }
        return n;
    }
}
