package nn.core.graph;

import nn.core.Loss;
import nn.core.Shape;

/**
 * The loss of each example: inputs o (the output, a vector or one row per example) and y (the target, same shape);
 * the result is one number for a vector, one per row for a batch. {@code sum}: the batch's losses will be summed, so
 * the per-output losses sum over outputs too (PyTorch's reduction='sum'). The target gets no gradient: it is data.
 */
public record LossRows(Loss loss, boolean sum) implements Op {

    @Override public String symbol() { return loss.id; }

    @Override public Shape shape(Shape[] in) {
        Shape o = in[0], y = in[1];
        if (o.size() != y.size() || o.cols() != y.cols()) {
            throw new ShapeError(1, "the target has " + y.text() + " numbers but the output " + o.text());
        }
        return o.matrix() ? Shape.vector(o.rows()) : Shape.SCALAR;
    }

    static int width(Shape s) { return s.scalar() ? 1 : s.cols(); }

    @Override public boolean differentiable(int input) { return input == 0; }

    @Override public void forward(Node n) {
        double[] o = n.input(0).data, y = n.input(1).data;
        int w = width(n.input(0).shape);
        for (int r = 0; r < n.data.length; r++) n.data[r] = loss.value(o, y, r * w, w, sum);
    }

    @Override public void backward(Node n, double[] g, double[][] gIn, Twist twist) {
        if (gIn[0] == null) return;
        double[] o = n.input(0).data, y = n.input(1).data;
        int w = width(n.input(0).shape);
        for (int r = 0; r < n.data.length; r++) loss.gradient(o, y, gIn[0], r * w, w, g[r], sum);
    }
}
