package nn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training with batch 1 runs on a {@link RowStep}: the loops of {@link RowPass}, or for a small network in a long run
 * the code {@link RowCode} generates for it; with {@link Kernels#plainOnly} it runs the batch loop on the plain
 * kernels instead. All three must agree bit for bit (raw bits, so even the sign of a zero): every parameter, every
 * epoch's loss, and how a run ends. Random networks of one to three layers with every activation (softmax too, hidden
 * or on top), every loss, every optimizer, frozen parameters, shuffled or not, inputs with exact zeros and dead ReLUs
 * (so that the zero terms the kernels skip occur), and learning rates large enough to meet NaN.
 */
class RowPassTest {

    private static final Trainer.Monitor QUIET = new Trainer.Monitor() {
        @Override public boolean stopRequested() { return false; }

        @Override public void progress(int epoch, int epochs, double loss, double rate, double left) { }
    };

    private record Run(long[] params, long[] losses, Trainer.Result result) { }

    /** The three ways a batch of one can be trained. */
    enum Path { PLAIN_BATCH_LOOP, ROW_LOOPS, GENERATED }

    private static Run train(Network net, DataSet data, String optimizer, double lr, boolean shuffle, int epochs, Path path) {
        boolean plainBefore = Kernels.plainOnly;
        long generateBefore = RowCode.worthFrom;
        Kernels.plainOnly = path == Path.PLAIN_BATCH_LOOP;
        RowCode.worthFrom = path == Path.GENERATED ? 0 : Long.MAX_VALUE;
        if (path == Path.GENERATED) assertNotNull(RowCode.step(net.copy()), "this network is small enough to be generated");
        LossCurve curve = new LossCurve();
        Trainer.Result r;
        try {
            r = new Trainer(net, data, 1, Optimizer.Settings.sgd().named(optimizer), lr, shuffle, 3).run(epochs, curve, QUIET);
        } finally {
            Kernels.plainOnly = plainBefore;
            RowCode.worthFrom = generateBefore;
        }
        int n = 0;
        for (Layer l : net.layers()) n += l.W.length + l.b.length;
        long[] bits = new long[n];
        int at = 0;
        for (Layer l : net.layers()) {
            for (double v : l.W) bits[at++] = Double.doubleToRawLongBits(v);
            for (double v : l.b) bits[at++] = Double.doubleToRawLongBits(v);
        }
        double[] losses = curve.losses();
        long[] lossBits = new long[losses.length];
        for (int i = 0; i < losses.length; i++) lossBits[i] = Double.doubleToRawLongBits(losses[i]);
        return new Run(bits, lossBits, r);
    }

    private static Network randomNet(Random rnd, int in, int out, Loss loss) {
        Activation[] all = Activation.values();
        int depth = 1 + rnd.nextInt(3);
        Network net = new Network();
        int width = in;
        for (int k = 0; k < depth; k++) {
            boolean top = k == depth - 1;
            int next = top ? out : 1 + rnd.nextInt(5);
            Activation f = all[rnd.nextInt(all.length)];
            if (top && loss == Loss.CROSS_ENTROPY && out > 1) f = Activation.SOFTMAX;
            if (top && (loss == Loss.BCE || loss == Loss.CROSS_ENTROPY && out == 1)) f = Activation.SIGMOID;
            if (f == Activation.SOFTMAX && next == 1) f = Activation.TANH;
            Layer l = new Layer("l" + k, f, f == Activation.LEAKY_RELU ? 0.05 : 0, width, next);
            for (int i = 0; i < l.W.length; i++) l.W[i] = rnd.nextInt(6) == 0 ? 0.0 : rnd.nextGaussian();
            for (int i = 0; i < l.b.length; i++) l.b[i] = rnd.nextInt(4) == 0 ? -0.0 : 0.5 * rnd.nextGaussian();
            l.frozenW = rnd.nextInt(6) == 0;
            l.frozenB = rnd.nextInt(6) == 0;
            net.add(l);
            width = next;
        }
        net.setLoss(loss);
        return net;
    }

