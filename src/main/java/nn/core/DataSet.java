package nn.core;

import java.util.List;

/**
 * A data set: {@code rows} examples, inputs X (rows × inputs) and targets Y (rows × outputs), both row-major so that
 * a batch of consecutive rows is one contiguous slice the kernels can work on. Never changed once made (sessions
 * share it between states); training shuffles an index, not the rows.
 * {@code classes} names the classes when the targets are one-hot labels (from a CSV), else null.
 */
public final class DataSet {
    public final int rows;
    public final int inputs;
    public final int outputs;
    public final double[] X;
    public final double[] Y;
    public final List<String> classes;
    private final boolean classification;

    public DataSet(int rows, int inputs, int outputs, double[] X, double[] Y, List<String> classes) {
        if (rows <= 0 || inputs <= 0 || outputs <= 0) throw new IllegalArgumentException("a data set needs rows, inputs and outputs");
        if (X.length != (long) rows * inputs || Y.length != (long) rows * outputs) throw new IllegalArgumentException("X or Y has the wrong length");
        this.rows = rows;
        this.inputs = inputs;
        this.outputs = outputs;
        this.X = X;
        this.Y = Y;
        this.classes = classes == null ? null : List.copyOf(classes);
        this.classification = classes != null || labels(Y, rows, outputs);
    }

    /** One example as a data set of one row (train without a data set trains on the current example). */
    public static DataSet single(double[] x, double[] y) {
        return new DataSet(1, x.length, y.length, x.clone(), y.clone(), null);
    }

    /**
     * True when every target is a class label: a one-hot row (several outputs) or 0/1 (one output). Accuracy is
     * then the share of rows whose predicted class (the largest output, or output ≥ 0.5) is the target's.
     */
    public boolean classification() { return classification; }

    /** How many classes the targets distinguish (2 for one 0/1 output). */
    public int classCount() { return outputs == 1 ? 2 : outputs; }

    private static boolean labels(double[] Y, int rows, int outputs) {
        for (int r = 0; r < rows; r++) {
            int ones = 0;
            for (int i = r * outputs; i < (r + 1) * outputs; i++) {
                if (Y[i] == 1) ones++;
                else if (Y[i] != 0) return false;
            }
            if (outputs > 1 && ones != 1) return false;
        }
        return true;
    }

    /** The class of row r's target: the index of its 1 (or its 0/1 value with one output). */
    public int targetClass(int r) { return predictedClass(Y, r * outputs, outputs); }

    /** The class an output row o[off..off+n) predicts: its largest element, or o ≥ 0.5 for a single output. */
    public static int predictedClass(double[] o, int off, int n) {
        if (n == 1) return o[off] >= 0.5 ? 1 : 0;
        int best = 0;
        for (int i = 1; i < n; i++) if (o[off + i] > o[off + best]) best = i;
        return best;
    }

    /** Bytes X and Y of a data set of this shape take. */
    public static long bytesFor(long rows, long inputs, long outputs) { return rows * (inputs + outputs) * Double.BYTES; }

    /**
     * A synthetic data set: inputs uniform in [0, 1); with {@code classes} &gt; 0 one-hot targets of uniformly drawn
     * classes, else {@code outputs} targets uniform in [0, 1). Deterministic in {@code seed}; the targets carry no
     * signal (as the benchmark peers' data), so it measures speed, not learning.
     */
    public static DataSet random(int rows, int inputs, int classes, int outputs, long seed) {
        int out = classes > 0 ? classes : outputs;
        double[] X = new double[Math.multiplyExact(rows, inputs)];
        double[] Y = new double[Math.multiplyExact(rows, out)];
        // the inputs are one nextDouble each, in order: drawn in parts on both cores (each part's generator starts
        // where the sequence is at its first element), so the numbers are those of one generator
        Parallel.forRange(X.length, 1 << 16, X.length, (i0, i1) -> {
            SplitMix part = SplitMix.after(seed, i0);
            for (int i = i0; i < i1; i++) X[i] = part.nextDouble();
        });
        SplitMix rnd = SplitMix.after(seed, X.length);
        if (classes > 0) {
            for (int r = 0; r < rows; r++) Y[r * classes + rnd.nextInt(classes)] = 1;
        } else {
            for (int i = 0; i < Y.length; i++) Y[i] = rnd.nextDouble();
        }
        return new DataSet(rows, inputs, out, X, Y, null);
    }
}
