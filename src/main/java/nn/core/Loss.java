package nn.core;

import java.util.Arrays;
import java.util.List;

/**
 * A loss with its gradient beside it. {@link #value} and {@link #gradient} work on one example (n outputs): the
 * losses that PyTorch defines per element (MSELoss, BCELoss, BCEWithLogitsLoss) average over the outputs when the
 * batch is averaged too ({@code sum} false), and sum over them when it is summed, so that nn's mean and sum over a
 * batch are PyTorch's reduction='mean' and 'sum'. The two cross-entropies on logits fold softmax (or σ) in; their one
 * gradient formula is {@link #softmaxCrossEntropyGradient}.
 */
public enum Loss {
    /** The reference's E = ½ Σ (y − o)². */
    HALF_SSE("half_sse", "E = ½ Σ_i (y_i − o_i)²", "∂E/∂o_i = o_i − y_i") {
        @Override double total(double[] o, double[] y, int off, int n) {
            double s = 0;
            for (int i = off; i < off + n; i++) s += (y[i] - o[i]) * (y[i] - o[i]);
            return 0.5 * s;
        }
        @Override public double term(double o, double y) { return 0.5 * (y - o) * (y - o); }
        @Override public void gradient(double[] o, double[] y, double[] dO, int off, int n, double scale, boolean sum) {
            for (int i = off; i < off + n; i++) dO[i] = scale * (o[i] - y[i]);
        }
    },
    /** Mean squared error as PyTorch's MSELoss defines it: the mean over outputs, no ½. */
    MSE("mse", "E = (1/n) Σ_i (y_i − o_i)²", "∂E/∂o_i = (2/n)(o_i − y_i)") {
        @Override double total(double[] o, double[] y, int off, int n) {
            double s = 0;
            for (int i = off; i < off + n; i++) s += (y[i] - o[i]) * (y[i] - o[i]);
            return s;
        }
        @Override public double term(double o, double y) { return (y - o) * (y - o); }
        @Override public void gradient(double[] o, double[] y, double[] dO, int off, int n, double scale, boolean sum) {
            if (sum) for (int i = off; i < off + n; i++) dO[i] = scale * 2 * (o[i] - y[i]);
            else for (int i = off; i < off + n; i++) dO[i] = scale * 2 * (o[i] - y[i]) / n;
        }
    },
    /** Binary cross-entropy as PyTorch's BCELoss: on probabilities, the mean over outputs, each log clamped at −100. */
    BCE("bce", "E = −(1/n) Σ_i [y_i log o_i + (1 − y_i) log(1 − o_i)]", "∂E/∂o_i = (o_i − y_i) / (n · o_i(1 − o_i))") {
        @Override double total(double[] o, double[] y, int off, int n) {
            double s = 0;
            for (int i = off; i < off + n; i++) s += y[i] * clampedLog(o[i]) + (1 - y[i]) * clampedLog(1 - o[i]);
            return -s;
        }
        @Override public double term(double o, double y) { return -(y * clampedLog(o) + (1 - y) * clampedLog(1 - o)); }
        @Override public void gradient(double[] o, double[] y, double[] dO, int off, int n, double scale, boolean sum) {
            int m = sum ? 1 : n;
            for (int i = off; i < off + n; i++) {
                double d = Math.max(o[i] * (1 - o[i]), EPS);
                dO[i] = scale * (o[i] - y[i]) / (m * d);
            }
        }
    },
    /** Categorical cross-entropy −Σ y log o on probabilities; after softmax the fused gradient at z is o·Σy − y. */
    CROSS_ENTROPY("cross_entropy", "E = −Σ_i y_i log o_i", "∂E/∂o_i = −y_i / o_i") {
        @Override double total(double[] o, double[] y, int off, int n) {
            double s = 0;
            for (int i = off; i < off + n; i++) if (y[i] != 0) s += y[i] * clampedLog(o[i]);
            return -s;
        }
        @Override public boolean perOutput() { return false; }
        @Override public double term(double o, double y) { return y == 0 ? 0 : -y * clampedLog(o); }
        @Override public void gradient(double[] o, double[] y, double[] dO, int off, int n, double scale, boolean sum) {
            for (int i = off; i < off + n; i++) dO[i] = y[i] == 0 ? 0 : -scale * y[i] / Math.max(o[i], EPS);
        }
    },
    /** PyTorch's BCEWithLogitsLoss: σ folded in, on logits z, in the form that never overflows. */
    BCE_LOGITS("bce_logits", "E = (1/n) Σ_i [max(z_i, 0) − z_i y_i + log(1 + e^(−|z_i|))]", "∂E/∂z_i = (σ(z_i) − y_i) / n") {
        @Override double total(double[] z, double[] y, int off, int n) {
            double s = 0;
            for (int i = off; i < off + n; i++) s += term(z[i], y[i]);
            return s;
        }
        @Override public double term(double z, double y) { return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z))); }
        @Override public boolean onLogits() { return true; }
        @Override public void gradient(double[] z, double[] y, double[] dZ, int off, int n, double scale, boolean sum) {
            int m = sum ? 1 : n;
            for (int i = off; i < off + n; i++) dZ[i] = scale * (Activation.SIGMOID.f(z[i], 0) - y[i]) / m;
        }
    },
    /** PyTorch's CrossEntropyLoss: softmax folded in, on logits z, with log-sum-exp shifted by the largest z. */
    CROSS_ENTROPY_LOGITS("cross_entropy_logits", "E = −Σ_i y_i log softmax(z)_i", "∂E/∂z_i = softmax(z)_i Σ_j y_j − y_i") {
        @Override double total(double[] z, double[] y, int off, int n) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = off; i < off + n; i++) max = Math.max(max, z[i]);
            double sum = 0;
            for (int i = off; i < off + n; i++) sum += Math.exp(z[i] - max);
            double lse = max + Math.log(sum);
            double s = 0;
            for (int i = off; i < off + n; i++) if (y[i] != 0) s += y[i] * (z[i] - lse);
            return -s;
        }
        @Override public boolean perOutput() { return false; }
        @Override public boolean onLogits() { return true; }
        @Override public double term(double z, double y) { return Double.NaN; }
        @Override public void gradient(double[] z, double[] y, double[] dZ, int off, int n, double scale, boolean sum) {
            double[] p = new double[n];
            Activation.SOFTMAX.forward(Arrays.copyOfRange(z, off, off + n), p, 0, n, 0);
            softmaxCrossEntropyGradient(p, 0, y, off, dZ, off, n, scale);
        }
    };

    static final double EPS = 1e-12;

    public final String id;
    public final String formula;
    public final String gradientFormula;

    Loss(String id, String formula, String gradientFormula) {
        this.id = id;
        this.formula = formula;
        this.gradientFormula = gradientFormula;
    }

    /** The example's loss summed over its outputs (half_sse's ½ included). */
    abstract double total(double[] o, double[] y, int off, int n);

    /** True for the losses PyTorch defines per output (averaged over outputs with reduction='mean'). */
    public boolean perOutput() { return this != HALF_SSE; }

    /** True for the losses on logits, with the output activation folded in. */
    public boolean onLogits() { return false; }

    /**
     * One example's loss over outputs o[off..off+n) against targets y[off..off+n): averaged over the outputs for the
     * per-output losses unless {@code sum} (the batch is summed, and so are the outputs).
     */
    public double value(double[] o, double[] y, int off, int n, boolean sum) {
        double t = total(o, y, off, n);
        return perOutput() && !sum ? t / n : t;
    }

    /** One example's loss, its outputs averaged where PyTorch averages them. */
    public double value(double[] o, double[] y, int off, int n) { return value(o, y, off, n, false); }

    /** The loss one output contributes (½(y − o)² for half_sse), before any averaging: E_o1, E_o2 of a worked example. */
    public abstract double term(double o, double y);

    /**
     * dO = scale · ∂E/∂o for one example (scale: the gradient arriving at the example's loss, 1/batch when a batch is
     * averaged); {@code sum} as in {@link #value}.
     */
    public abstract void gradient(double[] o, double[] y, double[] dO, int off, int n, double scale, boolean sum);

    public void gradient(double[] o, double[] y, double[] dO, int off, int n, double scale) { gradient(o, y, dO, off, n, scale, false); }

    /**
     * The fused gradient of cross-entropy through softmax, once for every pass: ∂E/∂z_i = (p_i Σ_j y_j − y_i)·scale,
     * p = softmax(z) (o − y for a one-hot target). No ∂E/∂o is formed, so no o_i = 0 divides it.
     */
    public static void softmaxCrossEntropyGradient(double[] p, int po, double[] y, int yo, double[] dZ, int zo, int n, double scale) {
        double sumY = 0;
        for (int i = 0; i < n; i++) sumY += y[yo + i];
        for (int i = 0; i < n; i++) dZ[zo + i] = (p[po + i] * sumY - y[yo + i]) * scale;
    }

    static double clampedLog(double v) { return Math.max(Math.log(v), -100); }

    /** The loss a name means: nn's own, PyTorch's class names and Keras's, case as written or not. */
    public static Loss byName(String name) {
        switch (name) { // names whose case carries meaning: PyTorch's classes
            case "CrossEntropyLoss" -> { return CROSS_ENTROPY_LOGITS; }
            case "BCEWithLogitsLoss" -> { return BCE_LOGITS; }
            default -> { }
        }
        String n = name.toLowerCase().replace('-', '_');
        switch (n) {
            case "half_squared_error", "half_mse", "sse2", "half_sum_squared_error", "e" -> n = "half_sse";
            case "mean_squared_error", "mseloss" -> n = "mse";
            case "binary_cross_entropy", "binary_crossentropy", "bceloss", "log_loss", "logloss" -> n = "bce";
            case "categorical_cross_entropy", "categorical_crossentropy", "ce", "crossentropy", "nll" -> n = "cross_entropy";
            case "crossentropyloss", "cross_entropy_with_logits", "softmax_cross_entropy" -> n = "cross_entropy_logits";
            case "bcewithlogitsloss", "bce_with_logits", "binary_cross_entropy_with_logits", "sigmoid_cross_entropy" -> n = "bce_logits";
            default -> { }
        }
        for (Loss l : values()) if (l.id.equals(n)) return l;
        return null;
    }

    public static List<String> names() { return Arrays.stream(values()).map(l -> l.id).toList(); }
}
