package nn.core;

/**
 * One training step on one row (batch size 1), phase by phase: forward, backward, the plain gradient-descent update,
 * and the gradients for the optimizers with state; the fast path of training one example at a time.
 *
 * <p>It computes exactly what the network's graph computes at one row (and so what {@code step} computes), operation
 * for operation: every sum starts from +0 and adds its terms in ascending order, zero terms of ∂E/∂z are skipped where
 * the kernels skip them, the mean over one row still multiplies by 1.0. What it leaves out is only overhead: no
 * graph, no {@code Arrays.fill} (gradients are written, not accumulated from zero), no ∂E/∂W arrays for plain gradient
 * descent (the update uses ∂E/∂z and the layer's input directly), no virtual calls per element (a switch per layer
 * picks the activation; the enum constants' own functions are called, so each formula still has one home in
 * {@link Activation} and {@link Loss}). Tested bit for bit against the graph on random networks: {@code RowPassTest}.
 */
final class RowPass {


    final Layer[] layers;
    final int L;
    final Loss loss;
    final boolean fused;
    /** The loss sums over a batch (and so over outputs): PyTorch's reduction='sum'. */
    final boolean sums;
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

    /** True for the networks this loop covers: every layer with one bias per neuron. */
    static boolean fits(Network net) {
        for (Layer l : net.layers()) if (l.bias != Layer.Bias.PER_NEURON) return false;
        return true;
    }

    RowPass(Network net) {
        L = net.depth();
        layers = net.layers().toArray(new Layer[0]);
        loss = net.effectiveLoss();
        fused = net.fusedOutput();
        sums = net.sums();
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




    double forward(double[] X, int xo, double[] Y) {
        double[] x = X;
        int off = xo;
        for (int k = 0; k < L; k++) {
            double[] w = W[k], b = B[k], zk = z[k], ak = a[k];
            int in = ins[k], out = outs[k];
            int f = kind[k];
            double p = param[k];
            for (int i = 0, wo = 0; i < out; i++, wo += in) {
                double s = 0;
                for (int j = 0; j < in; j++) s += w[wo + j] * x[off + j];
                double v = s + b[i];
                zk[i] = v;
                if (f != SOFTMAX) ak[i] = f(f, v, p);
            }
            if (f == SOFTMAX) Activation.SOFTMAX.forward(zk, ak, 0, out, p);
            x = ak;
            off = 0;
        }
        double[] o = a[L - 1];
        double sum = 0; // the batch trainer's sum over its one row, started from +0 like it
        sum += loss.value(o, Y, 0, o.length, sums);
        return sum;
    }

    /** An elementwise activation, by kind: the enum constants' own functions (constant receivers, so inlined). */
    private static double f(int kind, double z, double p) {
        switch (kind) {
            case RELU: return Activation.RELU.f(z, p);
            case SIGMOID: return Activation.SIGMOID.f(z, p);
            case TANH: return Activation.TANH.f(z, p);
            case LEAKY: return Activation.LEAKY_RELU.f(z, p);
            default: return Activation.LINEAR.f(z, p);
        }
    }

    /** dZ = dA ⊙ f'(z), or softmax's Jacobian product. */
    private static void activateBackward(int kind, double[] z, double[] a, double[] dA, double[] dZ, int n, double p) {
        switch (kind) {
            case RELU -> { for (int i = 0; i < n; i++) dZ[i] = dA[i] * Activation.RELU.df(z[i], a[i], p); }
            case SIGMOID -> { for (int i = 0; i < n; i++) dZ[i] = dA[i] * Activation.SIGMOID.df(z[i], a[i], p); }
            case TANH -> { for (int i = 0; i < n; i++) dZ[i] = dA[i] * Activation.TANH.df(z[i], a[i], p); }
            case LEAKY -> { for (int i = 0; i < n; i++) dZ[i] = dA[i] * Activation.LEAKY_RELU.df(z[i], a[i], p); }
            case LINEAR -> { for (int i = 0; i < n; i++) dZ[i] = dA[i] * Activation.LINEAR.df(z[i], a[i], p); }
            default -> Activation.SOFTMAX.backward(z, a, dA, dZ, 0, n, p);
        }
    }

    void backward(double[] Y) {
        int top = L - 1;
        double[] o = a[top];
        int n = o.length;
        double[] dZ = dz[top];
        if (fused) {
            Loss.softmaxCrossEntropyGradient(o, 0, Y, 0, dZ, 0, n, 1.0);
        } else {
            loss.gradient(o, Y, da[top], 0, n, 1.0, sums);
            activateBackward(kind[top], z[top], o, da[top], dZ, n, param[top]);
        }
        for (int k = top; k > 0; k--) {
            // ∂E/∂a of the layer below = dZ · W, each element summed over i ascending from +0 with the zero terms
            // skipped (as the plain kernel does); the last term's loop also applies f' of the layer below
            double[] d = dz[k], w = W[k], dx = da[k - 1], below = dz[k - 1], zb = z[k - 1], ab = a[k - 1];
            int in = ins[k], last = outs[k] - 1, f = kind[k - 1];
            double p = param[k - 1];
            if (last > 0) {
                for (int j = 0; j < in; j++) dx[j] = 0;
                for (int i = 0, wo = 0; i < last; i++, wo += in) {
                    double di = d[i];
                    if (di == 0) continue;
                    for (int j = 0; j < in; j++) dx[j] += di * w[wo + j];
                }
            }
            double dl = d[last];
            int wo = last * in;
            if (f == SOFTMAX) {
                if (last == 0) for (int j = 0; j < in; j++) dx[j] = 0;
                if (dl != 0) for (int j = 0; j < in; j++) dx[j] += dl * w[wo + j];
                Activation.SOFTMAX.backward(zb, ab, dx, below, 0, in, p);
            } else if (dl != 0) {
                for (int j = 0; j < in; j++) {
                    double v = (last == 0 ? 0.0 : dx[j]) + dl * w[wo + j];
                    dx[j] = v;
                    below[j] = v * df(f, zb[j], ab[j], p);
                }
            } else {
                for (int j = 0; j < in; j++) {
                    double v = last == 0 ? 0.0 : dx[j];
                    dx[j] = v;
                    below[j] = v * df(f, zb[j], ab[j], p);
                }
            }
        }
    }

    /** f'(z) of an elementwise activation, by kind, given z and a = f(z). */
    private static double df(int kind, double z, double a, double p) {
        switch (kind) {
            case RELU: return Activation.RELU.df(z, a, p);
            case SIGMOID: return Activation.SIGMOID.df(z, a, p);
            case TANH: return Activation.TANH.df(z, a, p);
            case LEAKY: return Activation.LEAKY_RELU.df(z, a, p);
            default: return Activation.LINEAR.df(z, a, p);
        }
    }

    void sgd(double[] X, int xo, double lr) {
        for (int k = 0; k < L; k++) {
            Layer l = layers[k];
            double[] d = dz[k], w = W[k], b = B[k];
            double[] x = k == 0 ? X : a[k - 1];
            int off = k == 0 ? xo : 0;
            int in = ins[k], out = outs[k];
            boolean updateW = !l.frozenW, updateB = !l.frozenB;
            for (int i = 0, wo = 0; i < out; i++, wo += in) {
                double di = d[i];
                if (updateB) b[i] -= lr * (0.0 + di);
                if (di == 0 || !updateW) continue;
                for (int j = 0; j < in; j++) w[wo + j] -= lr * (0.0 + di * x[off + j]);
            }
        }
    }

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
