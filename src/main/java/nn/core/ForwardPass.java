package nn.core;

import nn.core.graph.Graph;
import nn.core.graph.Node;

/**
 * Every value of one forward pass, as the graph recorded it: the input, each layer's pre-activation z[k] and
 * activation a[k], the loss E (NaN without a target), and the network as it was (its parameters are the graph's
 * leaves, so later updates do not change what this pass computed). For a batch, x and every z[k] and a[k] hold one
 * row per example and E is the batch's mean or sum.
 */
public final class ForwardPass {
    private final Network net;
    private final Graph graph;
    private final Node x, y, rows, E, terms;
    private final Node[] W, b, pre, act;

    ForwardPass(Network net, Graph graph, Node x, Node y, Node[] W, Node[] b, Node[] pre, Node[] act, Node rows, Node E, Node terms) {
        this.net = net;
        this.graph = graph;
        this.x = x;
        this.y = y;
        this.W = W;
        this.b = b;
        this.pre = pre;
        this.act = act;
        this.rows = rows;
        this.E = E;
        this.terms = terms;
    }

    public Network net() { return net; }

    public Graph graph() { return graph; }

    public double[] x() { return x.data; }

    public double[] y() { return y == null ? null : y.data; }

    public double[][] z() {
        double[][] z = new double[pre.length][];
        for (int k = 0; k < z.length; k++) z[k] = pre[k].data;
        return z;
    }

    public double[][] a() {
        double[][] a = new double[act.length][];
        for (int k = 0; k < a.length; k++) a[k] = act[k].data;
        return a;
    }

    public double E() { return E == null ? Double.NaN : E.data[0]; }

    public double[] output() { return act[act.length - 1].data; }

    public boolean hasLoss() { return y != null; }

    /** The activation feeding layer k: the input for k = 0. */
    public double[] inputTo(int k) { return k == 0 ? x.data : act[k - 1].data; }

    /** Examples in this pass: 1 for a vector x, its rows for a batch. */
    public int examples() { return x.shape.matrix() ? x.shape.rows() : 1; }

    public boolean batch() { return x.shape.matrix(); }

    public Node inputNode() { return x; }

    public Node targetNode() { return y; }

    public Node weightNode(int k) { return W[k]; }

    /** Layer k's bias leaf, or null for a layer without biases. */
    public Node biasNode(int k) { return b[k]; }

    public Node preNode(int k) { return pre[k]; }

    public Node actNode(int k) { return act[k]; }

    /** E, or null without a target. */
    public Node lossNode() { return E; }

    /** The loss of each example (E itself for one example), or null. */
    public Node exampleLosses() { return rows; }

    /** What each output contributes to E (E_o1 = ½(y₁ − o₁)²), or null where the loss has no such terms. */
    public Node lossTerms() { return terms; }
}
