package nn.core;

/**
 * Forward and backward passes over a batch of rows, on buffers allocated once for up to {@code capacity} rows: the
 * training loop, evaluation and gradcheck call it millions of times without allocating. Every product goes through
 * {@link Kernels} on whole batches (row-major, B = rows). Works on the network's own parameter arrays, so updates
 * made between calls are seen by the next pass.
 *
 * <p>With one row it computes exactly what {@link Network#forward} and {@link Network#backward} compute, operation
 * for operation (the mean over one row scales by 1.0), so training with batch 1 reproduces `step` bit for bit.
 */
public final class BatchPass {
    private final Layer[] layers;
    /** Per layer: whether its activation works element by element (all but softmax), looked up once. */
    private final boolean[] elementwise;
    private final Loss loss;
    private final boolean fused;
    public final int capacity;
    /** Per layer k: pre-activations Z[k] and activations A[k] (rows × out). */
    final double[][] Z;
    final double[][] A;
    /** Per layer k: ∂E/∂A[k] and ∂E/∂Z[k] (rows × out); ∂E/∂W[k] (out × in) and ∂E/∂b[k] of the mean loss. */
    final double[][] dA;
    final double[][] dZ;
    public final double[][] dW;
    public final double[][] dB;

    public BatchPass(Network net, int capacity) {
        if (net.isEmpty()) throw new IllegalArgumentException("no layers");
        int L = net.depth();
        this.layers = net.layers().toArray(new Layer[0]);
        this.elementwise = new boolean[L];
        for (int k = 0; k < L; k++) elementwise[k] = layers[k].activation.elementwise();
        this.loss = net.loss();
        this.fused = net.fusedOutput();
        this.capacity = capacity;
        Z = new double[L][];
        A = new double[L][];
        dA = new double[L][];
        dZ = new double[L][];
        dW = new double[L][];
        dB = new double[L][];
        for (int k = 0; k < L; k++) {
            Layer l = layers[k];
            int n = Math.multiplyExact(capacity, l.out);
            Z[k] = new double[n];
            A[k] = new double[n];
            dA[k] = new double[n];
            dZ[k] = new double[n];
            dW[k] = new double[l.W.length];
            dB[k] = new double[l.out];
        }
    }

    /** Bytes the buffers of a pass over {@code capacity} rows of this network take. */
    public static long bytesFor(Network net, long capacity) {
        long n = 0;
        for (Layer l : net.layers()) n += 4 * capacity * l.out + l.W.length + l.out;
        return n * Double.BYTES;
    }

    public int depth() { return layers.length; }

    public Layer layer(int k) { return layers[k]; }

    /** The outputs of the last forward pass (rows × outputs). */
    public double[] output() { return A[layers.length - 1]; }

    public double[] pre(int k) { return Z[k]; }

    public double[] act(int k) { return A[k]; }

    /** Forward pass over the first {@code rows} rows of X (rows × inputs). */
    public void forward(double[] X, int rows) {
        double[] in = X;
        for (int k = 0; k < layers.length; k++) {
            Layer l = layers[k];
            Kernels.affine(in, rows, l.in, l.W, l.b, l.out, Z[k]);
            activate(l, elementwise[k], Z[k], A[k], rows);
            in = A[k];
        }
    }

    private static void activate(Layer l, boolean elementwise, double[] z, double[] a, int rows) {
        Activation f = l.activation;
        if (elementwise) {
            f.forward(z, a, 0, rows * l.out, l.param);
        } else {
            for (int r = 0; r < rows; r++) f.forward(z, a, r * l.out, l.out, l.param);
        }
    }

    /** The sum over rows of each row's loss against Y (rows × outputs), from the last forward pass. */
    public double lossSum(double[] Y, int rows) {
        double[] o = output();
        int n = layers[layers.length - 1].out;
        double s = 0;
        for (int r = 0; r < rows; r++) s += loss.value(o, Y, r * n, n);
        return s;
    }

    /**
     * Backward pass for the mean loss over the rows of the last forward pass: fills dW and dB of every layer
     * (each the mean of the rows' gradients). X must be the input the forward pass used.
     */
    public void backward(double[] X, double[] Y, int rows) {
        int L = layers.length;
        double scale = 1.0 / rows;
        Layer top = layers[L - 1];
        int n = top.out;
        double[] o = A[L - 1];
        double[] dZtop = dZ[L - 1];
        if (fused) {
            // softmax + cross-entropy: ∂E/∂z = o·Σy − y per row (o − y for one-hot targets), as Network.backward
            for (int r = 0; r < rows; r++) {
                int off = r * n;
                double sumY = 0;
                for (int i = off; i < off + n; i++) sumY += Y[i];
                for (int i = off; i < off + n; i++) dZtop[i] = (o[i] * sumY - Y[i]) * scale;
            }
        } else {
            double[] dO = dA[L - 1];
            for (int r = 0; r < rows; r++) loss.gradient(o, Y, dO, r * n, n, scale);
            activateBackward(top, L - 1, rows);
        }
        for (int k = L - 1; k >= 0; k--) {
            Layer l = layers[k];
            double[] in = k == 0 ? X : A[k - 1];
            Kernels.weightGradients(dZ[k], in, rows, l.in, l.out, dW[k], dB[k]);
            if (k > 0) {
                Kernels.inputGradients(dZ[k], l.W, rows, l.in, l.out, dA[k - 1]);
                activateBackward(layers[k - 1], k - 1, rows);
            }
        }
    }

    private void activateBackward(Layer l, int k, int rows) {
        Activation f = l.activation;
        if (elementwise[k]) {
            f.backward(Z[k], A[k], dA[k], dZ[k], 0, rows * l.out, l.param);
        } else {
            for (int r = 0; r < rows; r++) f.backward(Z[k], A[k], dA[k], dZ[k], r * l.out, l.out, l.param);
        }
    }
}
