package nn.core.graph;

import nn.core.Shape;

/**
 * The matrix product a @ b as numpy and PyTorch define it for vectors and matrices: m×k @ k×n, m×k @ [k] (a vector),
 * [k] @ k×n, and [k] @ [k] (the dot product). Every element is summed over k ascending from +0, as the layers'
 * kernels sum, so W0 @ x + b0 gives exactly h_pre.
 */
public enum MatMul implements Op {
    OP;

    @Override public String symbol() { return "@"; }

    @Override public Shape shape(Shape[] in) {
        Shape a = in[0], b = in[1];
        if (a.scalar()) throw new ShapeError(0, "@ multiplies vectors and matrices, not a scalar (use * to scale)");
        if (b.scalar()) throw new ShapeError(1, "@ multiplies vectors and matrices, not a scalar (use * to scale)");
        int k = a.cols();
        int kb = b.vector() ? b.cols() : b.rows();
        if (k != kb) {
            throw new ShapeError(1, "[" + a.text() + "] @ [" + b.text() + "]: the inner sizes differ (" + k + " and " + kb + ")"
                    + (a.matrix() && b.matrix() && a.cols() == b.cols() ? "; transpose one of them (M^T)" : ""));
        }
        if (a.vector() && b.vector()) return Shape.SCALAR;
        if (a.vector()) return Shape.vector(b.cols());
        if (b.vector()) return Shape.vector(a.rows());
        return Shape.matrix(a.rows(), b.cols());
    }

    /** Rows and columns of an operand read as a matrix: a vector is one row on the left, one column on the right. */
    private static int rows(Shape s, boolean left) { return s.vector() ? (left ? 1 : s.cols()) : s.rows(); }

    private static int cols(Shape s, boolean left) { return s.vector() ? (left ? s.cols() : 1) : s.cols(); }

    @Override public void forward(Node n) {
        Shape sa = n.input(0).shape, sb = n.input(1).shape;
        int m = rows(sa, true), k = cols(sa, true), p = cols(sb, false);
        double[] a = n.input(0).data, b = n.input(1).data, out = n.data;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int t = 0; t < k; t++) s += a[i * k + t] * b[t * p + j];
                out[i * p + j] = s;
            }
        }
    }

    @Override public void backward(Node n, double[] g, double[][] gIn, Twist twist) {
        Shape sa = n.input(0).shape, sb = n.input(1).shape;
        int m = rows(sa, true), k = cols(sa, true), p = cols(sb, false);
        double[] a = twist.backwardInput(n, 0), b = twist.backwardInput(n, 1);
        if (gIn[0] != null) { // ∂/∂a = g @ bᵀ
            double[] ga = gIn[0];
            for (int i = 0; i < m; i++) {
                for (int t = 0; t < k; t++) {
                    double s = 0;
                    for (int j = 0; j < p; j++) s += g[i * p + j] * b[t * p + j];
                    ga[i * k + t] = s;
                }
            }
        }
        if (gIn[1] != null) { // ∂/∂b = aᵀ @ g
            double[] gb = gIn[1];
            for (int t = 0; t < k; t++) {
                for (int j = 0; j < p; j++) {
                    double s = 0;
                    for (int i = 0; i < m; i++) s += a[i * k + t] * g[i * p + j];
                    gb[t * p + j] = s;
                }
            }
        }
    }
}
