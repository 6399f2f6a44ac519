package nn.core.graph;

import nn.core.Activation;
import nn.core.Loss;
import nn.core.Shape;

/**
 * Cross-entropy of a softmax layer's output with its gradient taken at the pre-activation directly, the fused
 * ∂E/∂z = o·Σy − y ({@link Loss#softmaxCrossEntropyGradient}): inputs z, y and o = softmax(z) (the layer's own node,
 * whose value it reads). The loss is cross-entropy of o, as the layer computed it. ∂E/∂o = −y/o is shown for o but not
 * passed on through softmax: the fused form needs no division by o.
 */
public enum SoftmaxCrossEntropy implements Op, DisplayGradient {
    OP;

    @Override public String symbol() { return "cross_entropy"; }

    @Override public Shape shape(Shape[] in) {
        Shape z = in[0], y = in[1];
        if (z.size() != y.size() || z.cols() != y.cols()) throw new ShapeError(1, "the target has " + y.text() + " numbers but the output " + z.text());
        return z.matrix() ? Shape.vector(z.rows()) : Shape.SCALAR;
    }

    @Override public boolean differentiable(int input) { return input == 0; }

    @Override public void forward(Node n) {
        double[] o = n.input(2).data, y = n.input(1).data;
        int w = LossRows.width(n.input(0).shape);
        for (int r = 0; r < n.data.length; r++) n.data[r] = Loss.CROSS_ENTROPY.value(o, y, r * w, w);
    }

    @Override public void backward(Node n, double[] g, double[][] gIn, Twist twist) {
        if (gIn[0] == null) return;
        double[] o = n.input(2).data, y = n.input(1).data;
        int w = LossRows.width(n.input(0).shape);
        for (int r = 0; r < n.data.length; r++) Loss.softmaxCrossEntropyGradient(o, r * w, y, r * w, gIn[0], r * w, w, g[r]);
    }

    @Override public int skipped(Node n) { return 2; }

    @Override public void displayGradient(Node n, double[] g, double[] out) {
        double[] o = n.input(2).data, y = n.input(1).data;
        int w = LossRows.width(n.input(0).shape);
        for (int r = 0; r < n.data.length; r++) Loss.CROSS_ENTROPY.gradient(o, y, out, r * w, w, g[r]);
    }

    /** True when o is softmax of z: the only case this operation is for. */
    public static boolean fits(Node z, Node o) {
        return o.arity() == 1 && o.input(0) == z && o.op instanceof Activate a && a.activation() == Activation.SOFTMAX;
    }
}
