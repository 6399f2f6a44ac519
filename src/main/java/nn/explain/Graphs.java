package nn.explain;

import java.util.ArrayList;
import java.util.List;
import nn.core.Activation;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Layer;
import nn.core.Network;

/**
 * The one place that reads nn.core's network and passes for the computational-graph pictures: it writes the
 * network's computation of E as a {@link GraphDiagram}. A small network is written number by number, as
 * micrograd's MLP builds it (every w·x a "*" node, each neuron's sum a "+", its activation, the loss); a larger one
 * layer by layer (W @ x, + b, the activation), so that the picture stays one that can be read.
 */
public final class Graphs {
    private Graphs() { }

    /** Networks with at most this many weights are drawn number by number. */
    static final int SCALAR_WEIGHTS = 12;

    /** {@code p}, {@code g} may be null (not computed yet): the values they would give are then left blank. */
    public static GraphDiagram diagram(Network net, ForwardPass p, Gradients g, Vocabulary v, Notation n) {
        long weights = 0;
        for (Layer l : net.layers()) weights += (long) l.in * l.out;
        return weights <= SCALAR_WEIGHTS ? scalars(net, p, g, v, n) : layers(net, p, g, v, n);
    }

    /**
     * A recorded computation graph as it is: every value (the user's names, the network's, u-numbered intermediates),
     * every operation, and the gradients of the last backward pass where it ran through these very nodes.
     */
    public static GraphDiagram of(nn.core.graph.Graph graph, nn.core.graph.Backward bw, Notation n) {
        List<GraphDiagram.Value> values = new ArrayList<>();
        List<GraphDiagram.Op> ops = new ArrayList<>();
        java.util.Map<nn.core.graph.Node, Integer> index = new java.util.HashMap<>();
        for (nn.core.graph.Node node : graph.nodes()) {
            String name = GraphChain.nameOf(graph, node);
            double[] grad = null;
            if (bw != null && node.id < bw.grads().length && node.id < bw.graph().size() && bw.graph().get(node.id) == node) grad = bw.of(node);
            values.add(new GraphDiagram.Value(name, text(node.data, n), grad == null ? null : text(grad, n), node.data.length == 1 ? node.data[0] : Double.NaN));
            index.put(node, values.size() - 1);
            if (node.leaf()) continue;
            List<Integer> operands = new ArrayList<>();
            for (int i = 0; i < node.arity(); i++) operands.add(index.get(node.input(i)));
            ops.add(new GraphDiagram.Op(node.op.symbol(), operands, values.size() - 1));
        }
        String root = bw == null ? "E" : GraphChain.nameOf(bw.graph(), bw.root());
        return new GraphDiagram(bw == null ? "graph" : "graph of " + root, root == null ? "E" : root, values, ops);
    }

    /** A value as the picture writes it: a number, a short vector, or its shape. */
    private static String text(double[] v, Notation n) {
        if (v.length == 1) return n.text(v[0]);
        if (v.length <= 4) {
            List<String> parts = new ArrayList<>();
            for (double d : v) parts.add(n.text(d));
            return "[" + String.join(", ", parts) + "]";
        }
        return v.length + " numbers";
    }

    /** Builds the lists of a diagram, value by value. */
    private static final class Builder {
        final List<GraphDiagram.Value> values = new ArrayList<>();
        final List<GraphDiagram.Op> ops = new ArrayList<>();
        final Notation n;

        Builder(Notation n) { this.n = n; }

        int value(String name, double data, boolean known, Double grad) {
            values.add(new GraphDiagram.Value(name, known ? n.text(data) : null, grad == null ? null : n.text(grad), known ? data : Double.NaN));
            return values.size() - 1;
        }

        int text(String name, String data, String grad) {
            values.add(new GraphDiagram.Value(name, data, grad, Double.NaN));
            return values.size() - 1;
        }

        void op(String symbol, List<Integer> operands, int result) { ops.add(new GraphDiagram.Op(symbol, operands, result)); }
    }

