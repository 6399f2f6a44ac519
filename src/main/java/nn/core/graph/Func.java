package nn.core.graph;

import nn.core.Shape;

/**
 * Elementwise functions of one value, each with its derivative beside it (given x and y = f(x)). Where a derivative
 * does not exist the value is PyTorch's: |x|′ = 0 at 0, √x′ = ∞ at 0.
 */
public enum Func implements Op {
    NEG("−", "−x", "−1") {
        @Override public double f(double x) { return -x; }
        @Override public double df(double x, double y) { return -1; }
    },
    EXP("exp", "e^x", "e^x") {
        @Override public double f(double x) { return Math.exp(x); }
        @Override public double df(double x, double y) { return y; }
    },
    LOG("log", "ln x", "1/x") {
        @Override public double f(double x) { return Math.log(x); }
        @Override public double df(double x, double y) { return 1 / x; }
        @Override double gradient(double x, double y, double g) { return g / x; }
    },
    SQRT("sqrt", "√x", "1/(2√x)") {
        @Override public double f(double x) { return Math.sqrt(x); }
        @Override public double df(double x, double y) { return 1 / (2 * y); }
        @Override double gradient(double x, double y, double g) { return g / (2 * y); }
    },
    ABS("abs", "|x|", "sign(x) (0 at 0)") {
        @Override public double f(double x) { return Math.abs(x); }
        @Override public double df(double x, double y) { return Math.signum(x); }
    };

    private final String id;
    public final String formula;
    public final String derivativeFormula;

    Func(String id, String formula, String derivativeFormula) {
        this.id = id;
        this.formula = formula;
        this.derivativeFormula = derivativeFormula;
    }

    public abstract double f(double x);

    /** f′(x), given x and y = f(x). */
    public abstract double df(double x, double y);

    /** g · f′(x): written apart where PyTorch divides rather than multiplies by a reciprocal. */
    double gradient(double x, double y, double g) { return g * df(x, y); }

    @Override public String symbol() { return id; }

    @Override public Shape shape(Shape[] in) { return in[0]; }

    @Override public void forward(Node n) {
        double[] x = n.input(0).data, y = n.data;
        for (int i = 0; i < y.length; i++) y[i] = f(x[i]);
    }

    @Override public void backward(Node n, double[] g, double[][] gIn, Twist twist) {
        double[] x = n.input(0).data, y = n.data, gx = gIn[0];
        if (gx == null) return;
        for (int i = 0; i < gx.length; i++) {
            gx[i] = twist.active() ? g[i] * twist.derivative(n, i, df(x[i], y[i])) : gradient(x[i], y[i], g[i]);
        }
    }

    public static Func byName(String name) {
        for (Func f : values()) if (f.id.equals(name)) return f;
        return null;
    }
}
