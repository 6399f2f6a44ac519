package nn.core.graph;

import nn.core.Shape;

/**
 * One element or one row: v[i] of a vector, M[i, j] of a matrix, M[i] a row (in a batch, example i). Indices count
 * from 0, as nn's names do (h0 is h[0]).
 */
public record Index(int i, int j) implements Op {

    public static Index of(int i) { return new Index(i, -1); }

    @Override public String symbol() { return j < 0 ? "[" + i + "]" : "[" + i + "," + j + "]"; }

    @Override public Shape shape(Shape[] in) {
        Shape s = in[0];
        if (s.scalar()) throw new ShapeError(0, "a scalar takes no index");
        if (s.vector()) {
            if (j >= 0) throw new ShapeError(0, "a vector takes one index, not two");
            check(i, s.cols(), "index");
            return Shape.SCALAR;
        }
        check(i, s.rows(), "row");
        if (j < 0) return Shape.vector(s.cols());
        check(j, s.cols(), "column");
        return Shape.SCALAR;
    }

    private static void check(int i, int n, String what) {
        if (i < 0 || i >= n) throw new ShapeError(-1, what + " " + i + " is out of range: there " + (n == 1 ? "is 1" : "are " + n) + " (0 to " + (n - 1) + ")");
    }

    private int offset(Shape s) { return s.vector() ? i : i * s.cols() + Math.max(j, 0); }

    @Override public void forward(Node n) {
        System.arraycopy(n.input(0).data, offset(n.input(0).shape), n.data, 0, n.data.length);
    }

    @Override public void backward(Node n, double[] g, double[][] gIn, Twist twist) {
        if (gIn[0] == null) return;
        java.util.Arrays.fill(gIn[0], 0);
        System.arraycopy(g, 0, gIn[0], offset(n.input(0).shape), g.length);
    }
}
