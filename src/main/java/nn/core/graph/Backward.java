package nn.core.graph;

/**
 * The gradients of one backward pass: for every node the root depends on, ∂root/∂node (null for nodes it does not
 * depend on, and for constants). {@code display} holds, for a value that the fused softmax + cross-entropy skips, the
 * gradient it has on the page (∂E/∂o = −y/o), which is shown but not passed on.
 */
public record Backward(Graph graph, Node root, double[][] grads, double[][] display) {

    /** ∂root/∂n, or null when the root does not depend on n. */
    public double[] of(Node n) {
        if (n.id >= grads.length) return null;
        double[] g = grads[n.id];
        double[] d = display[n.id];
        if (d == null) return g;
        if (g == null) return d;
        double[] sum = g.clone();
        for (int i = 0; i < sum.length; i++) sum[i] += d[i];
        return sum;
    }

    /** True when the root depends on n. */
    public boolean reaches(Node n) { return of(n) != null; }
}
