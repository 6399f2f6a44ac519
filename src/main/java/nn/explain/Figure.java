package nn.explain;

import java.util.List;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Layer;
import nn.core.Network;

/**
 * What a picture of the network shows, whatever draws it: the number on every edge (a weight or the bias, or its
 * gradient) and the values beside every input and neuron, each with its name. {@link Picture} lays these out as
 * terminal text and {@link SvgPicture} as an SVG; both read them here, so the two always show the same numbers.
 */
final class Figure {
    /** A name and its value as written: "h_pre0", "0.29". */
    record Value(String name, String value) {
        String equation() { return name + " = " + value; }
    }

    final Network net;
    final Vocabulary v;
    final Notation n;
    final boolean gradients;
    private final ForwardPass p;
    private final Gradients g;
    private final double[] x;

    /** {@code net}: the current parameters; {@code p}, {@code g}, {@code x} may be null (not computed, not set). */
    Figure(Network net, ForwardPass p, Gradients g, double[] x, Vocabulary v, Notation n, boolean gradients) {
        this.net = net;
        this.p = p;
        this.g = g;
        this.x = x;
        this.v = v;
        this.n = n;
        this.gradients = gradients;
    }

    /** The label of edge j → neuron i of layer k (j = in: the bias's edge from a constant 1): its parameter or ∂E/∂ of it. */
    String edge(int k, int i, int j) {
        Layer l = net.layer(k);
        double value;
        int bi = l.bias == Layer.Bias.SHARED ? 0 : i;
        if (gradients && g != null) value = j < l.in ? g.dW()[k][i * l.in + j] : l.hasBias() ? g.dB()[k][bi] : 0;
        else value = j < l.in ? l.w(i, j) : l.bias(i);
        return n.text(value);
    }

    /** Input j's value, or null when no input of the network's size is set. */
    String input(int j) {
        return x != null && x.length == net.inputSize() ? n.text(x[j]) : null;
    }

    /** ∂E/∂ input j, or null when the picture shows no gradients or there are none yet. */
    Value inputGradient(int j) {
        return gradients && g != null && g.dX() != null ? new Value(gradient(v.x(j).text()), n.text(g.dX()[j])) : null;
    }

    /** Neuron i of layer k's pre-activation and activation (or their gradients); none before the pass that gives them. */
    List<Value> node(int k, int i) {
        String pre = v.pre(k, i).text();
        String act = v.act(k, i).text();
        if (gradients) {
            if (g == null) return List.of();
            return List.of(new Value(gradient(pre), n.text(g.dZ()[k][i])), new Value(gradient(act), n.text(g.dA()[k][i])));
        }
        if (p == null) return List.of();
        return List.of(new Value(pre, n.text(p.z()[k][i])), new Value(act, n.text(p.a()[k][i])));
    }

    /** Neuron i of layer k's bias (or its gradient); null when gradients are asked for and there are none yet. */
    Value bias(int k, int i) {
        String b = v.bias(k, i).text();
        Layer l = net.layer(k);
        if (!gradients) return new Value(b, n.text(l.bias(i)));
        return g == null || !l.hasBias() ? null : new Value(gradient(b), n.text(g.dB()[k][l.bias == Layer.Bias.SHARED ? 0 : i]));
    }

    private static String gradient(String name) { return "∂E/∂" + name; }
}
