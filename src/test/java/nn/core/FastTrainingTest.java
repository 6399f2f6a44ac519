package nn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole training runs with the blocked, parallel kernels against the same runs on the plain loops: every parameter
 * and every epoch's loss must agree to 1e-12 relative (the kernels promise bit-for-bit equality, which is what
 * this in fact finds). Shapes big enough that every kernel takes its blocked path, and the first layer its
 * parallel one.
 */
class FastTrainingTest {

    private static Network mlp(int in, int hidden, int classes) {
        Network net = new Network();
        net.add(new Layer("h", Activation.RELU, 0, in, hidden));
        net.add(new Layer("o", Activation.SOFTMAX, 0, hidden, classes));
        net.setLoss(Loss.CROSS_ENTROPY);
        java.util.Random rnd = new java.util.Random(7);
        for (int k = 0; k < net.depth(); k++) Init.fill(net.layer(k), Init.Scheme.HE, 0, 0, rnd);
        return net;
    }

    private static final Trainer.Monitor QUIET = new Trainer.Monitor() {
        @Override public boolean stopRequested() { return false; }

        @Override public void progress(int epoch, int epochs, double loss, double rate, double left) { }
    };

    private static double[] train(Network net, DataSet data, int batch, String optimizer, boolean plain, LossCurve curve) {
        boolean before = Kernels.plainOnly;
        Kernels.plainOnly = plain;
        try {
            new Trainer(net, data, batch, Optimizer.Settings.sgd().named(optimizer), 0.01, true, 5).run(2, curve, QUIET);
        } finally {
            Kernels.plainOnly = before;
        }
        return flat(net);
    }

    private static double[] flat(Network net) {
        int n = 0;
        for (Layer l : net.layers()) n += l.W.length + l.b.length;
        double[] all = new double[n];
        int at = 0;
        for (Layer l : net.layers()) {
            System.arraycopy(l.W, 0, all, at, l.W.length);
            at += l.W.length;
            System.arraycopy(l.b, 0, all, at, l.b.length);
            at += l.b.length;
        }
        return all;
    }

    @ParameterizedTest(name = "{0} inputs, {1} hidden, batch {2}, {3}")
    @CsvSource({"300, 64, 64, sgd", "97, 33, 50, adam", "784, 40, 64, momentum"})
    void trainingWithFastKernelsMatchesThePlainLoops(int in, int hidden, int batch, String optimizer) {
        DataSet data = DataSet.random(256, in, 10, 0, 11);
        LossCurve fastCurve = new LossCurve();
        LossCurve plainCurve = new LossCurve();
        double[] fast = train(mlp(in, hidden, 10), data, batch, optimizer, false, fastCurve);
        double[] plain = train(mlp(in, hidden, 10), data, batch, optimizer, true, plainCurve);
        assertEquals(plain.length, fast.length);
        double[] start = flat(mlp(in, hidden, 10));
        int moved = 0;
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i], fast[i], 1e-12 * Math.abs(plain[i]), "parameter " + i);
            if (fast[i] != start[i]) moved++;
        }
        assertTrue(moved > plain.length / 2, "training changed the parameters");
        double[] lf = fastCurve.losses();
        double[] lp = plainCurve.losses();
        assertEquals(2, lp.length);
        for (int e = 0; e < lp.length; e++) assertEquals(lp[e], lf[e], 1e-12 * Math.abs(lp[e]), "loss of epoch " + (e + 1));
    }
}
