package nn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nn.core.Layer;
import nn.lang.NnError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code train DATA ... test=OTHER}: the test set's mean loss after every epoch, as {@code evaluate OTHER} would print
 * it at that point (bit for bit), and as NumPy computes it; aligned with the training curve by epoch through later
 * trains with and without a test set; a bad test set fails the statement and changes nothing.
 */
class TestCurveTest {

    static final String XOR = """
            init xavier seed=1
            layer tanh 2->4
            layer sigmoid 4->1
            data xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]
            data xt = [[0.1,0.1] -> [0], [0.1,0.9] -> [1], [0.9,0.2] -> [1], [0.8,0.9] -> [0], [0.5,0.5] -> [0]]
            """;

    /** Training settings whose N one-epoch trains leave the same parameters as one N-epoch train (no reshuffle from the seed). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lr=0.5", "lr=0.5 batch=1", "lr=0.05 batch=3 optimizer=adam", "lr=0.1 optimizer=momentum batch=2"})
    void eachPointIsWhatEvaluatePrintsAfterThatEpoch(String settings) {
        int epochs = 40;
        Harness a = new Harness().run(XOR).run("train xor epochs=" + epochs + " " + settings + " test=xt");
        double[] curve = a.state().testCurve.losses();
        assertArrayEquals(a.state().curve.epochs(), a.state().testCurve.epochs());
        assertEquals(epochs, curve.length);

        Harness b = new Harness().run(XOR);
        for (int e = 0; e < epochs; e++) {
            b.run("train xor epochs=1 " + settings + "\nevaluate xt");
            double evaluated = b.state().evaluations.get("xt").meanLoss();
            assertEquals(Double.doubleToRawLongBits(evaluated), Double.doubleToRawLongBits(curve[e]),
                    settings + ", epoch " + (e + 1) + ": " + curve[e] + " but evaluate printed " + evaluated);
        }
        assertArrayEquals(a.state().curve.losses(), b.state().curve.losses(), "the same training either way");
        assertEquals(curve[epochs - 1], a.value("test_loss").scalar(), 0);
    }

    /** More rows than evaluate's batch of 256: the meter goes through the set in pieces, as evaluate does. */
    @Test
    void aLargeTestSetIsMeasuredInPiecesAsEvaluateDoes() {
        String net = "init xavier seed=2; layer relu 5->8; layer softmax 8->3; loss cross_entropy; "
                + "data r = random(rows=40, inputs=5, classes=3, seed=1); data big = random(rows=700, inputs=5, classes=3, seed=2)";
        Harness a = new Harness().run(net).run("train r epochs=5 lr=0.1 batch=8 optimizer=adam test=big");
        Harness b = new Harness().run(net);
        for (int e = 0; e < 5; e++) {
            b.run("train r epochs=1 lr=0.1 batch=8 optimizer=adam; evaluate big");
            assertEquals(b.state().evaluations.get("big").meanLoss(), a.state().testCurve.losses()[e], 0, "epoch " + (e + 1));
        }
    }

    /**
     * Full-batch training measured on its own training set: epoch e's training loss is taken before that epoch's
     * update, the test loss after it, so the test curve is the training curve one epoch ahead, bit for bit.
     */
    @Test
    void onTheTrainingSetItselfTheTestCurveIsOneEpochAhead() {
        Harness h = new Harness().run(XOR).run("train xor epochs=200 lr=0.5 test=xor");
        double[] train = h.state().curve.losses();
        double[] test = h.state().testCurve.losses();
        for (int e = 0; e + 1 < train.length; e++) assertEquals(train[e + 1], test[e], 0, "epoch " + (e + 1));
    }

