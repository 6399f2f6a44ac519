package nn.core.graph;

import java.util.Arrays;
import nn.core.Shape;

/**
 * sum, mean, max and min of a value: over all its elements ({@code axis} = -1), or for a matrix over its rows
 * (axis 0: one number per column) or its columns (axis 1: one per row). Sums run in element order from +0. A tie
 * for max or min shares the gradient evenly among the tied elements, as PyTorch's max() does.
 */
public record Reduce(Kind kind, int axis) implements Op {

    public enum Kind { SUM, MEAN, MAX, MIN }

    @Override public String symbol() { return kind.name().toLowerCase(); }

    @Override public Shape shape(Shape[] in) {
        Shape s = in[0];
        if (axis < 0 || !s.matrix()) {
            if (axis > 0 && !s.matrix()) throw new ShapeError(0, "axis " + axis + " needs a matrix; this is " + s.describe());
            return Shape.SCALAR;
        }
        if ((kind == Kind.MAX || kind == Kind.MIN)) throw new ShapeError(0, kind.name().toLowerCase() + " takes the whole value (no axis)");
        if (axis > 1) throw new ShapeError(0, "a matrix has axes 0 (down the rows) and 1 (along each row)");
        return Shape.vector(axis == 0 ? s.cols() : s.rows());
    }

    /** The element of the result that input element (r, c) contributes to. */
    private int target(Shape s, int r, int c) {
        if (axis < 0 || !s.matrix()) return 0;
        return axis == 0 ? c : r;
    }

    /** How many elements each result element is made of. */
    private int count(Shape s) {
        if (axis < 0 || !s.matrix()) return s.size();
        return axis == 0 ? s.rows() : s.cols();
    }

    @Override public void forward(Node n) {
        Shape s = n.input(0).shape;
        double[] x = n.input(0).data, y = n.data;
        switch (kind) {
            case SUM, MEAN -> {
                Arrays.fill(y, 0);
                for (int r = 0, k = 0; r < s.rows(); r++) for (int c = 0; c < s.cols(); c++, k++) y[target(s, r, c)] += x[k];
                if (kind == Kind.MEAN) for (int i = 0; i < y.length; i++) y[i] /= count(s);
            }
            case MAX, MIN -> {
                double m = x[0];
                for (double v : x) {
                    if (v != v) { m = v; break; }
                    m = kind == Kind.MAX ? Math.max(m, v) : Math.min(m, v);
                }
                y[0] = m;
            }
        }
    }

    @Override public void backward(Node n, double[] g, double[][] gIn, Twist twist) {
        double[] gx = gIn[0];
        if (gx == null) return;
        Shape s = n.input(0).shape;
        switch (kind) {
            case SUM -> { for (int r = 0, k = 0; r < s.rows(); r++) for (int c = 0; c < s.cols(); c++, k++) gx[k] = g[target(s, r, c)]; }
            case MEAN -> {
                int m = count(s);
                for (int r = 0, k = 0; r < s.rows(); r++) for (int c = 0; c < s.cols(); c++, k++) gx[k] = g[target(s, r, c)] / m;
            }
            case MAX, MIN -> {
                double[] x = n.input(0).data;
                int ties = 0;
                for (double v : x) if (v == n.data[0]) ties++;
                for (int k = 0; k < x.length; k++) gx[k] = x[k] == n.data[0] ? g[0] / ties : 0;
            }
        }
    }
}
