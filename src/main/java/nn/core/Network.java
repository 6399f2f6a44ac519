package nn.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nn.core.graph.Activate;
import nn.core.graph.Backprop;
import nn.core.graph.Backward;
import nn.core.graph.Dense;
import nn.core.graph.Graph;
import nn.core.graph.LossRows;
import nn.core.graph.LossTerms;
import nn.core.graph.Node;
import nn.core.graph.Reduce;
import nn.core.graph.SoftmaxCrossEntropy;
import nn.core.graph.Twist;

/**
 * A stack of dense layers and a loss. Its passes are nodes of a computation {@link Graph}: x, y and the parameters
 * are leaves, each layer a weighted sum ({@link Dense}) and an activation, the loss one more node (with the batch's
 * mean or sum for several examples); {@link Backprop} differentiates it like any other graph.
 */
public final class Network {
    private final List<Layer> layers = new ArrayList<>();
    private Loss loss = Loss.HALF_SSE;
    /** The batch's loss is the sum of the examples' (PyTorch's reduction='sum'), not their mean. */
    private boolean sum;

    public Network copy() {
        Network n = new Network();
        for (Layer l : layers) n.layers.add(l.copy());
        n.loss = loss;
        n.sum = sum;
        return n;
    }

    public List<Layer> layers() { return Collections.unmodifiableList(layers); }

    public Layer layer(int k) { return layers.get(k); }

    public int depth() { return layers.size(); }

    public boolean isEmpty() { return layers.isEmpty(); }

    public void add(Layer layer) { layers.add(layer); }

    public Loss loss() { return loss; }

    public void setLoss(Loss loss) { this.loss = loss; }

    /** True when a batch's loss is the sum over its examples; false for their mean (the default, as PyTorch and Keras). */
    public boolean sums() { return sum; }

    public void setSum(boolean sum) { this.sum = sum; }

    public int inputSize() { return layers.isEmpty() ? 0 : layers.get(0).in; }

    public int outputSize() { return layers.isEmpty() ? 0 : layers.get(layers.size() - 1).out; }

    public long parameterCount() {
        long n = 0;
        for (Layer l : layers) n += l.parameterCount();
        return n;
    }

    /** True when the output layer is softmax and the loss cross-entropy: backward then uses the fused o·Σy − y. */
    public boolean fusedOutput() {
        return !layers.isEmpty() && layers.get(layers.size() - 1).activation == Activation.SOFTMAX && loss == Loss.CROSS_ENTROPY;
    }

    /**
     * The loss as computed: cross_entropy after a linear output layer reads the outputs as logits, softmax folded in
     * (PyTorch's cross_entropy); every other combination is the loss as named.
     */
    public Loss effectiveLoss() {
        if (loss == Loss.CROSS_ENTROPY && !layers.isEmpty() && layers.get(layers.size() - 1).activation == Activation.LINEAR) return Loss.CROSS_ENTROPY_LOGITS;
        return loss;
    }

    /** The activation's name of layer k: its alias, o for the output layer, else a{k}. */
    public String actName(int k) {
        String alias = layers.get(k).name;
        if (alias != null) return alias;
        return k == layers.size() - 1 ? "o" : "a" + k;
    }

    /** The pre-activation's name of layer k: alias_pre, o_pre for the output layer, else z{k}. */
    public String preName(int k) {
        String alias = layers.get(k).name;
        if (alias != null) return alias + "_pre";
        return k == layers.size() - 1 ? "o_pre" : "z" + k;
    }

    /** One forward pass for one example. {@code y} may be null (no loss then). */
    public ForwardPass forward(double[] x, double[] y) {
        return forward(Value.vector(x), y == null ? null : Value.vector(y), Twist.NONE);
    }

    /**
     * The forward pass of x (one example as a vector, or one per row of a matrix) with target y (same rows, or null),
     * as a new graph whose values pass through {@code twist}.
     */
    public ForwardPass forward(Value x, Value y, Twist twist) {
        Graph g = new Graph(twist);
        Node xn = g.leaf("x", line(x));
        Node yn = y == null ? null : g.leaf("y", line(y));
        return build(g, xn, yn);
    }

    /** A scalar as a vector of one number, so a 1-input layer takes it. */
    private static Value line(Value v) { return v.kind() == Value.Kind.SCALAR ? Value.of(Shape.vector(1), v.data()) : v; }

    /**
     * Adds this network's nodes to {@code g} over the leaves x and y (y may be null): its parameters as leaves (copies
     * of the current values), each layer's weighted sum and activation, and with a target the loss E.
     */
    public ForwardPass build(Graph g, Node x, Node y) { return build(g, x, y, false); }

    /** As {@link #build}, with the parameter leaves over the layers' own arrays (a trainer's graph, evaluated in place). */
    ForwardPass buildShared(Graph g, Node x, Node y) { return build(g, x, y, true); }

    private ForwardPass build(Graph g, Node x, Node y, boolean shared) {
        int L = layers.size();
        Node[] W = new Node[L], b = new Node[L], pre = new Node[L], act = new Node[L];
        Layer[] used = new Layer[L];
        Node in = x;
        for (int k = 0; k < L; k++) {
            Layer l = layers.get(k);
            Shape ws = Shape.matrix(l.out, l.in);
            W[k] = shared ? g.shared("W" + k, ws, l.W) : g.leaf("W" + k, Value.of(ws, l.W));
            b[k] = !l.hasBias() ? null : shared ? g.shared("b" + k, l.biasShape(), l.b) : g.leaf("b" + k, Value.of(l.biasShape(), l.b));
            pre[k] = b[k] == null ? g.apply(Dense.OP, preName(k), in, W[k]) : g.apply(Dense.OP, preName(k), in, W[k], b[k]);
            act[k] = g.apply(new Activate(l.activation, l.param), actName(k), pre[k]);
            used[k] = shared ? l : l.with(W[k].data, b[k] == null ? new double[0] : b[k].data);
            in = act[k];
        }
        Network net = new Network();
        for (Layer l : used) net.layers.add(l);
        net.loss = loss;
        net.sum = sum;
        Node rows = null, E = null, terms = null;
        if (y != null) {
            Node o = act[L - 1];
            Loss effective = effectiveLoss();
            rows = fusedOutput() ? g.apply(SoftmaxCrossEntropy.OP, null, pre[L - 1], y, o) : g.apply(new LossRows(effective, sum), null, o, y);
            E = rows.shape.scalar() ? rows : g.apply(new Reduce(sum ? Reduce.Kind.SUM : Reduce.Kind.MEAN, -1), null, rows);
            g.name("E", E);
            if (rows != E) g.name("E_row", rows);
            if (!effective.onLogits() && !fusedOutput()) terms = g.apply(new LossTerms(effective), "E_o", o, y);
        }
        return new ForwardPass(net, g, x, y, W, b, pre, act, rows, E, terms);
    }

    /** The chain rule through a recorded pass, from E. */
    public static Gradients backward(ForwardPass p) { return backward(p, Twist.NONE); }

    /** Backward from E with a twist (a slip computed by the same code). */
    public static Gradients backward(ForwardPass p, Twist twist) {
        Backward bw = Backprop.run(p.graph(), p.lossNode(), twist);
        return Gradients.of(p, bw);
    }

    /** Plain gradient descent on every parameter that is not frozen: p ← p − lr · ∂root/∂p. */
    public void update(Gradients g, double lr) {
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            if (!l.frozenW) Kernels.sgd(l.W, g.dW()[k], lr);
            if (!l.frozenB && l.hasBias()) Kernels.sgd(l.b, g.dB()[k], lr);
        }
    }
}
