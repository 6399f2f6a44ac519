package nn.core;

/**
 * A network measured on a data set: the mean loss over its rows and, when the targets are class labels, how many
 * rows the network classifies correctly. Computed in batches through {@link BatchPass}.
 */
public record Evaluation(int rows, double meanLoss, int correct, boolean classification) {

    /** Rows per batch: large enough for the kernels, small enough to keep the buffers small. */
    static final int CHUNK = 256;

    public double accuracy() { return (double) correct / rows; }

    public static Evaluation of(Network net, DataSet d) {
        int B = Math.min(CHUNK, d.rows);
        boolean direct = B == d.rows;
        BatchPass pass = direct ? new BatchPass(net, B, d.X, d.Y) : new BatchPass(net, B);
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
