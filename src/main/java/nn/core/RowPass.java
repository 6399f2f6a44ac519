package nn.core;

/**
 * {@link RowStep} as loops over any network. What it leaves out of the batch loop is only overhead: no
 * {@code Arrays.fill} (gradients are written, not accumulated from zero), no ∂E/∂W arrays for plain gradient descent
 * (the update uses ∂E/∂z and the layer's input directly), no virtual calls per element (a switch per layer picks the
 * activation; the enum constants' own functions are called, so each formula still has one home in
 * {@link Activation}).
 */
final class RowPass extends RowStep {

    RowPass(Network net) {
        super(net);
    }

    @Override
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
        sum += loss.value(o, Y, 0, o.length);
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

    @Override
    void backward(double[] Y) {
        int top = L - 1;
        double[] o = a[top];
        int n = o.length;
        double[] dZ = dz[top];
        if (fused) {
            double sumY = 0;
            for (int i = 0; i < n; i++) sumY += Y[i];
            for (int i = 0; i < n; i++) dZ[i] = (o[i] * sumY - Y[i]) * 1.0;
        } else {
            loss.gradient(o, Y, da[top], 0, n, 1.0);
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

    @Override
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

}
