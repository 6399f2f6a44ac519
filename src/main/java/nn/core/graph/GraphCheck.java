package nn.core.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Backprop's gradients of a graph's root against central finite differences, (f(v + h) − f(v − h)) / 2h, for every
 * element of every named leaf the backward reached. Each difference re-runs the graph forward with one element
 * moved; every value is put back afterwards, bit for bit, so the recorded pass is as it was.
 */
public final class GraphCheck {
    private GraphCheck() { }

    /** One element: backprop's gradient, the finite difference, their relative error, and whether f has a kink there. */
    public record Entry(String leaf, int index, double backprop, double numeric, double error, boolean kink) { }

    public static List<Entry> run(Backward bw, double h, int max) {
        Graph g = bw.graph();
        Node root = bw.root();
        List<double[]> saved = new ArrayList<>();
        for (Node n : g.nodes()) saved.add(n.data.clone());
        List<Entry> out = new ArrayList<>();
        double at = root.data[0];
        try {
            for (var e : g.names().entrySet()) {
                Node leaf = e.getValue();
                if (!leaf.leaf() || leaf.constant() || !bw.reaches(leaf) || leaf.id > root.id) continue;
                double[] grad = bw.of(leaf);
                for (int i = 0; i < leaf.data.length && out.size() < max; i++) {
                    double v = leaf.data[i];
                    leaf.data[i] = v + h;
                    g.evaluate(root);
                    double up = root.data[0];
                    leaf.data[i] = v - h;
                    g.evaluate(root);
                    double down = root.data[0];
                    leaf.data[i] = v;
                    double numeric = (up - down) / (2 * h);
                    double error = relative(grad[i], numeric);
                    // where f bends within ±h (relu or abs at 0, max at a tie) the slopes on either side disagree:
                    // the difference is not a derivative there; a smooth f's central difference is good to O(h²)
                    double right = (up - at) / h, left = (at - down) / h;
                    boolean kink = relative(right, left) > 1e-3 && error > 1e-5;
                    out.add(new Entry(e.getKey(), i, grad[i], numeric, error, kink));
                }
            }
        } finally {
            for (int k = 0; k < saved.size(); k++) System.arraycopy(saved.get(k), 0, g.get(k).data, 0, saved.get(k).length);
        }
        return out;
    }

    static double relative(double a, double b) {
        double scale = Math.max(1e-8, Math.max(Math.abs(a), Math.abs(b)));
        return Math.abs(a - b) / scale;
    }
}
