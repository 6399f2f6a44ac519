package nn.core.graph;

import nn.core.Activation;
import nn.core.Shape;

/**
 * A layer's activation as an operation: the function and derivative are the {@link Activation}'s own. Softmax mixes
 * the elements of a row (of each row of a batch), the others work element by element.
 */
public record Activate(Activation activation, double param) implements Op {

    @Override public String symbol() { return activation == Activation.SIGMOID ? "σ" : activation.id; }

    @Override public Shape shape(Shape[] in) { return in[0]; }

    private static int width(Shape s) { return s.scalar() ? 1 : s.cols(); }

    @Override public void forward(Node n) {
        double[] z = n.input(0).data, a = n.data;
        if (activation.elementwise()) {
            activation.forward(z, a, 0, a.length, param);
        } else {
            int w = width(n.shape);
            for (int off = 0; off < a.length; off += w) activation.forward(z, a, off, w, param);
        }
    }

    @Override public void backward(Node n, double[] g, double[][] gIn, Twist twist) {
        double[] z = n.input(0).data, a = n.data, gz = gIn[0];
        if (gz == null) return;
        if (!activation.elementwise()) {
            int w = width(n.shape);
            for (int off = 0; off < a.length; off += w) activation.backward(z, a, g, gz, off, w, param);
        } else if (twist.active()) {
            for (int i = 0; i < gz.length; i++) gz[i] = g[i] * twist.derivative(n, i, activation.df(z[i], a[i], param));
        } else {
            activation.backward(z, a, g, gz, 0, gz.length, param);
        }
    }

    /** ∂a_i/∂z_i of an elementwise activation at element i (the local derivative do/do_pre shows). */
    public double derivative(Node n, int i) { return activation.df(n.input(0).data[i], n.data[i], param); }
}
