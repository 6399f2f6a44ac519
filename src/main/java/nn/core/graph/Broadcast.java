package nn.core.graph;

import nn.core.Shape;
import nn.core.Value;

/**
 * numpy's broadcasting for values of rank 0 to 2: a scalar goes with anything, a vector of n with the rows of an
 * r×n matrix, and a dimension of 1 stretches to the other's. {@link #index} maps an element of the result to the
 * element of an operand it reads.
 */
final class Broadcast {
    private Broadcast() { }

    /** The shape of a ∘ b, or a ShapeError naming the operand whose shape does not fit. */
    static Shape shape(Shape a, Shape b, String op) {
        if (a.equals(b)) return a;
        if (a.scalar()) return b;
        if (b.scalar()) return a;
        int rows = dim(a.rows(), b.rows());
        int cols = dim(a.cols(), b.cols());
        if (rows < 0 || cols < 0) {
            throw new ShapeError(1, "the shapes " + a.text() + " and " + b.text() + " do not fit for " + op
                    + " (elementwise: equal shapes, a scalar, or a vector as long as the matrix's rows)");
        }
        Value.Kind kind = a.matrix() || b.matrix() ? Value.Kind.MATRIX : Value.Kind.VECTOR;
        return new Shape(kind, rows, cols);
    }

    private static int dim(int a, int b) {
        if (a == b) return a;
        if (a == 1) return b;
        if (b == 1) return a;
        return -1;
    }

    /** Strides of an operand of shape {@code s} read as a result of shape {@code out}: {row stride, column stride}. */
    static int[] strides(Shape s, Shape out) {
        int rs = s.rows() == 1 && out.rows() > 1 ? 0 : s.cols();
        int cs = s.cols() == 1 && out.cols() > 1 ? 0 : 1;
        if (s.scalar()) return new int[] {0, 0};
        return new int[] {rs, cs};
    }

    static boolean same(Shape s, Shape out) { return s.size() == out.size(); }
}
