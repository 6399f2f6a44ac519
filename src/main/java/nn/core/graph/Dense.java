package nn.core.graph;

import nn.core.Kernels;
import nn.core.Shape;

/**
 * A dense layer's weighted sums, z = W·a + b (for a batch, Z = A·Wᵀ + b, one row per example): inputs a (a vector,
 * or a matrix of rows), W (neurons × inputs) and optionally b (one per neuron, or one shared by the layer).
 * Forward and backward are the {@link Kernels}, so the layers compute what the trainer's loops compute, bit for bit.
 */
public enum Dense implements Op {
    OP;

    @Override public String symbol() { return "W·a + b"; }

    @Override public Shape shape(Shape[] in) {
        Shape a = in[0], w = in[1];
        int fanIn = w.matrix() ? w.cols() : w.size();
        int out = w.matrix() ? w.rows() : 1;
        int given = a.scalar() ? 1 : a.cols();
        if (given != fanIn) throw new ShapeError(0, "the layer takes " + fanIn + " inputs, but " + given + (given == 1 ? " is" : " are") + " given");
        if (in.length > 2) {
            Shape b = in[2];
            if (!b.scalar() && b.size() != out) throw new ShapeError(2, "the layer has " + out + " neurons, but " + b.size() + " biases");
        }
        return a.matrix() ? Shape.matrix(a.rows(), out) : Shape.vector(out);
    }

    static int rows(Node n) { return n.input(0).shape.matrix() ? n.input(0).shape.rows() : 1; }

    static int fanIn(Node n) { return n.input(1).shape.matrix() ? n.input(1).shape.cols() : n.input(1).shape.size(); }

    static int neurons(Node n) { return n.shape.cols(); }

    /** The biases one per neuron: the layer's own, the shared one repeated, or zeros (adding +0 changes no sum). */
    private static double[] biases(Node n) {
        int out = neurons(n);
        if (n.arity() < 3) return new double[out];
        double[] b = n.input(2).data;
        if (b.length == out) return b;
        double[] all = new double[out];
        java.util.Arrays.fill(all, b[0]);
        return all;
    }

    @Override public void forward(Node n) {
        Kernels.affine(n.input(0).data, rows(n), fanIn(n), n.input(1).data, biases(n), neurons(n), n.data);
    }

    @Override public void backward(Node n, double[] g, double[][] gIn, Twist twist) {
        int B = rows(n), in = fanIn(n), out = neurons(n);
        double[] gb = n.arity() > 2 ? gIn[2] : null;
        boolean shared = gb != null && gb.length != out;
        if (gIn[1] != null || gb != null) {
            double[] gW = gIn[1] != null ? gIn[1] : new double[out * in];
            double[] dB = gb != null && !shared ? gb : new double[out];
            if (gIn[1] != null) {
                Kernels.weightGradients(g, twist.backwardInput(n, 0), B, in, out, gW, dB);
            } else {
                java.util.Arrays.fill(dB, 0);
                for (int r = 0; r < B; r++) for (int i = 0; i < out; i++) dB[i] += g[r * out + i];
            }
            if (shared) { // one bias feeds every neuron: its gradient is the sum of theirs
                double s = 0;
                for (double d : dB) s += d;
                gb[0] = s;
            }
        }
        if (gIn[0] != null) Kernels.inputGradients(g, twist.backwardInput(n, 1), B, in, out, gIn[0]);
    }
}
