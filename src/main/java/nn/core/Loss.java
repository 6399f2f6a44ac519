package nn.core;

import java.util.Arrays;
import java.util.List;

/**
 * A loss with its gradient beside it. {@link #value} and {@link #gradient} work on one example (n outputs);
 * over a batch the loss is the mean of the examples' losses.
 */
public enum Loss {
    /** The reference's E = ½ Σ (y − o)². */
    HALF_SSE("half_sse", "E = ½ Σ_i (y_i − o_i)²", "∂E/∂o_i = o_i − y_i") {
        @Override public double value(double[] o, double[] y, int off, int n) {
            double s = 0;
            for (int i = off; i < off + n; i++) s += (y[i] - o[i]) * (y[i] - o[i]);
            return 0.5 * s;
        }
        @Override public void gradient(double[] o, double[] y, double[] dO, int off, int n, double scale) {
            for (int i = off; i < off + n; i++) dO[i] = scale * (o[i] - y[i]);
        }
    },
    /** Mean squared error as PyTorch's MSELoss (reduction='mean') defines it: the mean over outputs, no ½. */
    MSE("mse", "E = (1/n) Σ_i (y_i − o_i)²", "∂E/∂o_i = (2/n)(o_i − y_i)") {
        @Override public double value(double[] o, double[] y, int off, int n) {
            double s = 0;
            for (int i = off; i < off + n; i++) s += (y[i] - o[i]) * (y[i] - o[i]);
            return s / n;
        }
        @Override public void gradient(double[] o, double[] y, double[] dO, int off, int n, double scale) {
            for (int i = off; i < off + n; i++) dO[i] = scale * 2 * (o[i] - y[i]) / n;
        }
    },
    /** Binary cross-entropy as PyTorch's BCELoss: mean over outputs, each log clamped at −100. */
    BCE("bce", "E = −(1/n) Σ_i [y_i log o_i + (1 − y_i) log(1 − o_i)]", "∂E/∂o_i = (o_i − y_i) / (n · o_i(1 − o_i))") {
        @Override public double value(double[] o, double[] y, int off, int n) {
            double s = 0;
            for (int i = off; i < off + n; i++) s += y[i] * clampedLog(o[i]) + (1 - y[i]) * clampedLog(1 - o[i]);
            return -s / n;
        }
        @Override public void gradient(double[] o, double[] y, double[] dO, int off, int n, double scale) {
            for (int i = off; i < off + n; i++) {
                double d = Math.max(o[i] * (1 - o[i]), EPS);
                dO[i] = scale * (o[i] - y[i]) / (n * d);
            }
        }
    },
    /** Categorical cross-entropy −Σ y log o; after softmax the fused gradient at the pre-activation is o − y. */
    CROSS_ENTROPY("cross_entropy", "E = −Σ_i y_i log o_i", "∂E/∂o_i = −y_i / o_i") {
        @Override public double value(double[] o, double[] y, int off, int n) {
            double s = 0;
            for (int i = off; i < off + n; i++) if (y[i] != 0) s += y[i] * clampedLog(o[i]);
            return -s;
        }
        @Override public void gradient(double[] o, double[] y, double[] dO, int off, int n, double scale) {
            for (int i = off; i < off + n; i++) dO[i] = y[i] == 0 ? 0 : -scale * y[i] / Math.max(o[i], EPS);
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

    /** One example's loss over outputs o[off..off+n) against targets y[off..off+n). */
    public abstract double value(double[] o, double[] y, int off, int n);

    /** dO = scale · ∂E/∂o for one example (scale is 1/batch size when averaging over a batch). */
    public abstract void gradient(double[] o, double[] y, double[] dO, int off, int n, double scale);

    static double clampedLog(double v) { return Math.max(Math.log(v), -100); }

    public static Loss byName(String name) {
        String n = name.toLowerCase().replace('-', '_');
        switch (n) {
            case "half_squared_error", "half_mse", "sse2", "half_sum_squared_error", "e" -> n = "half_sse";
            case "mean_squared_error", "mseloss" -> n = "mse";
            case "binary_cross_entropy", "bceloss", "log_loss", "logloss" -> n = "bce";
            case "categorical_cross_entropy", "ce", "crossentropy", "nll" -> n = "cross_entropy";
            default -> { }
        }
        for (Loss l : values()) if (l.id.equals(n)) return l;
        return null;
    }

    public static List<String> names() { return Arrays.stream(values()).map(l -> l.id).toList(); }
}