    @Test
    void laterTrainsKeepTheCurvesAlignedByEpochWithGapsWhereNothingWasTested() {
        Harness h = new Harness().run(XOR)
                .run("train xor epochs=5 lr=0.5")
                .run("train xor epochs=3 lr=0.5 test=xt")
                .run("train xor epochs=2 lr=0.5")
                .run("W0[0,0] = 0.3")
                .run("train xor epochs=2 lr=0.5 test=xt");
        State st = h.state();
        assertArrayEquals(st.curve.epochs(), st.testCurve.epochs());
        double[] t = st.testCurve.losses();
        assertEquals(12, t.length);
        for (int i = 0; i < 12; i++) {
            boolean tested = i >= 5 && i < 8 || i >= 10;
            assertEquals(tested, Double.isFinite(t[i]), "epoch " + (i + 1) + ": " + t[i]);
        }
        assertEquals("xt", st.testedOn);
        h.run("train xor epochs=1 lr=0.5");
        assertNull(h.state().testedOn);
        NnError e = h.fail1("show test_loss");
        assertTrue(e.getMessage().contains("the last train had none"), e.getMessage());
        // the chart: both curves while some kept epoch was measured
        h.run("plot loss");
        String text = ((Output.Drawing) h.outputs.get(h.outputs.size() - 1)).layout().text(80, true);
        assertTrue(text.contains("• train") && text.contains("× test"), text);
    }

    /** Thousands of epochs thin both curves the same way: the same epochs are kept, whenever the test set came in. */
    @Test
    void longRunsThinBothCurvesAlike() {
        Harness h = new Harness().run(XOR).run("train xor epochs=3000 lr=0.5").run("train xor epochs=2001 lr=0.5 test=xt").run("train xor epochs=777 lr=0.5");
        State st = h.state();
        assertArrayEquals(st.curve.epochs(), st.testCurve.epochs());
        long[] epochs = st.testCurve.epochs();
        double[] t = st.testCurve.losses();
        for (int i = 0; i < epochs.length; i++) assertEquals(epochs[i] > 3000 && epochs[i] <= 5001, Double.isFinite(t[i]), "epoch " + epochs[i]);
    }

    @Test
    void withoutTestTheSessionHasNoTestCurveAndPlotDrawsOne() {
        Harness h = new Harness().run(XOR).run("train xor epochs=50 lr=0.5");
        assertNull(h.state().testCurve);
        h.run("plot loss");
        String text = ((Output.Drawing) h.outputs.get(h.outputs.size() - 1)).layout().text(80, true);
        assertFalse(text.contains("train") || text.contains("test"), "no legend for one curve\n" + text);
    }

