package nn.core;

import java.util.Random;

/**
 * Weight initialisation schemes, all reproducible from a seed (java.util.Random: its sequence is specified, so the
 * same seed gives the same numbers on every JVM). Biases start at zero except for uniform/normal, which fill both.
 */
public final class Init {
    private Init() { }

    public enum Scheme { XAVIER, HE, UNIFORM, NORMAL, ZEROS }

    /** Fills layer {@code l}; {@code lo}/{@code hi} are the range (uniform) or mean/std (normal). */
    public static void fill(Layer l, Scheme scheme, double lo, double hi, Random rnd) {
        switch (scheme) {
            case XAVIER -> {
                double r = Math.sqrt(6.0 / (l.in + l.out));
                for (int i = 0; i < l.W.length; i++) l.W[i] = (2 * rnd.nextDouble() - 1) * r;
                java.util.Arrays.fill(l.b, 0);
            }
            case HE -> {
                double s = Math.sqrt(2.0 / l.in);
                for (int i = 0; i < l.W.length; i++) l.W[i] = rnd.nextGaussian() * s;
                java.util.Arrays.fill(l.b, 0);
            }
            case UNIFORM -> {
                for (int i = 0; i < l.W.length; i++) l.W[i] = lo + (hi - lo) * rnd.nextDouble();
                for (int i = 0; i < l.b.length; i++) l.b[i] = lo + (hi - lo) * rnd.nextDouble();
            }
            case NORMAL -> {
                for (int i = 0; i < l.W.length; i++) l.W[i] = lo + hi * rnd.nextGaussian();
                for (int i = 0; i < l.b.length; i++) l.b[i] = lo + hi * rnd.nextGaussian();
            }
            case ZEROS -> {
                java.util.Arrays.fill(l.W, 0);
                java.util.Arrays.fill(l.b, 0);
            }
        }
    }

    /** The default for a new layer when no init was given: Xavier-uniform, seeded by the layer's index. */
    public static void byDefault(Layer l, int index) {
        fill(l, Scheme.XAVIER, 0, 0, new Random(1000L + index));
    }
}
