package nn.core;

/**
 * One training step on one row (batch size 1), phase by phase: forward, backward, the plain gradient-descent update,
 * and the gradients for the optimizers with state. Two implementations compute the same numbers bit for bit:
 * {@link RowPass}, loops over any network, and the code {@link RowCode} generates for one small network's shape
 * (straight-line, every size a constant). {@link #of} picks one.
 *
 * <p>Both compute exactly what {@link BatchPass} computes at one row (and so what {@code step} computes), operation
 * for operation: every sum starts from +0 and adds its terms in ascending order, zero terms of ∂E/∂z are skipped where
 * the plain kernels skip them, the mean over one row still multiplies by 1.0. Tested against the batch loop on random
 * networks with every activation, loss and optimizer: {@code RowPassTest}.
 */
abstract class RowStep {

    final Layer[] layers;
    final int L;
    final Loss loss;
    final boolean fused;
    final int[] kind;
    final double[] param;
    final int[] ins;
    final int[] outs;
    final double[][] W;
    final double[][] B;
    /** Per layer: pre-activation, activation, ∂E/∂a, ∂E/∂z of the current row. */
    final double[][] z;
    final double[][] a;
    final double[][] da;
    final double[][] dz;

    static final int LINEAR = 0, RELU = 1, LEAKY = 2, SIGMOID = 3, TANH = 4, SOFTMAX = 5;

    RowStep(Network net) {
        L = net.depth();
        layers = net.layers().toArray(new Layer[0]);
        loss = net.loss();
        fused = net.fusedOutput();
        kind = new int[L];
        param = new double[L];
        ins = new int[L];
        outs = new int[L];
        W = new double[L][];
        B = new double[L][];
        z = new double[L][];
        a = new double[L][];
        da = new double[L][];
        dz = new double[L][];
        for (int k = 0; k < L; k++) {
            Layer l = layers[k];
            kind[k] = switch (l.activation) {
                case LINEAR -> LINEAR;
                case RELU -> RELU;
                case LEAKY_RELU -> LEAKY;
                case SIGMOID -> SIGMOID;
                case TANH -> TANH;
                case SOFTMAX -> SOFTMAX;
            };
            param[k] = l.param;
            ins[k] = l.in;
            outs[k] = l.out;
            W[k] = l.W;
            B[k] = l.b;
            z[k] = new double[l.out];
            a[k] = new double[l.out];
            da[k] = new double[l.out];
            dz[k] = new double[l.out];
        }
    }

    /**
     * The step for {@code net}, for a run of {@code steps} rows: generated code when the network is small enough
     * and the run long enough to repay generating it, the loops otherwise.
     */
    static RowStep of(Network net, long steps) {
        if (steps >= RowCode.worthFrom) {
            RowStep generated = RowCode.step(net);
            if (generated != null) return generated;
        }
        return new RowPass(net);
    }

    /** The forward pass of the row X[xo, xo + inputs); returns its loss against Y[0, outputs). */
    abstract double forward(double[] X, int xo, double[] Y);

    /** ∂E/∂z of every layer for the row of the last forward pass, against Y[0, outputs). ∂E/∂b is 0 + ∂E/∂z. */
    abstract void backward(double[] Y);

    /**
     * Plain gradient descent p ← p − lr·g of every parameter not frozen, with g the gradient of this row: ∂E/∂b = 0 +
     * ∂E/∂z, ∂E/∂W[i, j] = 0 + ∂E/∂z[i]·x[j] (0 for the rows the kernel skips, whose update subtracts lr·0 = +0, which
     * changes nothing: lr is finite, checked by the caller).
     */
    abstract void sgd(double[] X, int xo, double lr);

    /**
     * The first ∂E/∂b that is not finite, in the order the batch trainer checks them (last layer first): its layer
     * and index packed as layer · 2³² + index, or −1 if all are finite.
     */
    long firstNonFinite() {
        for (int k = L - 1; k >= 0; k--) {
            double[] d = dz[k];
            for (int i = 0; i < d.length; i++) if (d[i] - d[i] != 0) return ((long) k << 32) | i;
        }
        return -1;
    }

    /** Writes this row's gradients into dW and dB (for the optimizers with state), as the plain kernels would. */
    void gradients(double[] X, int xo, double[][] dW, double[][] dB) {
        for (int k = 0; k < L; k++) {
            double[] d = dz[k], gw = dW[k], gb = dB[k];
            double[] x = k == 0 ? X : a[k - 1];
            int off = k == 0 ? xo : 0;
            int in = ins[k], out = outs[k];
            for (int i = 0, wo = 0; i < out; i++, wo += in) {
                double di = d[i];
                gb[i] = 0.0 + di;
                if (di == 0) {
                    for (int j = 0; j < in; j++) gw[wo + j] = 0;
                } else {
                    for (int j = 0; j < in; j++) gw[wo + j] = 0.0 + di * x[off + j];
                }
            }
        }
    }
}
