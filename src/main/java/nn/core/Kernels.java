package nn.core;

import java.util.Arrays;

/**
 * The dense-layer kernels over row-major double[] batches (B rows). Everything numeric in forward and backward
 * passes goes through here, for one example (B = 1) and for training batches alike.
 *
 * <p>Every kernel returns exactly, bit for bit, what its plain loop ({@link PlainKernels}) returns: each output
 * element is summed in the same order (ascending over the summed index, from +0, with the same zero terms skipped),
 * whatever the blocking or the number of threads. Only which elements are computed together changes. Java never
 * fuses a·b + c into one rounding unless asked (Math.fma), so the blocked loops round exactly like the plain ones.
 *
 * <p>Small products (the reference network's, one example at a time) run the plain loops: for them any set-up
 * costs more than it saves. Large ones are register-blocked so that C2 vectorises the innermost loop (contiguous,
 * no reduction in it) and every value loaded from memory serves several multiply-adds, and are split over the cores
 * ({@link Parallel}) when they are big enough to pay for the hand-over.
 */
public final class Kernels {
    private Kernels() { }

    /** Products with fewer multiply-adds than this run the plain loops. */
    static final long BLOCKED_MIN = 16_384;
    /** Rows of a batch handled per block: bounds the scratch space (and keeps it in cache) for any batch size. */
    static final int ROW_BLOCK = 64;
    /** Tests set this to run everything through the plain loops, to compare whole training runs against them. */
    static boolean plainOnly;

    /** Z[B×out] = X[B×in] · Wᵀ + b. */
    public static void affine(double[] X, int B, int in, double[] W, double[] b, int out, double[] Z) {
        if ((long) B * in * out < BLOCKED_MIN || B < 4 || out < 4 || plainOnly) {
            PlainKernels.affine(X, B, in, W, b, out, Z);
            return;
        }
        Scratch s = Scratch.get();
        for (int r0 = 0; r0 < B; r0 += ROW_BLOCK) {
            int n = Math.min(ROW_BLOCK, B - r0);
            double[] Xt = s.a(n * in);
            double[] Zt = s.b(n * out);
            // the block transposed: Xt[j, r] = X[r0 + r, j], so that a row of W meets n inputs in one contiguous run
            for (int r = 0; r < n; r++) {
                int xo = (r0 + r) * in;
                for (int j = 0; j < in; j++) Xt[j * n + r] = X[xo + j];
            }
            Arrays.fill(Zt, 0, n * out, 0);
            long work = (long) n * in * out;
            Parallel.forRange(out, 4, work, (i0, i1) -> affineBlock(Xt, n, in, W, i0, i1, Zt));
            for (int r = 0; r < n; r++) {
                int zo = (r0 + r) * out;
                for (int i = 0; i < out; i++) Z[zo + i] = Zt[i * n + r] + b[i];
            }
        }
    }

