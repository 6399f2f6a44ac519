package nn.core;

/**
 * A seeded pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014), written out here so that its sequence
 * is fixed by this file alone: the same seed gives the same data set and the same shuffles on every JVM and every
 * version of nn. Fast (no synchronisation), which matters when generating tens of millions of numbers.
 */
public final class SplitMix {
    private long state;

    public SplitMix(long seed) { state = seed; }

    /**
     * The generator of {@code seed} as it is after {@code draws} calls of nextLong (or nextDouble): the state only
     * ever grows by a constant, so any point of the sequence is reached at once and a long sequence can be drawn in
     * parts, in parallel, with exactly the numbers one generator would give.
     */
    public static SplitMix after(long seed, long draws) { return new SplitMix(seed + draws * GAMMA); }

    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    public long nextLong() {
        long z = (state += GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() { return (nextLong() >>> 11) * 0x1.0p-53; }

    /** Uniform in [0, bound) for bound &gt; 0, without modulo bias (java.util.Random's rejection rule on 31 bits). */
    public int nextInt(int bound) {
        int bits;
        int val;
        do {
            bits = (int) (nextLong() >>> 33);
            val = bits % bound;
        } while (bits - val + (bound - 1) < 0);
        return val;
    }

    /** Fisher–Yates shuffle of {@code a}. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
