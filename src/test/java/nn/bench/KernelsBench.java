package nn.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import nn.core.Kernels;
import nn.core.PlainKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH micro-benchmarks of the three dense-layer kernels, blocked and parallel ({@link Kernels}) against the plain
 * loops ({@link PlainKernels}), on the benchmark network's shapes: batch 64 through 784→256 and 256→10.
 * Not part of the build's tests; run with {@code mvn -q -B test-compile exec:exec@jmh} (docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelsBench {
    /** "batch×in×out" of the product. */
    @Param({"64x784x256", "64x256x10"})
    public String shape;

    @Param({"fast", "plain"})
    public String kernels;

    int B;
    int in;
    int out;
    double[] X;
    double[] W;
    double[] b;
    double[] Z;
    double[] dZ;
    double[] dW;
    double[] dB;
    double[] dX;

    @Setup(Level.Trial)
    public void setup() {
        String[] s = shape.split("x");
        B = Integer.parseInt(s[0]);
        in = Integer.parseInt(s[1]);
        out = Integer.parseInt(s[2]);
        Random rnd = new Random(1);
        X = fill(rnd, B * in, 0);
        W = fill(rnd, out * in, 0);
        b = fill(rnd, out, 0);
        dZ = fill(rnd, B * out, 0.5); // half zero, as behind a ReLU
        Z = new double[B * out];
        dW = new double[out * in];
        dB = new double[out];
        dX = new double[B * in];
    }

    private static double[] fill(Random rnd, int n, double zeros) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextDouble() < zeros ? 0 : rnd.nextGaussian();
        return a;
    }

    private boolean fast() { return kernels.equals("fast"); }

    @Benchmark
    public double[] affine() {
        if (fast()) Kernels.affine(X, B, in, W, b, out, Z); else PlainKernels.affine(X, B, in, W, b, out, Z);
        return Z;
    }

    @Benchmark
    public double[] weightGradients() {
        if (fast()) Kernels.weightGradients(dZ, X, B, in, out, dW, dB); else PlainKernels.weightGradients(dZ, X, B, in, out, dW, dB);
        return dW;
    }

    @Benchmark
    public double[] inputGradients() {
        if (fast()) Kernels.inputGradients(dZ, W, B, in, out, dX); else PlainKernels.inputGradients(dZ, W, B, in, out, dX);
        return dX;
    }
}
