package nn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training with batch 1 runs on {@link RowPass}, the fast path; with {@link Kernels#plainOnly} it runs the network's
 * graph (the one forward and backward every other pass uses) on the plain kernels instead. Both must agree bit for
 * bit (raw bits, so even the sign of a zero): every parameter, every epoch's loss, and how a run ends. Random networks of one to three layers with every activation (softmax too, hidden
 * or on top), every loss, every optimizer, frozen parameters, shuffled or not, inputs with exact zeros and dead ReLUs
 * (so that the zero terms the kernels skip occur), and learning rates large enough to meet NaN.
 */
class RowPassTest {

    private static final Trainer.Monitor QUIET = new Trainer.Monitor() {
        @Override public boolean stopRequested() { return false; }

        @Override public void progress(int epoch, int epochs, double loss, double rate, double left) { }
    };

    private record Run(long[] params, long[] losses, Trainer.Result result) { }

    /** The two ways a batch of one can be trained. */
    enum Path { GRAPH, ROW_LOOPS }

    private static Run train(Network net, DataSet data, String optimizer, double lr, boolean shuffle, int epochs, Path path) {
        boolean plainBefore = Kernels.plainOnly;
        Kernels.plainOnly = path == Path.GRAPH;
        LossCurve curve = new LossCurve();
        Trainer.Result r;
        try {
            r = new Trainer(net, data, 1, Optimizer.Settings.sgd().named(optimizer), lr, shuffle, 3).run(epochs, curve, QUIET);
        } finally {
            Kernels.plainOnly = plainBefore;
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
            if (top && loss == Loss.CROSS_ENTROPY && out > 1 && rnd.nextInt(4) > 0) f = Activation.SOFTMAX;
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
        net.setSum(rnd.nextInt(3) == 0);
        return net;
    }

    private static DataSet randomData(Random rnd, int rows, int in, int out, Loss loss) {
        double[] X = new double[rows * in];
        double[] Y = new double[rows * out];
        for (int i = 0; i < X.length; i++) X[i] = rnd.nextInt(5) == 0 ? (rnd.nextBoolean() ? 0.0 : -0.0) : 2 * rnd.nextGaussian();
        for (int r = 0; r < rows; r++) {
            if ((loss == Loss.CROSS_ENTROPY || loss == Loss.CROSS_ENTROPY_LOGITS) && out > 1) Y[r * out + rnd.nextInt(out)] = 1;
            else for (int i = 0; i < out; i++) Y[r * out + i] = rnd.nextInt(4) == 0 ? 0.0 : rnd.nextDouble();
        }
        return new DataSet(rows, in, out, X, Y, null);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
            31, 32, 33, 34, 35, 36, 37, 38, 39, 40})
    void batchOfOneMatchesTheGraphBitForBit(int seed) {
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
        Run graph = train(randomNet(new Random(netSeed), in, out, loss), data, optimizer, lr, shuffle, 40, Path.GRAPH);
        Run row = train(randomNet(new Random(netSeed), in, out, loss), data, optimizer, lr, shuffle, 40, Path.ROW_LOOPS);
        assertSame(graph, row, loss + ", " + optimizer + ", lr " + lr + ", " + rows + " rows");
    }

    private static void assertSame(Run plain, Run row, String what) {
        assertEquals(java.util.Arrays.toString(plain.params), java.util.Arrays.toString(row.params), "parameters: " + what);
        assertEquals(java.util.Arrays.toString(plain.losses), java.util.Arrays.toString(row.losses), "losses: " + what);
        assertEquals(plain.result, row.result, "result: " + what);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void deeperAndWiderNetworksMatchTheGraph(int seed) {
        // deeper and wider than the 40 networks above: up to 6 layers of up to 16 units
        Random rnd = new Random(1000 + seed);
        Loss loss = Loss.values()[rnd.nextInt(Loss.values().length)];
        Network shape;
        int in, out;
        {
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
        }
        DataSet data = randomData(rnd, 1 + rnd.nextInt(6), in, out, loss);
        String optimizer = Optimizer.NAMES.get(rnd.nextInt(3));
        double lr = 0.01 + 0.3 * rnd.nextDouble();
        Run graph = train(shape.copy(), data, optimizer, lr, true, 15, Path.GRAPH);
        assertSame(graph, train(shape.copy(), data, optimizer, lr, true, 15, Path.ROW_LOOPS), shape.depth() + " layers, " + loss + ", " + optimizer);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "momentum", "adam"})
    void theReferenceNetworkTrainsExactlyAsStepDoes(String optimizer) {
        // the reference 3-2-1 network on its one example, 200 steps
        Network a = reference();
        Network b = reference();
        DataSet one = DataSet.single(new double[] {0.9, 0.2, 0.5}, new double[] {0});
        Run row = train(a, one, optimizer, 0.1, false, 200, Path.ROW_LOOPS);
        Run graph = train(b, one, optimizer, 0.1, false, 200, Path.GRAPH);
        assertSame(graph, row, optimizer);
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
        Run row = train(a, data, optimizer, 1e6, false, 100, Path.ROW_LOOPS);
        Run graph = train(b, data, optimizer, 1e6, false, 100, Path.GRAPH);
        assertNotNull(graph.result.fault(), "the run diverges");
        assertSame(graph, row, "loops");
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