    /**
     * Zt[i, 0..n) += Σ_j W[i, j] · Xt[j, 0..n) for rows i0 ≤ i &lt; i1, j ascending for every element. Four rows of W
     * and four inputs at a time: each loaded Xt value serves four rows, each Zt element is loaded and stored once
     * per four terms, added in j order.
     */
    private static void affineBlock(double[] Xt, int n, int in, double[] W, int i0, int i1, double[] Zt) {
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
            int c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
            int w0 = i * in, w1 = w0 + in, w2 = w1 + in, w3 = w2 + in;
            int j = 0;
            for (; j + 4 <= in; j += 4) {
                double a00 = W[w0 + j], a01 = W[w0 + j + 1], a02 = W[w0 + j + 2], a03 = W[w0 + j + 3];
                double a10 = W[w1 + j], a11 = W[w1 + j + 1], a12 = W[w1 + j + 2], a13 = W[w1 + j + 3];
                double a20 = W[w2 + j], a21 = W[w2 + j + 1], a22 = W[w2 + j + 2], a23 = W[w2 + j + 3];
                double a30 = W[w3 + j], a31 = W[w3 + j + 1], a32 = W[w3 + j + 2], a33 = W[w3 + j + 3];
                int x0 = j * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
                for (int r = 0; r < n; r++) {
                    double v0 = Xt[x0 + r], v1 = Xt[x1 + r], v2 = Xt[x2 + r], v3 = Xt[x3 + r];
                    Zt[c0 + r] = Zt[c0 + r] + a00 * v0 + a01 * v1 + a02 * v2 + a03 * v3;
                    Zt[c1 + r] = Zt[c1 + r] + a10 * v0 + a11 * v1 + a12 * v2 + a13 * v3;
                    Zt[c2 + r] = Zt[c2 + r] + a20 * v0 + a21 * v1 + a22 * v2 + a23 * v3;
                    Zt[c3 + r] = Zt[c3 + r] + a30 * v0 + a31 * v1 + a32 * v2 + a33 * v3;
                }
            }
            for (; j < in; j++) {
                axpy(Zt, c0, n, W[w0 + j], Xt, j * n);
                axpy(Zt, c1, n, W[w1 + j], Xt, j * n);
                axpy(Zt, c2, n, W[w2 + j], Xt, j * n);
                axpy(Zt, c3, n, W[w3 + j], Xt, j * n);
            }
        }
        for (; i < i1; i++) {
            for (int j = 0; j < in; j++) axpy(Zt, i * n, n, W[i * in + j], Xt, j * n);
        }
    }

    /** dW[out×in] = dZᵀ · X and dB = Σ_rows dZ (overwriting dW and dB). Zero entries of dZ add nothing and are skipped. */
    public static void weightGradients(double[] dZ, double[] X, int B, int in, int out, double[] dW, double[] dB) {
        if ((long) B * in * out < BLOCKED_MIN || in < 8 || plainOnly) {
            PlainKernels.weightGradients(dZ, X, B, in, out, dW, dB);
            return;
        }
        Arrays.fill(dB, 0, out, 0);
        for (int r = 0; r < B; r++) {
            int zo = r * out;
            for (int i = 0; i < out; i++) dB[i] += dZ[zo + i];
        }
        Arrays.fill(dW, 0, out * in, 0);
        for (int r0 = 0; r0 < B; r0 += ROW_BLOCK) {
            int n = Math.min(ROW_BLOCK, B - r0);
            int first = r0;
            Parallel.forRange(out, 1, (long) n * in * out, (i0, i1) -> {
                Scratch s = Scratch.get();
                double[] coef = s.a(n);
                int[] offs = s.offsets(n);
                for (int i = i0; i < i1; i++) {
                    // the rows of this block that contribute to neuron i, in row order
                    int count = 0;
                    for (int r = first; r < first + n; r++) {
                        double d = dZ[r * out + i];
                        if (d != 0) {
                            coef[count] = d;
                            offs[count++] = r * in;
                        }
                    }
                    combine(dW, i * in, in, X, 0, offs, coef, count);
                }
            });
        }
    }

    /** dX[B×in] = dZ[B×out] · W. Zero entries of dZ add nothing and are skipped. */
    public static void inputGradients(double[] dZ, double[] W, int B, int in, int out, double[] dX) {
        if ((long) B * in * out < BLOCKED_MIN || in < 8 || plainOnly) {
            PlainKernels.inputGradients(dZ, W, B, in, out, dX);
            return;
        }
        Arrays.fill(dX, 0, B * in, 0);
        // columns in tiles so that the tile of W (out × COLUMN_TILE) stays in cache while every row uses it
        final int tile = Math.max(8, Math.min(in, (1 << 16) / Math.max(1, out)));
        Parallel.forRange(B, 1, (long) B * in * out, (r0, r1) -> {
            Scratch s = Scratch.get();
            double[] coef = s.a(out);
            int[] offs = s.offsets(out);
            for (int j0 = 0; j0 < in; j0 += tile) {
                int len = Math.min(tile, in - j0);
                for (int r = r0; r < r1; r++) {
                    int zo = r * out;
                    int count = 0;
                    for (int i = 0; i < out; i++) {
                        double d = dZ[zo + i];
                        if (d != 0) {
                            coef[count] = d;
                            offs[count++] = i * in;
                        }
                    }
                    combine(dX, r * in + j0, len, W, j0, offs, coef, count);
                }
            }
        });
    }

    /**
     * c[co, co+n) += Σ_t coef[t] · m[offs[t] + shift, … + n), t ascending for every element: eight terms per pass
     * over c, added one after another in t order (so the result is that of t separate axpy passes).
     */
    static void combine(double[] c, int co, int n, double[] m, int shift, int[] offs, double[] coef, int count) {
        int t = 0;
        for (; t + 8 <= count; t += 8) {
            double a0 = coef[t], a1 = coef[t + 1], a2 = coef[t + 2], a3 = coef[t + 3];
            double a4 = coef[t + 4], a5 = coef[t + 5], a6 = coef[t + 6], a7 = coef[t + 7];
            int o0 = offs[t] + shift, o1 = offs[t + 1] + shift, o2 = offs[t + 2] + shift, o3 = offs[t + 3] + shift;
            int o4 = offs[t + 4] + shift, o5 = offs[t + 5] + shift, o6 = offs[t + 6] + shift, o7 = offs[t + 7] + shift;
            for (int j = 0; j < n; j++) {
                c[co + j] = c[co + j] + a0 * m[o0 + j] + a1 * m[o1 + j] + a2 * m[o2 + j] + a3 * m[o3 + j]
                        + a4 * m[o4 + j] + a5 * m[o5 + j] + a6 * m[o6 + j] + a7 * m[o7 + j];
            }
        }
        for (; t + 4 <= count; t += 4) {
            double a0 = coef[t], a1 = coef[t + 1], a2 = coef[t + 2], a3 = coef[t + 3];
            int o0 = offs[t] + shift, o1 = offs[t + 1] + shift, o2 = offs[t + 2] + shift, o3 = offs[t + 3] + shift;
            for (int j = 0; j < n; j++) {
                c[co + j] = c[co + j] + a0 * m[o0 + j] + a1 * m[o1 + j] + a2 * m[o2 + j] + a3 * m[o3 + j];
            }
        }
        for (; t < count; t++) axpy(c, co, n, coef[t], m, offs[t] + shift);
    }

    /** c[co, co+n) += a · m[mo, mo+n). */
    private static void axpy(double[] c, int co, int n, double a, double[] m, int mo) {
        for (int j = 0; j < n; j++) c[co + j] += a * m[mo + j];
    }

    /** p ← p − lr · g. */
    public static void sgd(double[] p, double[] g, double lr) {
        for (int i = 0; i < p.length; i++) p[i] -= lr * g[i];
    }

    /** Per-thread scratch arrays, grown on demand and kept: the training loop allocates nothing after its first batch. */
    static final class Scratch {
        private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
        private double[] a = new double[0];
        private double[] b = new double[0];
        private int[] offsets = new int[0];

        static Scratch get() { return LOCAL.get(); }

        double[] a(int n) {
            if (a.length < n) a = new double[n];
            return a;
        }

        double[] b(int n) {
            if (b.length < n) b = new double[n];
            return b;
        }

        int[] offsets(int n) {
            if (offsets.length < n) offsets = new int[n];
            return offsets;
        }
    }
}
