package nn.core;

/**
 * A network measured on a data set: the mean loss over its rows and, when the targets are class labels, how many
 * rows the network classifies correctly. Computed in batches through {@link BatchPass}.
 */
public record Evaluation(int rows, double meanLoss, int correct, boolean classification) {

    /** Rows per batch: large enough for the kernels, small enough to keep the buffers small. */
    static final int CHUNK = 256;

    public double accuracy() { return (double) correct / rows; }

    public static Evaluation of(Network net, DataSet d) { return new Meter(net, d).measure(); }

    /**
     * {@link #of} for measuring again and again (after every epoch of training, {@code train ... test=OTHER}): its
     * buffers are allocated once and read the network's parameters as they are at each {@link #measure}. Every
     * number is the one {@code evaluate} prints, computed by the same code.
     */
    public static final class Meter {
        private final DataSet d;
        private final BatchPass pass;
        private final int B;
        private final boolean direct;

        public Meter(Network net, DataSet d) {
            if (d.inputs != net.inputSize() || d.outputs != net.outputSize()) throw new IllegalArgumentException("data set does not fit the network");
            this.d = d;
            B = Math.min(CHUNK, d.rows);
            direct = B == d.rows;
            pass = direct ? new BatchPass(net, B, d.X, d.Y) : new BatchPass(net, B);
        }

        /** Bytes a meter of this data set allocates besides the network and the data. */
        public static long bytesFor(Network net, DataSet d) {
            int B = Math.min(CHUNK, d.rows);
            return BatchPass.bytesFor(net, B) + (B == d.rows ? 0 : (long) B * (d.inputs + d.outputs) * Double.BYTES);
        }

        /** The network as it is now, on the whole data set. */
        public Evaluation measure() {
            double sum = 0;
            int correct = 0;
            for (int first = 0; first < d.rows; first += B) {
                int n = Math.min(B, d.rows - first);
                if (!direct) {
                    System.arraycopy(d.X, first * d.inputs, pass.inputs(), 0, n * d.inputs);
                    System.arraycopy(d.Y, first * d.outputs, pass.targets(), 0, n * d.outputs);
                }
                pass.forward(n);
                sum += pass.lossSum(n);
                if (d.classification()) {
                    double[] o = pass.output();
                    for (int r = 0; r < n; r++) {
                        if (DataSet.predictedClass(o, r * d.outputs, d.outputs) == d.targetClass(first + r)) correct++;
                    }
                }
            }
            return new Evaluation(d.rows, sum / d.rows, correct, d.classification());
        }
    }
}
