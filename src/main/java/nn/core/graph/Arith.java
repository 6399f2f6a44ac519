package nn.core.graph;

import nn.core.Shape;

/**
 * The elementwise operations of two values, with numpy broadcasting: each keeps its function and its two partial
 * derivatives side by side. Where a derivative does not exist (max of a tie, 0^0) the value is PyTorch's.
 */
public enum Arith implements Op {
    ADD("+") {
        @Override public double f(double a, double b) { return a + b; }
        @Override double da(double a, double b, double out, double g) { return g; }
        @Override double db(double a, double b, double out, double g) { return g; }
    },
    SUB("−") {
        @Override public double f(double a, double b) { return a - b; }
        @Override double da(double a, double b, double out, double g) { return g; }
        @Override double db(double a, double b, double out, double g) { return -g; }
    },
    MUL("·") {
        @Override public double f(double a, double b) { return a * b; }
        @Override double da(double a, double b, double out, double g) { return g * b; }
        @Override double db(double a, double b, double out, double g) { return g * a; }
    },
    DIV("/") {
        @Override public double f(double a, double b) { return a / b; }
        // as PyTorch's div: grad / b and −grad · a / b²
        @Override double da(double a, double b, double out, double g) { return g / b; }
        @Override double db(double a, double b, double out, double g) { return -g * a / (b * b); }
    },
    POW("^") {
        @Override public double f(double a, double b) { return Math.pow(a, b); }
        // b·a^(b−1), 0 where b = 0 (PyTorch: the gradient of a^0 is 0, even at a = 0)
        @Override double da(double a, double b, double out, double g) { return b == 0 ? 0 : g * b * Math.pow(a, b - 1); }
        // a^b·ln a, 0 where a = 0 and b ≥ 0 (PyTorch's convention)
        @Override double db(double a, double b, double out, double g) { return a == 0 && b >= 0 ? 0 : g * out * Math.log(a); }
    },
    MAXIMUM("max") {
        @Override public double f(double a, double b) { return a != a || b != b ? Double.NaN : Math.max(a, b); }
        // a tie splits the gradient in halves (PyTorch's maximum)
        @Override double da(double a, double b, double out, double g) { return a > b ? g : a == b ? g / 2 : 0; }
        @Override double db(double a, double b, double out, double g) { return b > a ? g : a == b ? g / 2 : 0; }
    },
    MINIMUM("min") {
        @Override public double f(double a, double b) { return a != a || b != b ? Double.NaN : Math.min(a, b); }
        @Override double da(double a, double b, double out, double g) { return a < b ? g : a == b ? g / 2 : 0; }
        @Override double db(double a, double b, double out, double g) { return b < a ? g : a == b ? g / 2 : 0; }
    };

    private final String symbol;

    Arith(String symbol) { this.symbol = symbol; }

    /** The function, for one element. */
    public abstract double f(double a, double b);

    /** g · ∂f/∂a at one element (g: the gradient arriving at the result). */
    abstract double da(double a, double b, double out, double g);

    /** g · ∂f/∂b at one element. */
    abstract double db(double a, double b, double out, double g);

    @Override public String symbol() { return symbol; }

    @Override public Shape shape(Shape[] in) { return Broadcast.shape(in[0], in[1], symbol); }

    @Override public void forward(Node n) {
        double[] a = n.input(0).data, b = n.input(1).data, out = n.data;
        Shape s = n.shape;
        int[] sa = Broadcast.strides(n.input(0).shape, s), sb = Broadcast.strides(n.input(1).shape, s);
        int k = 0;
        for (int r = 0; r < s.rows(); r++) {
            for (int c = 0; c < s.cols(); c++, k++) out[k] = f(a[r * sa[0] + c * sa[1]], b[r * sb[0] + c * sb[1]]);
        }
    }

    @Override public void backward(Node n, double[] g, double[][] gIn, Twist twist) {
        double[] a = n.input(0).data, b = n.input(1).data, out = n.data;
        Shape s = n.shape;
        int[] sa = Broadcast.strides(n.input(0).shape, s), sb = Broadcast.strides(n.input(1).shape, s);
        double[] ga = gIn[0], gb = gIn[1];
        // an operand stretched over the result gets the sum of the gradients of the elements it fed
        boolean sumA = ga != null && !Broadcast.same(n.input(0).shape, s);
        boolean sumB = gb != null && !Broadcast.same(n.input(1).shape, s);
        if (sumA) java.util.Arrays.fill(ga, 0);
        if (sumB) java.util.Arrays.fill(gb, 0);
        int k = 0;
        for (int r = 0; r < s.rows(); r++) {
            for (int c = 0; c < s.cols(); c++, k++) {
                int ia = r * sa[0] + c * sa[1], ib = r * sb[0] + c * sb[1];
                if (ga != null) {
                    double d = da(a[ia], b[ib], out[k], g[k]);
                    if (sumA) ga[ia] += d; else ga[ia] = d;
                }
                if (gb != null) {
                    double d = db(a[ia], b[ib], out[k], g[k]);
                    if (sumB) gb[ib] += d; else gb[ib] = d;
                }
            }
        }
    }
}
