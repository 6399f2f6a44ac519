package nn.core.graph;

import nn.core.Shape;

/** Mᵀ. A vector is its own transpose (as numpy's .T): xᵀW, pasted from course material, is then x @ W. */
public enum Transpose implements Op {
    OP;

    @Override public String symbol() { return "ᵀ"; }

    @Override public Shape shape(Shape[] in) { return in[0].matrix() ? Shape.matrix(in[0].cols(), in[0].rows()) : in[0]; }

    @Override public void forward(Node n) {
        Shape s = n.input(0).shape;
        double[] x = n.input(0).data, y = n.data;
        if (!s.matrix()) {
            System.arraycopy(x, 0, y, 0, x.length);
            return;
        }
        for (int r = 0; r < s.rows(); r++) for (int c = 0; c < s.cols(); c++) y[c * s.rows() + r] = x[r * s.cols() + c];
    }

    @Override public void backward(Node n, double[] g, double[][] gIn, Twist twist) {
        if (gIn[0] == null) return;
        Shape s = n.input(0).shape;
        if (!s.matrix()) {
            System.arraycopy(g, 0, gIn[0], 0, g.length);
            return;
        }
        for (int r = 0; r < s.rows(); r++) for (int c = 0; c < s.cols(); c++) gIn[0][r * s.cols() + c] = g[c * s.rows() + r];
    }
}