    private static DataSet randomData(Random rnd, int rows, int in, int out, Loss loss) {
        double[] X = new double[rows * in];
        double[] Y = new double[rows * out];
        for (int i = 0; i < X.length; i++) X[i] = rnd.nextInt(5) == 0 ? (rnd.nextBoolean() ? 0.0 : -0.0) : 2 * rnd.nextGaussian();
        for (int r = 0; r < rows; r++) {
            if (loss == Loss.CROSS_ENTROPY && out > 1) Y[r * out + rnd.nextInt(out)] = 1;
            else for (int i = 0; i < out; i++) Y[r * out + i] = rnd.nextInt(4) == 0 ? 0.0 : rnd.nextDouble();
        }
        return new DataSet(rows, in, out, X, Y, null);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
            31, 32, 33, 34, 35, 36, 37, 38, 39, 40})
    void batchOfOneMatchesThePlainBatchLoopBitForBit(int seed) {
        Random rnd = new Random(seed);
        Loss loss = Loss.values()[rnd.nextInt(Loss.values().length)];
        int in = 1 + rnd.nextInt(5);
        int out = 1 + rnd.nextInt(4);
        int rows = 1 + rnd.nextInt(4);
        String optimizer = Optimizer.NAMES.get(rnd.nextInt(3));
        boolean shuffle = rnd.nextBoolean();
        // mostly modest rates; now and then one that diverges, so that faults are compared too
        double lr = rnd.nextInt(5) == 0 ? 50 + 200 * rnd.nextDouble() : 0.01 + 0.5 * rnd.nextDouble();
        long netSeed = rnd.nextLong();
        DataSet data = randomData(rnd, rows, in, out, loss);
        Run plain = train(randomNet(new Random(netSeed), in, out, loss), data, optimizer, lr, shuffle, 40, Path.PLAIN_BATCH_LOOP);
        for (Path path : new Path[] {Path.ROW_LOOPS, Path.GENERATED}) {
            Run row = train(randomNet(new Random(netSeed), in, out, loss), data, optimizer, lr, shuffle, 40, path);
            String what = path + ": " + loss + ", " + optimizer + ", lr " + lr + ", " + rows + " rows";
            assertSame(plain, row, what);
        }
    }

    private static void assertSame(Run plain, Run row, String what) {
        assertEquals(java.util.Arrays.toString(plain.params), java.util.Arrays.toString(row.params), "parameters: " + what);
        assertEquals(java.util.Arrays.toString(plain.losses), java.util.Arrays.toString(row.losses), "losses: " + what);
        assertEquals(plain.result, row.result, "result: " + what);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void theLargestGeneratedNetworksMatchTheBatchLoopToo(int seed) {
        // up to 256 weights in all, the most RowCode generates: its methods must still be small enough to be generated
        Random rnd = new Random(seed);
        Loss loss = Loss.values()[rnd.nextInt(Loss.values().length)];
        int out = loss == Loss.CROSS_ENTROPY ? 8 : 1 + rnd.nextInt(8);
        long netSeed = rnd.nextLong();
        DataSet data = randomData(rnd, 5, 8, out, loss);
        java.util.function.Supplier<Network> net = () -> {
            Random r = new Random(netSeed);
            Network n = new Network();
            Activation[] all = {Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.LEAKY_RELU, Activation.LINEAR, Activation.SOFTMAX};
            int[] widths = {8, 12, 8, out};
            for (int k = 0; k < 3; k++) {
                Activation f = k == 2 ? (loss == Loss.CROSS_ENTROPY ? Activation.SOFTMAX : loss == Loss.BCE ? Activation.SIGMOID : Activation.TANH)
                        : all[r.nextInt(all.length)];
                Layer l = new Layer("l" + k, f, f == Activation.LEAKY_RELU ? 0.05 : 0, widths[k], widths[k + 1]);
                for (int i = 0; i < l.W.length; i++) l.W[i] = r.nextInt(6) == 0 ? 0.0 : 0.5 * r.nextGaussian();
                n.add(l);
            }
            n.setLoss(loss);
            return n;
        };
        assertTrue(RowCode.fits(net.get()));
        Run plain = train(net.get(), data, "sgd", 0.05, true, 20, Path.PLAIN_BATCH_LOOP);
        assertSame(plain, train(net.get(), data, "sgd", 0.05, true, 20, Path.GENERATED), "generated, " + loss);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomShapesUpToTheLimitMatchTheBatchLoop(int seed) {
        // deeper and wider than the 40 networks above: up to 6 layers of up to 16 units, as long as RowCode takes them
        Random rnd = new Random(1000 + seed);
        Loss loss = Loss.values()[rnd.nextInt(Loss.values().length)];
        Network shape;
        int in, out;
        do {
            in = 1 + rnd.nextInt(12);
            out = loss == Loss.CROSS_ENTROPY ? 2 + rnd.nextInt(6) : 1 + rnd.nextInt(6);
            int depth = 1 + rnd.nextInt(6);
            shape = new Network();
            int width = in;
            Activation[] all = Activation.values();
            for (int k = 0; k < depth; k++) {
                boolean top = k == depth - 1;
                int next = top ? out : 1 + rnd.nextInt(16);
                Activation f = top ? (loss == Loss.CROSS_ENTROPY ? Activation.SOFTMAX : loss == Loss.BCE ? Activation.SIGMOID : all[rnd.nextInt(5)])
                        : all[rnd.nextInt(all.length)];
                if (f == Activation.SOFTMAX && next == 1) f = Activation.TANH;
                Layer l = new Layer("l" + k, f, f == Activation.LEAKY_RELU ? 0.1 : 0, width, next);
                for (int i = 0; i < l.W.length; i++) l.W[i] = rnd.nextInt(7) == 0 ? 0.0 : rnd.nextGaussian() / Math.sqrt(width);
                for (int i = 0; i < l.b.length; i++) l.b[i] = 0.3 * rnd.nextGaussian();
                l.frozenW = rnd.nextInt(8) == 0;
                l.frozenB = rnd.nextInt(8) == 0;
                shape.add(l);
                width = next;
            }
            shape.setLoss(loss);
        } while (!RowCode.fits(shape));
        DataSet data = randomData(rnd, 1 + rnd.nextInt(6), in, out, loss);
        String optimizer = Optimizer.NAMES.get(rnd.nextInt(3));
        double lr = 0.01 + 0.3 * rnd.nextDouble();
        Run plain = train(shape.copy(), data, optimizer, lr, true, 15, Path.PLAIN_BATCH_LOOP);
        assertSame(plain, train(shape.copy(), data, optimizer, lr, true, 15, Path.GENERATED), shape.depth() + " layers, " + loss + ", " + optimizer);
    }

    @org.junit.jupiter.api.Test
    void networksBeyondTheLimitKeepTheLoops() {
        Network n = new Network();
        n.add(new Layer("h", Activation.RELU, 0, 16, 17));
        assertTrue(!RowCode.fits(n) && RowCode.step(n) == null);
        long before = RowCode.worthFrom;
        try {
            RowCode.worthFrom = 0;
            assertTrue(RowStep.of(n, 1_000_000) instanceof RowPass);
            Network small = reference();
            assertTrue(!(RowStep.of(small, 1_000_000) instanceof RowPass), "a small network in a long run is generated");
            RowCode.worthFrom = 1000;
            assertTrue(RowStep.of(small, 999) instanceof RowPass, "a short run keeps the loops");
        } finally {
            RowCode.worthFrom = before;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "momentum", "adam"})
    void theReferenceNetworkTrainsExactlyAsStepDoes(String optimizer) {
        // the reference 3-2-1 network on its one example, 200 steps
        Network a = reference();
        Network b = reference();
        DataSet one = DataSet.single(new double[] {0.9, 0.2, 0.5}, new double[] {0});
        Run row = train(a, one, optimizer, 0.1, false, 200, Path.GENERATED);
        Run plain = train(b, one, optimizer, 0.1, false, 200, Path.PLAIN_BATCH_LOOP);
        assertSame(plain, row, optimizer);
        assertSame(plain, train(reference(), one, optimizer, 0.1, false, 200, Path.ROW_LOOPS), optimizer);
        assertNull(row.result.fault());
        if (optimizer.equals("sgd")) {
            // and N × Network.forward/backward/update (what `step` does)
            Network c = reference();
            for (int s = 0; s < 200; s++) c.update(Network.backward(c.forward(new double[] {0.9, 0.2, 0.5}, new double[] {0})), 0.1);
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < c.layer(k).W.length; i++) assertEquals(Double.doubleToRawLongBits(c.layer(k).W[i]), Double.doubleToRawLongBits(a.layer(k).W[i]));
                for (int i = 0; i < c.layer(k).b.length; i++) assertEquals(Double.doubleToRawLongBits(c.layer(k).b[i]), Double.doubleToRawLongBits(a.layer(k).b[i]));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "momentum"})
    void aDivergingRunStopsAtTheSameBatchWithTheSameReport(String optimizer) {
        Random rnd = new Random(99);
        DataSet data = randomData(rnd, 3, 4, 2, Loss.MSE);
        Network a = new Network();
        a.add(new Layer("h", Activation.LINEAR, 0, 4, 3));
        a.add(new Layer("o", Activation.LINEAR, 0, 3, 2));
        a.setLoss(Loss.MSE);
        for (Layer l : a.layers()) for (int i = 0; i < l.W.length; i++) l.W[i] = rnd.nextGaussian();
        Network b = a.copy();
        Network c = a.copy();
        Run row = train(a, data, optimizer, 1e6, false, 100, Path.ROW_LOOPS);
        Run plain = train(b, data, optimizer, 1e6, false, 100, Path.PLAIN_BATCH_LOOP);
        Run generated = train(c, data, optimizer, 1e6, false, 100, Path.GENERATED);
        assertNotNull(plain.result.fault(), "the run diverges");
        assertSame(plain, row, "loops");
        assertSame(plain, generated, "generated");
        assertTrue(row.result.epochs() < 100);
    }

    private static Network reference() {
        Network n = new Network();
        Layer h = new Layer("h", Activation.RELU, 0, 3, 2);
        Layer o = new Layer("o", Activation.SIGMOID, 0, 2, 1);
        System.arraycopy(new double[] {0.2, -1.2, 0.9, -0.5, -1.2, 0.3}, 0, h.W, 0, 6);
        System.arraycopy(new double[] {-0.1, 0.2}, 0, h.b, 0, 2);
        System.arraycopy(new double[] {0.7, -1.1}, 0, o.W, 0, 2);
        o.b[0] = -0.1;
        n.add(h);
        n.add(o);
        return n;
    }
}