    private static GraphDiagram scalars(Network net, ForwardPass p, Gradients g, Vocabulary v, Notation n) {
        Builder b = new Builder(n);
        int[] in = new int[net.inputSize()];
        for (int j = 0; j < in.length; j++) {
            in[j] = b.value(v.x(j).text(), p == null ? 0 : p.x()[j], p != null, g == null || g.dX() == null ? null : g.dX()[j]);
        }
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            int[] pre = new int[l.out];
            int[] out = new int[l.out];
            for (int i = 0; i < l.out; i++) {
                List<Integer> terms = new ArrayList<>();
                for (int j = 0; j < l.in; j++) {
                    int w = b.value(v.weight(k, i, j).text(), l.w(i, j), true, g == null ? null : g.dW()[k][i * l.in + j]);
                    double product = p == null ? 0 : l.w(i, j) * p.inputTo(k)[j];
                    // ∂E/∂(w·x) is ∂E/∂z: a sum passes its gradient to every term unchanged
                    int t = b.value(null, product, p != null, g == null ? null : g.dZ()[k][i]);
                    b.op("*", List.of(w, in[j]), t);
                    terms.add(t);
                }
                terms.add(b.value(v.bias(k, i).text(), l.b[i], true, g == null ? null : g.dB()[k][i]));
                pre[i] = b.value(v.pre(k, i).text(), p == null ? 0 : p.z()[k][i], p != null, g == null ? null : g.dZ()[k][i]);
                b.op("+", terms, pre[i]);
            }
            for (int i = 0; i < l.out; i++) {
                out[i] = b.value(v.act(k, i).text(), p == null ? 0 : p.a()[k][i], p != null, g == null ? null : g.dA()[k][i]);
                // softmax reads the whole layer; the others one neuron each
                List<Integer> args = new ArrayList<>();
                if (l.activation.elementwise()) args.add(pre[i]);
                else for (int q : pre) args.add(q);
                b.op(symbol(l.activation, n), args, out[i]);
            }
            in = out;
        }
        loss(b, net, p, in, v, n);
        return new GraphDiagram("computational graph of E: network " + Figure.shape(net) + ", number by number", b.values, b.ops);
    }

    private static GraphDiagram layers(Network net, ForwardPass p, Gradients g, Vocabulary v, Notation n) {
        Builder b = new Builder(n);
        int in = b.text("x", p == null ? null : vector(p.x(), n), g == null || g.dX() == null ? null : vector(g.dX(), n));
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            String shape = l.out + n.symbol("×", "x") + l.in;
            int w = b.text(v.weights(k).text(), shape, g == null ? null : shape);
            double[] wx = null;
            if (p != null) {
                wx = new double[l.out];
                for (int i = 0; i < l.out; i++) for (int j = 0; j < l.in; j++) wx[i] += l.w(i, j) * p.inputTo(k)[j];
            }
            int product = b.text(null, wx == null ? null : vector(wx, n), g == null ? null : vector(g.dZ()[k], n));
            b.op("@", List.of(w, in), product);
            int bias = b.text(v.biases(k).text(), vector(l.b, n), g == null ? null : vector(g.dB()[k], n));
            int pre = b.text(v.pre(k, -1).text(), p == null ? null : vector(p.z()[k], n), g == null ? null : vector(g.dZ()[k], n));
            b.op("+", List.of(product, bias), pre);
            int act = b.text(v.act(k, -1).text(), p == null ? null : vector(p.a()[k], n), g == null ? null : vector(g.dA()[k], n));
            b.op(symbol(l.activation, n), List.of(pre), act);
            in = act;
        }
        loss(b, net, p, new int[] {in}, v, n);
        return new GraphDiagram("computational graph of E: network " + Figure.shape(net) + ", layer by layer", b.values, b.ops);
    }

    /** E from the outputs and the targets (only when the pass had a target). */
    private static void loss(Builder b, Network net, ForwardPass p, int[] outputs, Vocabulary v, Notation n) {
        if (p == null || !p.hasLoss()) return;
        List<Integer> args = new ArrayList<>();
        for (int o : outputs) args.add(o);
        if (outputs.length == p.y().length) {
            for (int i = 0; i < p.y().length; i++) args.add(b.value(v.y(i).text(), p.y()[i], true, null));
        } else {
            args.add(b.text("y", vector(p.y(), n), null));
        }
        int e = b.value(Vocabulary.E.text(), p.E(), true, 1.0);
        b.op(net.loss().id, args, e);
    }

    private static String symbol(Activation a, Notation n) {
        return switch (a) {
            case SIGMOID -> n.symbol("σ", "sigmoid");
            case LEAKY_RELU -> "leaky relu";
            default -> a.id;
        };
    }

    /** A vector as written in a node: all of it up to four numbers, the first three and the count beyond. */
    static String vector(double[] x, Notation n) {
        StringBuilder s = new StringBuilder("[");
        int shown = x.length <= 4 ? x.length : 3;
        for (int i = 0; i < shown; i++) s.append(i > 0 ? ", " : "").append(n.text(x[i]));
        if (shown < x.length) s.append(", ").append(n.symbol("…", "...")).append(" (").append(x.length).append(")");
        return s.append(']').toString();
    }
}