    @Test
    void theSummaryAndTheProgressLineGiveTheTestLoss() {
        Harness h = new Harness().run(XOR);
        h.outputs.clear();
        h.run("train xor epochs=100 lr=0.5 test=xt");
        String info = h.outputs.toString();
        double first = h.state().testCurve.losses()[0];
        double last = h.state().testCurve.last();
        assertTrue(info.contains("test loss (mean over xt after each epoch): " + Format.number(first, 4) + " → " + Format.number(last, 4)), info);
        String line = new nn.text.Renderer(nn.text.Style.PLAIN, () -> 80).render(new Output.Progress(12, 100, 0.25, 1000, 3, 0.5));
        assertTrue(line.startsWith("epoch 12/100  loss 0.25  test 0.5"), line);
        String without = new nn.text.Renderer(nn.text.Style.PLAIN, () -> 80).render(new Output.Progress(12, 100, 0.25, 1000, 3));
        assertFalse(without.contains("test"), without);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"train xor epochs=5 lr=0.5 test=nope", "train xor epochs=5 lr=0.5 test=three", "train xor epochs=5 lr=0.5 test=two",
        "train xor epochs=5 lr=0.5 test=1", "train xor epochs=5 lr=0.5 test", "train xor epochs=0 lr=0.5 test=xt", "train xor epochs=5 test=xt"})
    void aBadTestSetFailsAndChangesNothing(String statement) {
        Harness h = new Harness().run(XOR).run("data three = [[0,0,1] -> [0]]; data two = [[0,0] -> [0, 1]]; train xor epochs=3 lr=0.5 test=xt; train xor epochs=2 lr=0.5");
        AtomicityTest.unchangedBy(h, statement);
    }

    @Test
    void aBadTestSetIsReportedAtItsName() {
        Harness h = new Harness().run(XOR).run("data three = [[0,0,1] -> [0]]");
        String statement = "train xor epochs=5 lr=0.5 test=three";
        NnError e = h.fail1(statement);
        assertEquals("three has 3 inputs per row but layer 0 takes 2", e.getMessage());
        assertEquals(statement.indexOf("three") + 1, e.diagnostic().pos().column(), "at `three`");
        assertEquals(5, e.diagnostic().pos().length());
        e = h.fail1("train xor epochs=5 lr=0.5 test=xtt");
        assertTrue(e.getMessage().contains("no data set named 'xtt'") && e.diagnostic().hint().contains("xt"), e.getMessage() + " " + e.diagnostic().hint());
    }

    /** A train that overflows fails as a whole: the test curve is not extended either. */
    @Test
    void anOverflowingTrainLeavesTheTestCurveAsItWas() {
        Harness h = new Harness().run("layer linear 1->1; W0 = [[2]]; b0 = [0]; data d = [[1] -> [-10]]; train d epochs=2 lr=0.01 test=d");
        AtomicityTest.unchangedBy(h, "train d epochs=1 lr=1e308 test=d");
        assertEquals(2, h.state().testCurve.total());
    }

    @Test
    void testCompletesTheDataSets() {
        Harness h = new Harness().run(XOR);
        List<String> values = new ArrayList<>();
        String line = "train xor epochs=10 lr=0.5 test=x";
        for (CompletionTable.Suggestion s : Completions.suggest(line, line.length(), h.state(), Path.of("."))) values.add(s.value());
        assertEquals(List.of("test=xor", "test=xt"), values);
        line = "train xor epochs=10 lr=0.5 te";
        values.clear();
        for (CompletionTable.Suggestion s : Completions.suggest(line, line.length(), h.state(), Path.of("."))) values.add(s.value());
        assertTrue(values.contains("test="), values.toString());
    }

    /**
     * The test curve against NumPy in float64: full-batch gradient descent on XOR written out by hand (tanh, sigmoid,
     * half of the squared error, its mean over the rows), the test set's mean loss after every update.
     */
    @Test
    void theTestCurveAgreesWithNumPy(@TempDir Path dir) throws IOException, InterruptedException {
        int epochs = 300;
        Harness h = new Harness().run(XOR);
        State st = h.state();
        StringBuilder py = new StringBuilder("import numpy as np\n");
        for (int k = 0; k < 2; k++) {
            Layer l = st.net.layer(k);
            py.append("W").append(k).append(" = np.array(").append(list(l.W)).append(", dtype=np.float64).reshape(").append(l.out).append(", ").append(l.in).append(")\n");
            py.append("b").append(k).append(" = np.array(").append(list(l.b)).append(", dtype=np.float64)\n");
        }
        py.append("""
                X = np.array([[0,0],[0,1],[1,0],[1,1]], dtype=np.float64); Y = np.array([[0],[1],[1],[0]], dtype=np.float64)
                T = np.array([[0.1,0.1],[0.1,0.9],[0.9,0.2],[0.8,0.9],[0.5,0.5]]); U = np.array([[0],[1],[1],[0],[0]], dtype=np.float64)
                def forward(X):
                    h = np.tanh(X @ W0.T + b0)
                    return h, 1 / (1 + np.exp(-(h @ W1.T + b1)))
                def loss(X, Y):
                    return np.mean(0.5 * np.sum((forward(X)[1] - Y) ** 2, axis=1))
                for e in range(EPOCHS):
                    h, o = forward(X)
                    dz1 = (o - Y) / len(X) * o * (1 - o)
                    dz0 = (dz1 @ W1) * (1 - h ** 2)
                    W1 = W1 - 0.5 * dz1.T @ h; b1 = b1 - 0.5 * dz1.sum(0)
                    W0 = W0 - 0.5 * dz0.T @ X; b0 = b0 - 0.5 * dz0.sum(0)
                    print(repr(float(loss(T, U))))
                """.replace("EPOCHS", String.valueOf(epochs)));
        Path script = dir.resolve("xor_test_curve.py");
        Files.writeString(script, py.toString(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "NumPy took too long");
        assertEquals(0, p.exitValue(), "NumPy (/usr/bin/python3) failed:\n" + err);
        String[] lines = out.strip().split("\n");
        assertEquals(epochs, lines.length);
        h.run("train xor epochs=" + epochs + " lr=0.5 test=xt");
        double[] curve = h.state().testCurve.losses();
        double worst = 0;
        for (int e = 0; e < epochs; e++) {
            double numpy = Double.parseDouble(lines[e]);
            worst = Math.max(worst, Math.abs(curve[e] - numpy) / Math.abs(numpy));
        }
        assertTrue(worst < 1e-12, "largest relative difference from NumPy: " + worst);
    }

    private static String list(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) b.append(i > 0 ? ", " : "").append(Double.toString(v[i]));
        return b.append("]").toString();
    }
}
