package nn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The blocked, parallel kernels against plain reference loops written out here: they must agree bit for bit (same
 * summation order for every element), on shapes below and above the blocking and threading thresholds, odd sizes
 * that leave remainders in every unrolled loop, batches longer than one row block, and gradients with zeros.
 */
class KernelsTest {

    /** {B, in, out, seed}: small (plain path), blocked, remainders of 1..7, several row blocks, parallel-sized. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(1, 3, 2, 1L),        // the reference network, one example
                Arguments.of(4, 3, 2, 2L),
                Arguments.of(64, 784, 256, 3L),   // the benchmark's first layer: blocked and parallel
                Arguments.of(64, 256, 10, 4L),    // its second layer
                Arguments.of(7, 129, 33, 5L),     // odd everything
                Arguments.of(65, 17, 31, 6L),     // one row past a row block
                Arguments.of(130, 61, 67, 7L),    // three row blocks, remainders 1 and 3
                Arguments.of(5, 1000, 9, 8L),     // long rows, few outputs
                Arguments.of(200, 9, 1000, 9L),   // short rows, many outputs
                Arguments.of(33, 255, 257, 10L),  // just under and over powers of two
                Arguments.of(3, 5000, 5, 11L),    // B < 4: plain affine, blocked gradients
                Arguments.of(96, 301, 45, 12L));  // parallel in every kernel
    }

    private static double[] random(Random rnd, int n, double zeros) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextDouble() < zeros ? 0 : rnd.nextGaussian() * Math.exp(4 * rnd.nextGaussian());
        return a;
    }

    private static void assertBits(double[] expected, double[] actual, int n, String what) {
        for (int i = 0; i < n; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    @ParameterizedTest(name = "B={0} in={1} out={2} seed={3}")
    @MethodSource("shapes")
    void affineMatchesPlainLoopBitForBit(int B, int in, int out, long seed) {
        Random rnd = new Random(seed);
        double[] X = random(rnd, B * in, 0.1);
        double[] W = random(rnd, out * in, 0.05);
        double[] b = random(rnd, out, 0);
        double[] expected = new double[B * out];
        for (int r = 0; r < B; r++) {
            for (int i = 0; i < out; i++) {
                double s = 0;
                for (int j = 0; j < in; j++) s += W[i * in + j] * X[r * in + j];
                expected[r * out + i] = s + b[i];
            }
        }
        double[] Z = random(rnd, B * out, 0); // garbage in the output buffer must not matter
        Kernels.affine(X, B, in, W, b, out, Z);
        assertBits(expected, Z, B * out, "Z");
        double[] Zp = new double[B * out];
        PlainKernels.affine(X, B, in, W, b, out, Zp);
        assertBits(expected, Zp, B * out, "plain Z");
    }

    @ParameterizedTest(name = "B={0} in={1} out={2} seed={3}")
    @MethodSource("shapes")
    void weightGradientsMatchPlainLoopBitForBit(int B, int in, int out, long seed) {
        Random rnd = new Random(seed);
        double[] dZ = random(rnd, B * out, 0.5); // about half zero, as behind a ReLU
        double[] X = random(rnd, B * in, 0.1);
        double[] dW = new double[out * in];
        double[] dB = new double[out];
        for (int r = 0; r < B; r++) {
            for (int i = 0; i < out; i++) {
                double d = dZ[r * out + i];
                dB[i] += d;
                if (d == 0) continue;
                for (int j = 0; j < in; j++) dW[i * in + j] += d * X[r * in + j];
            }
        }
        double[] gW = random(rnd, out * in, 0);
        double[] gB = random(rnd, out, 0);
        Kernels.weightGradients(dZ, X, B, in, out, gW, gB);
        assertBits(dW, gW, out * in, "dW");
        assertBits(dB, gB, out, "dB");
    }

    @ParameterizedTest(name = "B={0} in={1} out={2} seed={3}")
    @MethodSource("shapes")
    void inputGradientsMatchPlainLoopBitForBit(int B, int in, int out, long seed) {
        Random rnd = new Random(seed);
        double[] dZ = random(rnd, B * out, 0.5);
        double[] W = random(rnd, out * in, 0.05);
        double[] dX = new double[B * in];
        for (int r = 0; r < B; r++) {
            for (int i = 0; i < out; i++) {
                double d = dZ[r * out + i];
                if (d == 0) continue;
                for (int j = 0; j < in; j++) dX[r * in + j] += d * W[i * in + j];
            }
        }
        double[] g = random(rnd, B * in, 0);
        Kernels.inputGradients(dZ, W, B, in, out, g);
        assertBits(dX, g, B * in, "dX");
    }

    @Test
    void blockedKernelsOnlyReadTheRowsTheyAreGiven() {
        // buffers longer than B rows (as BatchPass's, sized for the largest batch): the tail is neither read nor written
        int B = 70, in = 90, out = 40, cap = 100;
        Random rnd = new Random(13);
        double[] X = random(rnd, cap * in, 0);
        double[] W = random(rnd, out * in, 0);
        double[] b = random(rnd, out, 0);
        double[] Z = new double[cap * out];
        java.util.Arrays.fill(Z, 42);
        Kernels.affine(X, B, in, W, b, out, Z);
        for (int k = B * out; k < cap * out; k++) assertEquals(42, Z[k]);
        double[] expected = new double[B * out];
        PlainKernels.affine(X, B, in, W, b, out, expected);
        assertBits(expected, Z, B * out, "Z");
    }

    @Test
    void specialValuesGiveTheSameBitsAsThePlainLoops() {
        // signed zeros, infinities and NaN in the inputs: the blocked kernels must skip exactly the zero terms the
        // plain loops skip (0 · ∞ would be NaN) and keep the sign of zero sums (+0 + −0 = +0, −0 alone stays −0)
        int B = 64, in = 784, out = 256;
        Random rnd = new Random(14);
        double[] special = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, -Double.MIN_VALUE};
        double[] X = random(rnd, B * in, 0.3);
        double[] W = random(rnd, out * in, 0.3);
        double[] dZ = random(rnd, B * out, 0.5);
        for (int k = 0; k < 400; k++) {
            X[rnd.nextInt(X.length)] = special[rnd.nextInt(special.length)];
            W[rnd.nextInt(W.length)] = special[rnd.nextInt(special.length)];
            dZ[rnd.nextInt(dZ.length)] = special[rnd.nextInt(special.length)];
        }
        for (int r = 0; r < B; r++) X[r * in] = -0.0; // whole columns of −0 products
        double[] b = new double[out];
        b[3] = -0.0;
        double[] Z = new double[B * out];
        double[] Zp = new double[B * out];
        Kernels.affine(X, B, in, W, b, out, Z);
        PlainKernels.affine(X, B, in, W, b, out, Zp);
        assertBits(Zp, Z, B * out, "Z");
        double[] dW = new double[out * in];
        double[] dWp = new double[out * in];
        double[] dB = new double[out];
        double[] dBp = new double[out];
        Kernels.weightGradients(dZ, X, B, in, out, dW, dB);
        PlainKernels.weightGradients(dZ, X, B, in, out, dWp, dBp);
        assertBits(dWp, dW, out * in, "dW");
        assertBits(dBp, dB, out, "dB");
        double[] dX = new double[B * in];
        double[] dXp = new double[B * in];
        Kernels.inputGradients(dZ, W, B, in, out, dX);
        PlainKernels.inputGradients(dZ, W, B, in, out, dXp);
        assertBits(dXp, dX, B * in, "dX");
    }

    @Test
    void aFailingPartReachesTheCallerAndTheNextProductStillRuns() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () ->
                Parallel.forRange(256, 2, Parallel.MIN_WORK * 8, (i0, i1) -> {
                    if (i0 > 0) throw new IllegalStateException("part " + i0);
                }));
        assertTrue(e.getMessage().startsWith("part "), e.getMessage());
        AtomicIntegerArray hits = new AtomicIntegerArray(256);
        Parallel.forRange(256, 2, Parallel.MIN_WORK * 8, (i0, i1) -> {
            for (int i = i0; i < i1; i++) hits.incrementAndGet(i);
        });
        for (int i = 0; i < 256; i++) assertEquals(1, hits.get(i), "row " + i);
    }

    @Test
    void aProductInsideAPartRunsInPlace() {
        AtomicIntegerArray hits = new AtomicIntegerArray(64 * 64);
        Parallel.forRange(64, 1, Parallel.MIN_WORK * 8, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                int row = i;
                Parallel.forRange(64, 1, Parallel.MIN_WORK * 8, (j0, j1) -> {
                    for (int j = j0; j < j1; j++) hits.incrementAndGet(row * 64 + j);
                });
            }
        });
        for (int k = 0; k < 64 * 64; k++) assertEquals(1, hits.get(k), "element " + k);
    }

    @Test
    void sgdStepsAgainstTheGradient() {
        double[] p = {1, -2, 0.5};
        Kernels.sgd(p, new double[] {0.5, -1, 0}, 0.1);
        assertEquals(0.95, p[0], 0);
        assertEquals(-1.9, p[1], 0);
        assertEquals(0.5, p[2], 0);
    }

    @Test
    void parallelRangesCoverEveryRowOnceOnGrainBoundaries() {
        for (int n : new int[] {1, 3, 4, 7, 64, 257, 1000}) {
            for (int grain : new int[] {1, 4}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                Parallel.forRange(n, grain, Parallel.MIN_WORK * 8, (i0, i1) -> {
                    assertTrue(i0 % grain == 0, "part starts on a grain boundary");
                    for (int i = i0; i < i1; i++) hits.incrementAndGet(i);
                });
                for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "n=" + n + " grain=" + grain + " row " + i);
            }
        }
    }
}
