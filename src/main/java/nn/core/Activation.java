package nn.core;

import java.util.Arrays;
import java.util.List;

/**
 * An activation function with its derivative beside it (as micrograd keeps each operation's local gradient next to
 * its forward rule). Elementwise activations define {@link #f} and {@link #df}; softmax, the one that mixes a row,
 * overrides the row-wise {@link #forward} and {@link #backward}. {@code p} is the layer's parameter (leaky slope).
 */
public enum Activation {
    LINEAR("linear", "z", "1") {
        @Override public double f(double z, double p) { return z; }
        @Override public double df(double z, double a, double p) { return 1; }
    },
    RELU("relu", "max(0, z)", "1 if z > 0, else 0") {
        @Override public double f(double z, double p) { return z > 0 ? z : 0; }
        @Override public double df(double z, double a, double p) { return z > 0 ? 1 : 0; }
    },
    LEAKY_RELU("leaky_relu", "z if z > 0, else slope·z", "1 if z > 0, else slope") {
        @Override public double f(double z, double p) { return z > 0 ? z : p * z; }
        @Override public double df(double z, double a, double p) { return z > 0 ? 1 : p; }
    },
    SIGMOID("sigmoid", "σ(z) = 1 / (1 + e^(−z))", "σ(z)(1 − σ(z))") {
        @Override public double f(double z, double p) {
            // two forms so that exp never overflows: both are exact rearrangements of 1/(1+e^-z)
            if (z >= 0) return 1 / (1 + Math.exp(-z));
            double e = Math.exp(z);
            return e / (1 + e);
        }
        @Override public double df(double z, double a, double p) { return a * (1 - a); }
    },
    TANH("tanh", "tanh(z)", "1 − tanh²(z)") {
        // StrictMath: the same bits on every JDK. On JDK 17 Math.tanh is StrictMath.tanh; JDK 24+ compile Math.tanh to an
        // intrinsic that rounds some results differently in the last bit (samples/tanh.nn printed other 17th decimals).
        @Override public double f(double z, double p) { return StrictMath.tanh(z); }
        @Override public double df(double z, double a, double p) { return 1 - a * a; }
    },
    SOFTMAX("softmax", "e^(z_i) / Σ_j e^(z_j)", "o_i(δ_ij − o_j)") {
        @Override public double f(double z, double p) { throw new UnsupportedOperationException("softmax is not elementwise"); }
        @Override public double df(double z, double a, double p) { throw new UnsupportedOperationException("softmax is not elementwise"); }
        @Override public boolean elementwise() { return false; }

        @Override public void forward(double[] z, double[] a, int off, int n, double p) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = off; i < off + n; i++) max = Math.max(max, z[i]);
            double sum = 0;
            for (int i = off; i < off + n; i++) {
                a[i] = Math.exp(z[i] - max); // shifted by the max: same result, no overflow
                sum += a[i];
            }
            for (int i = off; i < off + n; i++) a[i] /= sum;
        }

        @Override public void backward(double[] z, double[] a, double[] dA, double[] dZ, int off, int n, double p) {
            // dZ_i = Σ_j dA_j · o_j(δ_ij − o_i) = o_i (dA_i − Σ_j dA_j o_j)
            double dot = 0;
            for (int j = off; j < off + n; j++) dot += dA[j] * a[j];
            for (int i = off; i < off + n; i++) dZ[i] = a[i] * (dA[i] - dot);
        }
    };

    /** Default slope of leaky_relu for z &lt; 0 (as PyTorch's LeakyReLU); a layer may set its own with slope=. */
    public static final double DEFAULT_LEAKY_SLOPE = 0.01;

    public final String id;
    /** The function and its derivative, as the explanations write them. */
    public final String formula;
    public final String derivativeFormula;

    Activation(String id, String formula, String derivativeFormula) {
        this.id = id;
        this.formula = formula;
        this.derivativeFormula = derivativeFormula;
    }

    /** a = f(z) for one element. */
    public abstract double f(double z, double p);

    /** da/dz for one element, given both z and a = f(z) (sigmoid and tanh are cheapest from a). */
    public abstract double df(double z, double a, double p);

    public boolean elementwise() { return true; }

    /** a[off..off+n) = f(z[off..off+n)): one example's layer. */
    public void forward(double[] z, double[] a, int off, int n, double p) {
        for (int i = off; i < off + n; i++) a[i] = f(z[i], p);
    }

    /** dZ = (da/dz)ᵀ · dA for one example's layer. */
    public void backward(double[] z, double[] a, double[] dA, double[] dZ, int off, int n, double p) {
        for (int i = off; i < off + n; i++) dZ[i] = dA[i] * df(z[i], a[i], p);
    }

    public static Activation byName(String name) {
        String n = name.toLowerCase().replace('-', '_');
        if (n.equals("leakyrelu") || n.equals("lrelu")) n = "leaky_relu";
        if (n.equals("identity") || n.equals("none")) n = "linear";
        if (n.equals("logistic") || n.equals("σ")) n = "sigmoid";
        for (Activation a : values()) if (a.id.equals(n)) return a;
        return null;
    }

    public static List<String> names() { return Arrays.stream(values()).map(a -> a.id).toList(); }
}
