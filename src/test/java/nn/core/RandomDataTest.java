package nn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The synthetic data set draws its inputs in parts on several threads: every number must still be the one a single
 * SplitMix generator gives drawing in order (inputs first, then the targets), whatever the split.
 */
class RandomDataTest {

    /** The data set as one generator, drawing one value after another, makes it. */
    private static void assertSequential(DataSet d, int classes, long seed) {
        SplitMix one = new SplitMix(seed);
        for (int i = 0; i < d.X.length; i++) {
            double want = one.nextDouble();
            if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(d.X[i])) assertEquals(want, d.X[i], "X[" + i + "]");
        }
        double[] Y = new double[d.Y.length];
        if (classes > 0) {
            for (int r = 0; r < d.rows; r++) Y[r * classes + one.nextInt(classes)] = 1;
        } else {
            for (int i = 0; i < Y.length; i++) Y[i] = one.nextDouble();
        }
        for (int i = 0; i < Y.length; i++) assertEquals(Y[i], d.Y[i], "Y[" + i + "]");
    }

    @Test
    void bigSetsDrawnInPartsEqualOneGenerator() {
        // 1500 × 1001 inputs: above the size that is split over the cores, and not a multiple of the split's grain
        assertSequential(DataSet.random(1500, 1001, 7, 0, 42L), 7, 42L);
        assertSequential(DataSet.random(1100, 999, 0, 3, -5L), 0, -5L);
    }

    @Test
    void smallSetsToo() {
        assertSequential(DataSet.random(4, 3, 2, 0, 0L), 2, 0L);
        assertSequential(DataSet.random(10, 2, 0, 1, 7L), 0, 7L);
    }

    @Test
    void afterSkipsExactlyThatManyDraws() {
        for (long seed : new long[] {0, 1, -1, Long.MAX_VALUE, 0x9E3779B97F4A7C15L}) {
            SplitMix one = new SplitMix(seed);
            for (int k = 0; k < 1000; k++) {
                assertEquals(one.nextLong(), SplitMix.after(seed, k).nextLong(), "seed " + seed + ", draw " + k);
            }
        }
    }
}
