package nn.core.graph;

import java.util.Arrays;

/**
 * Backpropagation, once for everything: the nodes from the root down in reverse topological order, each passing the
 * gradient it received to its inputs through its operation's {@link Op#backward}. The first gradient an input
 * receives is written in place; later ones (an input used by several operations) are computed apart and added, as
 * PyTorch's autograd accumulates them.
 */
public final class Backprop {
    private Backprop() { }

    /** ∂root/∂node for every node, the root a scalar (its gradient seeded with 1). */
    public static Backward run(Graph graph, Node root) { return run(graph, root, ones(root), Twist.NONE, null); }

    public static Backward run(Graph graph, Node root, Twist twist) { return run(graph, root, ones(root), twist, null); }

    public static double[] ones(Node root) {
        double[] seed = new double[root.shape.size()];
        Arrays.fill(seed, 1.0);
        return seed;
    }

    /**
     * Backward from {@code root} seeded with {@code seed} (∂root/∂root). With {@code reuse} (the result of an earlier
     * run on the same graph) its arrays are written again instead of allocated: a trainer's loop allocates nothing.
     */
    public static Backward run(Graph graph, Node root, double[] seed, Twist twist, Backward reuse) {
        int n = root.id + 1;
        double[][] grads = reuse != null ? reuse.grads() : new double[graph.size()][];
        double[][] display = reuse != null ? reuse.display() : new double[graph.size()][];
        boolean[] has = new boolean[n];
        double[][] scratch = null;
        grads[root.id] = buffer(grads, root);
        System.arraycopy(seed, 0, grads[root.id], 0, seed.length);
        has[root.id] = true;
        for (int id = root.id; id >= 0; id--) {
            if (!has[id]) {
                grads[id] = reuse != null ? grads[id] : null;
                continue;
            }
            Node node = graph.get(id);
            double[] g = grads[id];
            twist.gradient(node, g);
            if (node.leaf()) continue;
            Op op = node.op;
            int arity = node.arity();
            double[][] gIn = new double[arity][];
            boolean[] fresh = new boolean[arity];
            for (int i = 0; i < arity; i++) {
                Node in = node.input(i);
                if (in.constant() || !op.differentiable(i)) continue;
                if (!has[in.id] && !usedBefore(node, i)) {
                    gIn[i] = buffer(grads, in);
                    fresh[i] = true;
                } else {
                    if (scratch == null) scratch = new double[graph.size()][];
                    if (scratch[in.id] == null || usedBefore(node, i)) scratch[in.id] = new double[in.shape.size()];
                    gIn[i] = scratch[in.id];
                }
            }
            op.backward(node, g, gIn, twist);
            for (int i = 0; i < arity; i++) {
                if (gIn[i] == null) continue;
                Node in = node.input(i);
                if (fresh[i]) {
                    has[in.id] = true;
                } else {
                    double[] acc = grads[in.id];
                    for (int k = 0; k < acc.length; k++) acc[k] += gIn[i][k];
                }
            }
            if (op instanceof DisplayGradient d && d.skipped(node) >= 0) {
                Node in = node.input(d.skipped(node));
                if (display[in.id] == null || display[in.id].length != in.shape.size()) display[in.id] = new double[in.shape.size()];
                d.displayGradient(node, g, display[in.id]);
            }
        }
        for (int id = n; id < grads.length && reuse == null; id++) grads[id] = null;
        return reuse != null ? reuse : new Backward(graph, root, grads, display);
    }

    /** True when input i of n is the same node as an earlier input (x·x): its gradient must not overwrite that one's. */
    private static boolean usedBefore(Node n, int i) {
        for (int j = 0; j < i; j++) if (n.input(j) == n.input(i)) return true;
        return false;
    }

    private static double[] buffer(double[][] grads, Node n) {
        double[] b = grads[n.id];
        if (b == null || b.length != n.shape.size()) b = grads[n.id] = new double[n.shape.size()];
        return b;
    }
}
