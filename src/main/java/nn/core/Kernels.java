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
 * ({@link Parallel}) when they are big enough to pay for the hand-over. For C2 (JDK 17) to vectorise such a loop,
 * every array in it must be indexed by the loop variable alone (hence the rows of the operands copied into arrays of
 * their own: one array at several offsets makes it give up) and the loop body must stay small (see affineBlock).
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
        double[][] Xt = s.columns(in);
        double[][] Zt = s.outputs(out);
        for (int r0 = 0; r0 < B; r0 += ROW_BLOCK) {
            int n = Math.min(ROW_BLOCK, B - r0);
            // the block transposed, one array per input: Xt[j][r] = X[r0 + r, j], so that a weight W[i, j] meets the
            // n rows' inputs in one contiguous run (j outer: the stores run contiguously, the strided loads reuse
            // each cache line for eight j)
            for (int j = 0; j < in; j++) {
                double[] t = Xt[j];
                int xo = r0 * in + j;
                for (int r = 0; r < n; r++) t[r] = X[xo + r * in];
            }
            Parallel.forRange(out, 2, (long) n * in * out, (i0, i1) -> affineBlock(Xt, n, in, W, i0, i1, Zt));
            for (int r = 0; r < n; r++) {
                int zo = (r0 + r) * out;
                for (int i = 0; i < out; i++) Z[zo + i] = Zt[i][r] + b[i];
            }
        }
    }

    /** Inputs per tile in {@link #affineBlock}: 32 rows of Xt (16 KiB for 64 rows) stay in L1 while every output passes. */
    static final int INPUT_TILE = 32;

    /**
     * Zt[i][0..n) = Σ_j W[i, j] · Xt[j][0..n) for outputs i0 ≤ i &lt; i1, j ascending for every element, from +0.
     *
     * <p>Two outputs × four inputs per pass over the n rows: each loaded input serves two outputs, each output is
     * loaded and stored once per four terms, added in j order. Why this shape: C2 (JDK 17) vectorises the r loop only
     * (measured: ~3 × the scalar speed, 15-17 GMAC/s on one core here) when (1) every array in it is indexed by r
     * alone: stores into one array at two loop-invariant offsets (Zt[c0 + r], Zt[c1 + r]) make its dependence
     * analysis assume they may overlap in both directions and give up, hence one array per output and per input; and
     * (2) the loop body is small enough to be unrolled to the vector length: 3×4, 4×3, 2×6 or 1×8 tiles run scalar
     * by default (they vectorise with -XX:LoopUnrollLimit=150 and are then no faster than 2×4).
     */
    private static void affineBlock(double[][] Xt, int n, int in, double[] W, int i0, int i1, double[][] Zt) {
        for (int i = i0; i < i1; i++) Arrays.fill(Zt[i], 0, n, 0);
        for (int j0 = 0; j0 < in; j0 += INPUT_TILE) {
            int j1 = Math.min(in, j0 + INPUT_TILE);
            int i = i0;
            for (; i + 2 <= i1; i += 2) {
                double[] z0 = Zt[i], z1 = Zt[i + 1];
                int w0 = i * in, w1 = w0 + in;
                int j = j0;
                for (; j + 4 <= j1; j += 4) {
                    double a00 = W[w0 + j], a01 = W[w0 + j + 1], a02 = W[w0 + j + 2], a03 = W[w0 + j + 3];
                    double a10 = W[w1 + j], a11 = W[w1 + j + 1], a12 = W[w1 + j + 2], a13 = W[w1 + j + 3];
                    double[] x0 = Xt[j], x1 = Xt[j + 1], x2 = Xt[j + 2], x3 = Xt[j + 3];
                    for (int r = 0; r < n; r++) {
                        double v0 = x0[r], v1 = x1[r], v2 = x2[r], v3 = x3[r];
                        z0[r] = z0[r] + a00 * v0 + a01 * v1 + a02 * v2 + a03 * v3;
                        z1[r] = z1[r] + a10 * v0 + a11 * v1 + a12 * v2 + a13 * v3;
                    }
                }
                for (; j < j1; j++) {
                    double a0 = W[w0 + j], a1 = W[w1 + j];
                    double[] x = Xt[j];
                    for (int r = 0; r < n; r++) {
                        double v = x[r];
                        z0[r] += a0 * v;
                        z1[r] += a1 * v;
                    }
                }
            }
            if (i < i1) {
                double[] z = Zt[i];
                for (int j = j0; j < j1; j++) axpy(z, n, W[i * in + j], Xt[j]);
            }
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
        // the rows of X as arrays of their own, for the same reason as Xt in affine: see combineRows
        double[][] Xr = Scratch.get().inputRows(in);
        for (int r0 = 0; r0 < B; r0 += ROW_BLOCK) {
            int n = Math.min(ROW_BLOCK, B - r0);
            for (int r = 0; r < n; r++) System.arraycopy(X, (r0 + r) * in, Xr[r], 0, in);
            int first = r0;
            Parallel.forRange(out, 1, (long) n * in * out, (i0, i1) -> {
                Scratch s = Scratch.get();
                double[] coef = s.a(n);
                double[][] rows = s.rowRefs(n);
                double[] acc = s.b(in);
                for (int i = i0; i < i1; i++) {
                    // the rows of this block that contribute to neuron i, in row order
                    int count = 0;
                    for (int r = 0; r < n; r++) {
                        double d = dZ[(first + r) * out + i];
                        if (d != 0) {
                            coef[count] = d;
                            rows[count++] = Xr[r];
                        }
                    }
                    // dW's row i is summed in acc (indexed like the rows of X) and copied back: from +0 for the
                    // first block, from the sums so far for later ones
                    if (first == 0) Arrays.fill(acc, 0, in, 0);
                    else System.arraycopy(dW, i * in, acc, 0, in);
                    combineRows(acc, 0, in, rows, coef, count);
                    System.arraycopy(acc, 0, dW, i * in, in);
                }
            });
        }
    }

    /**
     * c[from, to) += Σ_t coef[t] · rows[t][from, to), t ascending for every element: five terms per pass over c,
     * added one after another in t order (so the result is that of t separate axpy passes). Every array is indexed
     * by the loop variable alone, which C2 vectorises (~3 × the speed of the same loop over offsets into one array,
     * which it runs scalar). Five is the most terms per pass that C2 still vectorises by default (six or more make the
     * loop body too big to unroll to the vector length); it measured ~10% faster than four.
     */
    static void combineRows(double[] c, int from, int to, double[][] rows, double[] coef, int count) {
        int t = 0;
        for (; t + 5 <= count; t += 5) {
            double a0 = coef[t], a1 = coef[t + 1], a2 = coef[t + 2], a3 = coef[t + 3], a4 = coef[t + 4];
            double[] m0 = rows[t], m1 = rows[t + 1], m2 = rows[t + 2], m3 = rows[t + 3], m4 = rows[t + 4];
            for (int j = from; j < to; j++) c[j] = c[j] + a0 * m0[j] + a1 * m1[j] + a2 * m2[j] + a3 * m3[j] + a4 * m4[j];
        }
        if (t + 3 <= count) {
            double a0 = coef[t], a1 = coef[t + 1], a2 = coef[t + 2];
            double[] m0 = rows[t], m1 = rows[t + 1], m2 = rows[t + 2];
            for (int j = from; j < to; j++) c[j] = c[j] + a0 * m0[j] + a1 * m1[j] + a2 * m2[j];
            t += 3;
        }
        if (t + 2 <= count) {
            double a0 = coef[t], a1 = coef[t + 1];
            double[] m0 = rows[t], m1 = rows[t + 1];
            for (int j = from; j < to; j++) c[j] = c[j] + a0 * m0[j] + a1 * m1[j];
            t += 2;
        }
        if (t < count) {
            double a = coef[t];
            double[] m = rows[t];
            for (int j = from; j < to; j++) c[j] += a * m[j];
        }
    }

    /** dX[B×in] = dZ[B×out] · W. Zero entries of dZ add nothing and are skipped. */
    public static void inputGradients(double[] dZ, double[] W, int B, int in, int out, double[] dX) {
        if ((long) B * in * out < BLOCKED_MIN || in < 8 || plainOnly) {
            PlainKernels.inputGradients(dZ, W, B, in, out, dX);
            return;
        }
        // the rows of W as arrays of their own (see combineRows): a copy of W, 1/B of the work
        double[][] Wr = Scratch.get().weightRows(out, in);
        for (int i = 0; i < out; i++) System.arraycopy(W, i * in, Wr[i], 0, in);
        // columns in tiles so that the tile of W (out × tile) stays in cache while every row uses it
        final int tile = Math.max(8, Math.min(in, (1 << 16) / Math.max(1, out)));
        Parallel.forRange(B, 1, (long) B * in * out, (r0, r1) -> {
            Scratch s = Scratch.get();
            double[] coef = s.a(out);
            double[][] rows = s.rowRefs(out);
            double[] acc = s.b(in);
            for (int j0 = 0; j0 < in; j0 += tile) {
                int j1 = Math.min(in, j0 + tile);
                for (int r = r0; r < r1; r++) {
                    int zo = r * out;
                    int count = 0;
                    for (int i = 0; i < out; i++) {
                        double d = dZ[zo + i];
                        if (d != 0) {
                            coef[count] = d;
                            rows[count++] = Wr[i];
                        }
                    }
                    Arrays.fill(acc, j0, j1, 0);
                    combineRows(acc, j0, j1, rows, coef, count);
                    System.arraycopy(acc, j0, dX, r * in + j0, j1 - j0);
                }
            }
        });
    }

    /** c[0, n) += a · m[0, n). */
    private static void axpy(double[] c, int n, double a, double[] m) {
        for (int j = 0; j < n; j++) c[j] += a * m[j];
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
        /** Rows of ROW_BLOCK doubles, one per input (affine's Xt). */
        private double[][] columns = new double[0][];
        /** Rows of ROW_BLOCK doubles, one per output (affine's Zt). */
        private double[][] outputs = new double[0][];
        private double[][] rowRefs = new double[0][];
        /** A copy of a weight matrix, row by row (inputGradients). */
        private double[][] weightRows = new double[0][];
        /** ROW_BLOCK rows of a batch's inputs (weightGradients). */
        private double[][] inputRows = new double[0][];

        static Scratch get() { return LOCAL.get(); }

        double[] a(int n) {
            if (a.length < n) a = new double[n];
            return a;
        }

        double[] b(int n) {
            if (b.length < n) b = new double[n];
            return b;
        }

        /** At least {@code out} arrays of at least {@code in} doubles. */
        double[][] weightRows(int out, int in) {
            if (weightRows.length < out || weightRows[0].length < in) weightRows = new double[out][in];
            return weightRows;
        }

        /** ROW_BLOCK arrays of at least {@code in} doubles. */
        double[][] inputRows(int in) {
            if (inputRows.length == 0 || inputRows[0].length < in) inputRows = new double[ROW_BLOCK][in];
            return inputRows;
        }

        /** At least n arrays of ROW_BLOCK doubles. */
        double[][] columns(int n) {
            columns = grown(columns, n);
            return columns;
        }

        double[][] outputs(int n) {
            outputs = grown(outputs, n);
            return outputs;
        }

        /** Room for n references to rows. */
        double[][] rowRefs(int n) {
            if (rowRefs.length < n) rowRefs = new double[n][];
            return rowRefs;
        }

        private static double[][] grown(double[][] rows, int n) {
            if (rows.length >= n) return rows;
            double[][] more = Arrays.copyOf(rows, n);
            for (int k = rows.length; k < n; k++) more[k] = new double[ROW_BLOCK];
            return more;
        }
    }
}
