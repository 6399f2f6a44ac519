package nn.core;

/**
 * The plain loops that define what {@link Kernels} computes: one multiply-add at a time, each output element summed
 * in ascending order of the summed index, starting from +0. Kernels runs these directly for small products and
 * matches them bit for bit for large ones; the tests hold it to that.
 */
public final class PlainKernels {
    private PlainKernels() { }

    /** Z[B×out] = X[B×in] · Wᵀ + b. */
    public static void affine(double[] X, int B, int in, double[] W, double[] b, int out, double[] Z) {
        for (int r = 0; r < B; r++) {
            int xo = r * in;
            int zo = r * out;
            for (int i = 0; i < out; i++) {
                double s = 0;
                int wo = i * in;
                for (int j = 0; j < in; j++) s += W[wo + j] * X[xo + j];
                Z[zo + i] = s + b[i];
            }
        }
    }

    /** dW[out×in] = dZᵀ · X and dB = Σ_rows dZ (overwriting dW and dB). */
    public static void weightGradients(double[] dZ, double[] X, int B, int in, int out, double[] dW, double[] dB) {
        java.util.Arrays.fill(dW, 0, out * in, 0);
        java.util.Arrays.fill(dB, 0, out, 0);
        for (int r = 0; r < B; r++) {
            int xo = r * in;
            int zo = r * out;
            for (int i = 0; i < out; i++) {
                double d = dZ[zo + i];
                dB[i] += d;
                if (d == 0) continue;
                int wo = i * in;
                for (int j = 0; j < in; j++) dW[wo + j] += d * X[xo + j];
            }
        }
    }

    /** dX[B×in] = dZ[B×out] · W. */
    public static void inputGradients(double[] dZ, double[] W, int B, int in, int out, double[] dX) {
        java.util.Arrays.fill(dX, 0, B * in, 0);
        for (int r = 0; r < B; r++) {
            int xo = r * in;
            int zo = r * out;
            for (int i = 0; i < out; i++) {
                double d = dZ[zo + i];
                if (d == 0) continue;
                int wo = i * in;
                for (int j = 0; j < in; j++) dX[xo + j] += d * W[wo + j];
            }
        }
    }
}
